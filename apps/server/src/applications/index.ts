import type { DatabaseHandle } from "@creditdesk/db";
import {
  addApplicationComment,
  addCustomerRisk,
  analyseApplicationStatements,
  buildCaseFile,
  clearSignal,
  closeCustomerRisk,
  createApplication,
  createApplicationLink,
  decideApplication,
  documentUploadSchema,
  fulfilApplicationCondition,
  getApplication,
  getApplicationDocument,
  inspectApplicationLink,
  listApplications,
  listCustomerRisks,
  loadApplicationsConfig,
  pullRatingReport,
  recordEvidence,
  renderCaseFilePdf,
  riskCloseSchema,
  riskInputSchema,
  riskUpdateSchema,
  runApplicationCheck,
  saveApplicationsConfig,
  submitPublicApplication,
  updateCustomerRisk,
  uploadApplicationDocument,
} from "@creditdesk/lib/applications";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorFrom } from "../limits/actor.ts";
import { problemResponses as p } from "../shared/problem.ts";
import {
  APPLICATIONS_TAG,
  anyObject,
  asOfBody,
  caseFileQuery,
  clearBody,
  commentBody,
  conditionMetBody,
  conditionParams,
  configSchema,
  createBody,
  customerParams,
  decisionBody,
  documentParams,
  evidenceBody,
  idParams,
  linkBody,
  linkSchema,
  linkStateSchema,
  listQuery,
  PUBLIC_FORM_TAG,
  RISKS_TAG,
  riskParams,
  signalParams,
  tokenParams,
} from "./applications.schema.ts";
import { assertCustomerInScope, seesOtherParties } from "./scope.ts";

/** Uploads travel base64 in JSON: room for the configured files (the use case checks each). */
const UPLOAD_BODY_LIMIT = 32 * 1024 * 1024;
const forbidden = { 401: p[400].describe("not signed in"), 403: p[400].describe("not allowed") };

/**
 * Credit applications and new-customer screening: applications (sales entry and the public form
 * behind a token link), checks (duplicates, fraud signals), the investigation checklist with
 * evidence, rating waterfall, statement analysis, signal clearance, four-eyes decision, case file
 * (JSON or PDF), the customer risk register. Use cases that record their own audit entry (with
 * the decision's inputs and reason) run with `audit: false`.
 */
