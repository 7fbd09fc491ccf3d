import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import {
  assignReceivables,
  cancelInsurancePolicy,
  checkInsurance,
  createFactoringAgreement,
  createInsurancePolicy,
  endFactoredReceivable,
  fileInsuranceClaim,
  fileOverdueNotification,
  getCustomerInsurance,
  getInsuranceClaim,
  getInsurancePolicy,
  type InsuranceActor,
  listFactoredReceivables,
  listFactoringAgreements,
  listInsuranceClaims,
  listInsurancePolicies,
  listInsuredLimitHistory,
  listInsuredPositions,
  listNotificationDeadlines,
  listOverdueNotifications,
  moveInsuranceClaim,
  recordInsurerDecision,
  requestInsuredLimit,
  requireAgreement,
} from "@creditdesk/lib/insurance";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import {
  agreementBody,
  agreementSchema,
  asOfQuery,
  assignBody,
  cancelPolicyBody,
  checkBody,
  checkSchema,
  claimBody,
  claimParams,
  claimSchema,
  claimStatusBody,
  claimsQuery,
  customerFilterQuery,
  customerInsuranceSchema,
  customerParams,
  deadlineSchema,
  deadlinesQuery,
  decisionBody,
  endFactoredBody,
  FACTORING_TAG,
  factoredQuery,
  factoredSchema,
  INSURANCE_TAG,
  idParams,
  insuredLimitSchema,
  insuredPositionSchema,
  items,
  notificationBody,
  notificationSchema,
  policyBody,
  policyParams,
  policySchema,
  requestLimitBody,
} from "./insurance.schema.ts";

const today = () => new Date().toISOString().slice(0, 10);
const READ = { permission: "insurance:read" } as const;
/** Use cases write their own audit entries (decisions with inputs and outcome), in their transaction. */
const WRITE = { permission: "insurance:write", audit: false } as const;

function actorOf(request: FastifyRequest): InsuranceActor {
  const p = request.principal;
  if (!p) {
    throw new AppError("UNAUTHORIZED", "sign in (POST /auth/login) or send an API token");
  }
  return { id: p.login, role: p.role };
}

async function customerIdOf(handle: DatabaseHandle, key: string | undefined): Promise<number | undefined> {
  if (key === undefined) {
    return undefined;
  }
  const id = await findCustomerId(handle.db, key);
  if (id === undefined) {
    throw AppError.notFound("customer", key);
  }
  return id;
}

/**
 * Credit insurance (`/insurance/…`, `/customers/{idOrCode}/insurance`) and factoring
 * (`/factoring/…`). Reads need insurance:read, changes insurance:write; every change (insurer
 * decisions and claims above all) is audited by its use case. Customer-bearing lists carry
 * `customerId`, so the sales data scope applies.
 */
