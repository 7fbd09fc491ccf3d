import type { DatabaseHandle } from "@creditdesk/db";
import {
  createContract,
  createSecurity,
  decideLimitRequest,
  getLimitRequest,
  listBlockedOrders,
  listContractsAndSecurities,
  listLimitRequests,
  loadAuthorityMatrix,
  quoteLateInterest,
  recommendCustomerLimit,
  requestLimitChange,
  resolveBlockedOrder,
  resubmitLimitRequest,
  saveAuthorityMatrix,
} from "@creditdesk/lib/limits";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertCustomerInScope } from "../identity/data-scope.ts";
import { problemResponses as p } from "../shared/problem.ts";
import { ACTOR_HEADERS_NOTE, actorFrom } from "./actor.ts";
import { creditCheckResultSchema } from "./credit-checks.schema.ts";
import {
  authorityMatrixSchema,
  BLOCKED_TAG,
  CONTRACTS_TAG,
  contractBody,
  contractSchema,
  contractsSchema,
  customerParams,
  decisionBody,
  idParams,
  lateInterestQuery,
  lateInterestSchema,
  limitRequestBody,
  limitRequestWithStepsSchema,
  listRequestsQuery,
  REQUESTS_TAG,
  recommendationQuery,
  recommendationSchema,
  resolveBlockedBody,
  resubmitBody,
  securityBody,
  securitySchema,
} from "./workflow.schema.ts";

const actorErrors = { 401: p[400].describe("no actor headers"), 403: p[400].describe("not allowed") };

/** Limit requests and approvals, authority matrix, recommendation, blocked orders, contracts. */
export function registerLimitWorkflowRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/customers/:idOrCode/limit-recommendation",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "Recommended limit with every method's figure and what bound it",
        params: customerParams,
        querystring: recommendationQuery,
        response: { 200: recommendationSchema, 404: p[404] },
      },
    },
    async (request) =>
      recommendCustomerLimit({ handle, customer: request.params.idOrCode, ...request.query }),
  );
  r.post(
    "/limit-requests",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "Request a new, raised, lowered or temporary limit",
        description: `Routed to the lowest authority covering the amount. ${ACTOR_HEADERS_NOTE}`,
        body: limitRequestBody,
        response: { 201: limitRequestWithStepsSchema, 400: p[400], 404: p[404], 422: p[422], ...actorErrors },
      },
    },
    async (request, reply) => {
      await assertCustomerInScope(request, handle, request.body.customer);
      return reply
        .code(201)
        .send(await requestLimitChange({ handle, input: request.body, actor: actorFrom(request) }));
    },
  );
  r.get(
    "/limit-requests",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "List limit requests, newest first, each with its steps (who signed which level)",
        querystring: listRequestsQuery,
        response: { 200: z.object({ items: z.array(limitRequestWithStepsSchema) }), 404: p[404] },
      },
    },
    async (request) => ({ items: await listLimitRequests({ handle, ...request.query }) }),
  );
  r.get(
    "/limit-requests/:id",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "A limit request with every step",
        params: idParams,
        response: { 200: limitRequestWithStepsSchema, 404: p[404] },
      },
    },
    async (request) => getLimitRequest({ handle, id: request.params.id }),
  );
  r.post(
    "/limit-requests/:id/decision",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "Approve, reject or send back (four eyes, authority)",
        description: ACTOR_HEADERS_NOTE,
        params: idParams,
        body: decisionBody,
        response: { 200: limitRequestWithStepsSchema, 400: p[400], 404: p[404], 409: p[409], ...actorErrors },
      },
    },
    async (request) =>
      decideLimitRequest({ handle, id: request.params.id, ...request.body, actor: actorFrom(request) }),
  );
  r.post(
    "/limit-requests/:id/resubmit",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "Resubmit a request that was sent back (requester only)",
        params: idParams,
        body: resubmitBody,
        response: { 200: limitRequestWithStepsSchema, 404: p[404], 409: p[409], ...actorErrors },
      },
    },
    async (request) =>
      resubmitLimitRequest({ handle, id: request.params.id, ...request.body, actor: actorFrom(request) }),
  );
  r.get(
    "/limit-authorities",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "The authority matrix (role → maximum amount)",
        response: { 200: authorityMatrixSchema },
      },
    },
    async () => loadAuthorityMatrix(handle.db),
  );
  r.put(
    "/limit-authorities",
    {
      schema: {
        tags: [REQUESTS_TAG],
        summary: "Replace the authority matrix",
        body: authorityMatrixSchema,
        response: { 200: authorityMatrixSchema, 400: p[400], ...actorErrors },
      },
    },
    async (request) => {
      actorFrom(request);
      return saveAuthorityMatrix({ handle, matrix: request.body });
    },
  );
  r.get(
    "/blocked-orders",
    {
      schema: {
        tags: [BLOCKED_TAG],
        summary: "Blocked orders waiting for a decision, oldest first",
        response: { 200: z.object({ items: z.array(creditCheckResultSchema) }) },
      },
    },
    async () => ({ items: await listBlockedOrders({ handle }) }),
  );
  r.post(
    "/blocked-orders/:id/resolution",
    {
      schema: {
        tags: [BLOCKED_TAG],
        summary: "Release (with condition) or reject a blocked order",
        description: `Release needs authority covering the amount. ${ACTOR_HEADERS_NOTE}`,
        params: idParams,
        body: resolveBlockedBody,
        response: { 200: creditCheckResultSchema, 400: p[400], 404: p[404], 409: p[409], ...actorErrors },
      },
    },
    async (request) =>
      resolveBlockedOrder({ handle, id: request.params.id, ...request.body, actor: actorFrom(request) }),
  );
  r.get(
    "/customers/:idOrCode/contracts",
    {
      schema: {
        tags: [CONTRACTS_TAG],
        summary: "Contracts and securities of a customer",
        params: customerParams,
        response: { 200: contractsSchema, 404: p[404] },
      },
    },
    async (request) => listContractsAndSecurities({ handle, customer: request.params.idOrCode }),
  );
  r.post(
    "/customers/:idOrCode/contracts",
    {
      schema: {
        tags: [CONTRACTS_TAG],
        summary: "Record a credit contract",
        params: customerParams,
        body: contractBody,
        response: { 201: contractSchema, 400: p[400], 404: p[404], 409: p[409] },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createContract({ handle, customer: request.params.idOrCode, input: request.body })),
  );
  r.post(
    "/customers/:idOrCode/securities",
    {
      schema: {
        tags: [CONTRACTS_TAG],
        summary: "Record a guarantee, collateral, credit insurance or letter of credit",
        params: customerParams,
        body: securityBody,
        response: { 201: securitySchema, 400: p[400], 404: p[404], 409: p[409] },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSecurity({ handle, customer: request.params.idOrCode, input: request.body })),
  );
  r.get(
    "/customers/:idOrCode/late-interest",
    {
      schema: {
        tags: [CONTRACTS_TAG],
        summary: "Late-payment interest and penalty under the contract",
        params: customerParams,
        querystring: lateInterestQuery,
        response: { 200: lateInterestSchema, 404: p[404], 422: p[422] },
      },
    },
    async (request) => quoteLateInterest({ handle, customer: request.params.idOrCode, ...request.query }),
  );
}