export function registerApplicationRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visibleApplication = async (request: Parameters<typeof assertCustomerInScope>[0], id: number) => {
    const view = await getApplication({ handle, id, redactParties: !seesOtherParties(request) });
    await assertCustomerInScope(request, handle, view.customerId);
    return view;
  };

  r.get(
    "/applications",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Credit applications, newest first",
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(anyObject), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) =>
      listApplications({
        handle,
        status: request.query.status,
        beforeId: request.query.cursor,
        limit: request.query.limit,
      }),
  );
  r.post(
    "/applications",
    {
      config: { permission: "applications:write", audit: false },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Enter a credit application for a prospect (with documents, base64)",
        description:
          "Creates the prospect (customer status `prospect`, code APP-<id>) owned by the caller unless `salesOwner` is given.",
        body: createBody,
        response: { 201: anyObject, 400: p[400], 413: p[400], 415: p[400], ...forbidden },
      },
    },
    async (request, reply) => {
      const { documents, ...input } = request.body;
      const created = await createApplication({ handle, actor: actorFrom(request), input, documents });
      return reply
        .code(201)
        .send(await getApplication({ handle, id: created.id, redactParties: !seesOtherParties(request) }));
    },
  );
  r.get(
    "/applications/config",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary:
          "The screening configuration: checklist per type and amount, rating waterfall, signal thresholds",
        response: { 200: configSchema },
      },
    },
    async () => loadApplicationsConfig(handle.db),
  );
  r.put(
    "/applications/config",
    {
      config: { permission: "applications:decide" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Replace the screening configuration (validated)",
        body: configSchema,
        response: { 200: configSchema, 400: p[400], ...forbidden },
      },
    },
    async (request) => saveApplicationsConfig({ handle, config: request.body }),
  );
  r.post(
    "/applications/links",
    {
      config: { permission: "applications:write" },
      schema: {
        tags: [PUBLIC_FORM_TAG],
        summary: "Create a link to the public application form (token shown once, stored hashed)",
        body: linkBody,
        response: { 201: linkSchema, 400: p[400], ...forbidden },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await createApplicationLink({
          handle,
          actor: actorFrom(request),
          prospectName: request.body.prospectName,
        }),
      ),
  );
  r.get(
    "/applications/:id",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "An application with checklist, signals, duplicates, documents, comments and decision",
        params: idParams,
        response: { 200: anyObject, 404: p[404] },
      },
    },
    async (request) => visibleApplication(request, request.params.id),
  );
  r.post(
    "/applications/:id/check",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Run duplicate detection and the fraud and integrity signals",
        params: idParams,
        response: { 200: anyObject, 404: p[404], ...forbidden },
      },
    },
    async (request) => {
      await visibleApplication(request, request.params.id);
      await runApplicationCheck({ handle, actor: actorFrom(request), id: request.params.id });
      return visibleApplication(request, request.params.id);
    },
  );
  r.post(
    "/applications/:id/documents",
    {
      config: { permission: "applications:write" },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Upload a document (PDF, PNG or JPEG; size limited by configuration)",
        params: idParams,
        body: documentUploadSchema,
        response: {
          201: anyObject,
          400: p[400],
          404: p[404],
          409: p[409],
          413: p[400],
          415: p[400],
          ...forbidden,
        },
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      return reply.code(201).send(
        await uploadApplicationDocument({
          handle,
          actor: actorFrom(request),
          id: request.params.id,
          upload: request.body,
        }),
      );
    },
  );
  r.get(
    "/applications/:id/documents/:documentId",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Download a document",
        params: documentParams,
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      const doc = await getApplicationDocument({
        handle,
        id: request.params.id,
        documentId: request.params.documentId,
      });
      return reply
        .type(doc.contentType)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header("x-content-type-options", "nosniff")
        .send(doc.content);
    },
  );
  r.post(
    "/applications/:id/evidence",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary:
          "Record evidence on a checklist item (note and/or document, date; registry name on registration)",
        params: idParams,
        body: evidenceBody,
        response: { 201: anyObject, 400: p[400], 404: p[404], 409: p[409], ...forbidden },
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      return reply
        .code(201)
        .send(
          await recordEvidence({ handle, actor: actorFrom(request), id: request.params.id, ...request.body }),
        );
    },
  );
  r.post(
    "/applications/:id/rating-pulls",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary:
          "Obtain the external rating through the agency waterfall (reuses a report younger than the configured age)",
        params: idParams,
        body: asOfBody,
        response: { 201: anyObject, 404: p[404], 409: p[409], 422: p[422], ...forbidden },
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      return reply.code(201).send(
        await pullRatingReport({
          handle,
          actor: actorFrom(request),
          id: request.params.id,
          asOf: request.body.asOf,
        }),
      );
    },
  );
  r.post(
    "/applications/:id/statement-analysis",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Analyse the prospect's statements with the assessment engine (evidence on the checklist)",
        params: idParams,
        body: asOfBody,
        response: { 201: anyObject, 404: p[404], 409: p[409], 422: p[422], ...forbidden },
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      return reply.code(201).send(
        await analyseApplicationStatements({
          handle,
          actor: actorFrom(request),
          id: request.params.id,
          baseCurrency: options.baseCurrency,
          asOf: request.body.asOf,
        }),
      );
    },
  );
  r.post(
    "/applications/:id/signals/:code/clear",
    {
      config: { permission: "applications:clear-signals", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Clear a fraud or integrity signal with a reason (recorded)",
        params: signalParams,
        body: clearBody,
        response: { 200: anyObject, 400: p[400], 404: p[404], 409: p[409], ...forbidden },
      },
    },
    async (request) => {
      await visibleApplication(request, request.params.id);
      await clearSignal({
        handle,
        actor: actorFrom(request),
        id: request.params.id,
        code: request.params.code,
        reason: request.body.reason,
      });
      return visibleApplication(request, request.params.id);
    },
  );
  r.post(
    "/applications/:id/comments",
    {
      config: { permission: "applications:write" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Comment on the case",
        params: idParams,
        body: commentBody,
        response: { 201: anyObject, 400: p[400], 404: p[404], ...forbidden },
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      return reply.code(201).send(
        await addApplicationComment({
          handle,
          actor: actorFrom(request),
          id: request.params.id,
          body: request.body.body,
        }),
      );
    },
  );
  r.post(
    "/applications/:id/decision",
    {
      config: { permission: "applications:decide", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Approve (terms, limit, review date), approve with conditions, or decline with a reason",
        description:
          "Four eyes: the creator cannot decide. Approval needs a complete checklist, every high-risk signal cleared and limit authority; it activates the customer and sets the limit.",
        params: idParams,
        body: decisionBody,
        response: { 200: anyObject, 400: p[400], 404: p[404], 409: p[409], 422: p[422], ...forbidden },
      },
    },
    async (request) => {
      await visibleApplication(request, request.params.id);
      await decideApplication({
        handle,
        actor: actorFrom(request),
        id: request.params.id,
        input: request.body,
      });
      return visibleApplication(request, request.params.id);
    },
  );
  r.post(
    "/applications/:id/conditions/:kind/met",
    {
      config: { permission: "applications:decide", audit: false },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "Record that a condition of the approval is met (guarantee received, insured limit granted)",
        description:
          "A guarantee becomes a credit security; credit insurance cover is met only once the insurer granted the insured limit. While a condition is open the customer's credit account is on hold (the credit check blocks release).",
        params: conditionParams,
        body: conditionMetBody,
        response: { 200: anyObject, 400: p[400], 404: p[404], 409: p[409], 422: p[422], ...forbidden },
      },
    },
    async (request) => {
      await visibleApplication(request, request.params.id);
      return fulfilApplicationCondition({
        handle,
        actor: actorFrom(request),
        id: request.params.id,
        kind: request.params.kind,
        input: request.body,
      });
    },
  );
  r.get(
    "/applications/:id/case-file",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [APPLICATIONS_TAG],
        summary: "The case file: PDF (format=pdf, default) or JSON (format=json)",
        params: idParams,
        querystring: caseFileQuery,
      },
    },
    async (request, reply) => {
      await visibleApplication(request, request.params.id);
      const file = await buildCaseFile({
        handle,
        id: request.params.id,
        language: request.query.lang ?? null,
        redactParties: !seesOtherParties(request),
      });
      if (request.query.format === "json") {
        return reply.type("application/json").send(JSON.stringify(file));
      }
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="case-file-APP-${request.params.id}.pdf"`)
        .send(await renderCaseFilePdf(file));
    },
  );

  // Risk register per customer (customers route: the guard's data scope applies by idOrCode).
  r.get(
    "/customers/:idOrCode/risks",
    {
      config: { permission: "applications:read" },
      schema: {
        tags: [RISKS_TAG],
        summary: "The customer's risk register",
        params: customerParams,
        response: { 200: z.object({ items: z.array(anyObject) }), 404: p[404] },
      },
    },
    async (request) => ({ items: await listCustomerRisks({ handle, customer: request.params.idOrCode }) }),
  );
  r.post(
    "/customers/:idOrCode/risks",
    {
      // addCustomerRisk records its own audit entry.
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [RISKS_TAG],
        summary: "Add a credit, operational, market or reputation risk",
        params: customerParams,
        body: riskInputSchema,
        response: { 201: anyObject, 400: p[400], 404: p[404], ...forbidden },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addCustomerRisk({
          handle,
          actor: actorFrom(request),
          customer: request.params.idOrCode,
          input: request.body,
        }),
      ),
  );
  r.patch(
    "/customers/:idOrCode/risks/:riskId",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [RISKS_TAG],
        summary:
          "Update an open risk (likelihood, impact, owner, mitigation, review date, description), with an optional reason",
        params: riskParams,
        body: riskUpdateSchema,
        response: { 200: anyObject, 400: p[400], 404: p[404], 409: p[409], ...forbidden },
      },
    },
    async (request) =>
      updateCustomerRisk({
        handle,
        actor: actorFrom(request),
        customer: request.params.idOrCode,
        riskId: request.params.riskId,
        update: request.body,
      }),
  );
  r.post(
    "/customers/:idOrCode/risks/:riskId/close",
    {
      config: { permission: "applications:write", audit: false },
      schema: {
        tags: [RISKS_TAG],
        summary: "Close a risk with a reason (who, when and why kept on the entry and audited)",
        params: riskParams,
        body: riskCloseSchema,
        response: { 200: anyObject, 400: p[400], 404: p[404], 409: p[409], ...forbidden },
      },
    },
    async (request) =>
      closeCustomerRisk({
        handle,
        actor: actorFrom(request),
        customer: request.params.idOrCode,
        riskId: request.params.riskId,
        reason: request.body.reason,
      }),
  );

  // The public form: no sign-in; the token is the only key (hashed at rest, expiring, single use).
  r.get(
    "/public/applications/:token",
    {
      config: { public: true },
      schema: {
        tags: [PUBLIC_FORM_TAG],
        summary: "State of an application link (open, used, expired) and the upload limits",
        security: [],
        params: tokenParams,
        response: { 200: linkStateSchema, 404: p[404] },
      },
    },
    async (request) => inspectApplicationLink({ handle, token: request.params.token }),
  );
  r.post(
    "/public/applications/:token",
    {
      config: { public: true },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: [PUBLIC_FORM_TAG],
        summary: "Submit the application through the link (once)",
        security: [],
        params: tokenParams,
        body: createBody.omit({ salesOwner: true }).meta({ id: "PublicApplicationSubmit" }),
        response: {
          201: z.object({ id: z.number().int(), reference: z.string() }),
          400: p[400],
          404: p[404],
          409: p[409],
          413: p[400],
          415: p[400],
        },
      },
    },
    async (request, reply) => {
      const { documents, ...input } = request.body;
      const done = await submitPublicApplication({ handle, token: request.params.token, input, documents });
      // Only the reference goes back: the prospect learns nothing of the screening.
      return reply.code(201).send(done);
    },
  );
}