export function registerInsuranceRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const created = { 400: problemResponses[400], 404: problemResponses[404], 409: problemResponses[409] };

  r.get(
    "/insurance/policies",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Credit insurance policies",
        querystring: asOfQuery,
        response: { 200: items(policySchema) },
      },
    },
    async (request) => listInsurancePolicies({ handle, asOf: request.query.asOf ?? today() }),
  );
  r.post(
    "/insurance/policies",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary:
          "Record a policy (insurer, indemnity %, maximum liability, waiting period, notification deadline, premium)",
        body: policyBody,
        response: { 201: policySchema, ...created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createInsurancePolicy({ handle, actor: actorOf(request), input: request.body })),
  );
  r.get(
    "/insurance/policies/:policy",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "One policy (by id or policy number)",
        params: policyParams,
        response: { 200: policySchema, 404: problemResponses[404] },
      },
    },
    async (request) => getInsurancePolicy({ handle, policy: request.params.policy }),
  );
  r.post(
    "/insurance/policies/:policy/cancel",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Cancel a policy from a date (earlier cover is unchanged)",
        params: policyParams,
        body: cancelPolicyBody,
        response: { 200: policySchema, ...created },
      },
    },
    async (request) =>
      cancelInsurancePolicy({
        handle,
        actor: actorOf(request),
        policy: request.params.policy,
        ...request.body,
      }),
  );
  r.get(
    "/insurance/limits",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary:
          "Insured position of every buyer: limit in force, exposure, cover, excess over the insured limit",
        querystring: asOfQuery,
        response: { 200: items(insuredPositionSchema) },
      },
    },
    async (request) => ({
      items: await listInsuredPositions({ handle, asOf: request.query.asOf ?? today() }),
    }),
  );
  r.get(
    "/insurance/limits/history",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Insured-limit requests and insurer decisions, newest first",
        querystring: customerFilterQuery,
        response: { 200: items(insuredLimitSchema), 404: problemResponses[404] },
      },
    },
    async (request) => ({
      items: await listInsuredLimitHistory({
        handle,
        customerId: await customerIdOf(handle, request.query.customer),
      }),
    }),
  );
  r.post(
    "/insurance/limits/requests",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Request an insured limit on a buyer (pending until the insurer decides)",
        body: requestLimitBody,
        response: { 201: insuredLimitSchema, ...created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestInsuredLimit({ handle, actor: actorOf(request), ...request.body })),
  );
  r.post(
    "/insurance/limits/decisions",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Record the insurer's decision (full / partial / refused) on a request or directly",
        description: "Audited as a credit decision: who, when, inputs, outcome and the insurer's reference.",
        body: decisionBody,
        response: { 201: insuredLimitSchema, ...created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordInsurerDecision({ handle, actor: actorOf(request), input: request.body })),
  );
  r.get(
    "/insurance/deadlines",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Overdue invoices of insured buyers against their notification deadline",
        querystring: deadlinesQuery,
        response: { 200: items(deadlineSchema) },
      },
    },
    async (request) => ({
      items: await listNotificationDeadlines({
        handle,
        asOf: request.query.asOf ?? today(),
        ...(request.query.state ? { states: [request.query.state] } : {}),
      }),
    }),
  );
  r.get(
    "/insurance/notifications",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Overdue notifications filed with insurers",
        querystring: customerFilterQuery,
        response: { 200: items(notificationSchema), 404: problemResponses[404] },
      },
    },
    async (request) => ({
      items: await listOverdueNotifications({
        handle,
        customerId: await customerIdOf(handle, request.query.customer),
      }),
    }),
  );
  r.post(
    "/insurance/notifications",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Record an overdue notification filed with the insurer (date, invoices)",
        body: notificationBody,
        response: { 201: notificationSchema, ...created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await fileOverdueNotification({ handle, actor: actorOf(request), ...request.body })),
  );
  r.get(
    "/insurance/claims",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Claims with status and expected indemnity",
        querystring: claimsQuery,
        response: { 200: items(claimSchema), 404: problemResponses[404] },
      },
    },
    async (request) => ({
      items: await listInsuranceClaims({
        handle,
        customerId: await customerIdOf(handle, request.query.customer),
        ...(request.query.status ? { statuses: [request.query.status] } : {}),
      }),
    }),
  );
  r.post(
    "/insurance/claims",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "File a claim with the insurer",
        body: claimBody,
        response: { 201: claimSchema, ...created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await fileInsuranceClaim({ handle, actor: actorOf(request), input: request.body })),
  );
  r.get(
    "/insurance/claims/:claim",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "One claim (id or reference) with its history",
        params: claimParams,
        response: {
          200: claimSchema.extend({ events: z.array(z.looseObject({ status: z.string() })) }),
          404: problemResponses[404],
        },
      },
    },
    async (request) => getInsuranceClaim({ handle, claim: request.params.claim }),
  );
  r.post(
    "/insurance/claims/:claim/status",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary: "Move a claim: under_review, paid (with indemnity paid), rejected (with reason)",
        params: claimParams,
        body: claimStatusBody,
        response: { 200: claimSchema, ...created },
      },
    },
    async (request) => {
      const { status, on, indemnityPaidMinor, reason } = request.body;
      return moveInsuranceClaim({
        handle,
        actor: actorOf(request),
        claim: request.params.claim,
        to: status,
        on,
        indemnityPaidMinor,
        reason,
      });
    },
  );
  r.post(
    "/insurance/check",
    {
      config: WRITE,
      schema: {
        tags: [INSURANCE_TAG],
        summary:
          "Run the insurance check: deadline warnings, cover lost, exposure above insured limits (raises alerts)",
        body: checkBody.optional(),
        response: { 200: checkSchema },
      },
    },
    async (request) => checkInsurance({ handle, asOf: request.body?.asOf ?? today() }),
  );
  r.get(
    "/customers/:idOrCode/insurance",
    {
      config: READ,
      schema: {
        tags: [INSURANCE_TAG],
        summary:
          "The customer's insurance and factoring: insured limits, exposure net of cover, deadlines, claims",
        params: customerParams,
        querystring: asOfQuery,
        response: { 200: customerInsuranceSchema, 404: problemResponses[404] },
      },
    },
    async (request) =>
      getCustomerInsurance({
        handle,
        customer: request.params.idOrCode,
        asOf: request.query.asOf ?? today(),
      }),
  );

  r.get(
    "/factoring/agreements",
    {
      config: READ,
      schema: {
        tags: [FACTORING_TAG],
        summary: "Factoring agreements",
        response: { 200: items(agreementSchema) },
      },
    },
    async () => listFactoringAgreements({ handle }),
  );
  r.post(
    "/factoring/agreements",
    {
      config: WRITE,
      schema: {
        tags: [FACTORING_TAG],
        summary: "Record a factoring agreement (recourse, advance rate, fees)",
        body: agreementBody,
        response: { 201: agreementSchema, ...created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createFactoringAgreement({ handle, actor: actorOf(request), input: request.body })),
  );
  r.get(
    "/factoring/receivables",
    {
      config: READ,
      schema: {
        tags: [FACTORING_TAG],
        summary: "Invoices sold or pledged to factors",
        querystring: factoredQuery,
        response: { 200: items(factoredSchema), 404: problemResponses[404] },
      },
    },
    async (request) => ({
      items: await listFactoredReceivables({
        handle,
        customerId: await customerIdOf(handle, request.query.customer),
        agreementId: request.query.agreement
          ? (await requireAgreement(handle.db, request.query.agreement)).id
          : undefined,
        status: request.query.status,
      }),
    }),
  );
  r.post(
    "/factoring/receivables",
    {
      config: WRITE,
      schema: {
        tags: [FACTORING_TAG],
        summary: "Sell or pledge invoices to a factor (non-recourse sales leave the customer's exposure)",
        body: assignBody,
        response: { 201: items(factoredSchema), ...created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assignReceivables({ handle, actor: actorOf(request), ...request.body })),
  );
  r.post(
    "/factoring/receivables/:id/end",
    {
      config: WRITE,
      schema: {
        tags: [FACTORING_TAG],
        summary: "End a factored invoice: repurchased (back in exposure) or settled",
        params: idParams,
        body: endFactoredBody,
        response: { 200: factoredSchema, ...created },
      },
    },
    async (request) =>
      endFactoredReceivable({ handle, actor: actorOf(request), id: request.params.id, ...request.body }),
  );
}
