import type { DatabaseHandle } from "@creditdesk/db";
import { getCustomerLimits, getExposure, setCreditLimit } from "@creditdesk/lib/limits";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { problemResponses } from "../shared/problem.ts";
import { ACTOR_HEADERS_NOTE, actorFrom } from "./actor.ts";
import {
  creditLimitSchema,
  customerLimitsSchema,
  customerParams,
  exposureQuery,
  exposureSchema,
  LIMITS_TAG,
  segmentQuery,
  setLimitBody,
} from "./limits.schema.ts";

/** `/customers/{idOrCode}/limits` and `/customers/{idOrCode}/exposure`. */
export function registerLimitRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/customers/:idOrCode/limits",
    {
      schema: {
        tags: [LIMITS_TAG],
        summary: "The customer's effective limit and limit history",
        params: customerParams,
        querystring: segmentQuery,
        response: { 200: customerLimitsSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getCustomerLimits({ handle, customer: request.params.idOrCode, ...request.query }),
  );
  r.post(
    "/customers/:idOrCode/limits",
    {
      schema: {
        tags: [LIMITS_TAG],
        summary: "Set a limit directly (administration)",
        description: `A new row supersedes the current limit of the same kind; nothing is overwritten. Normal changes go through limit requests. ${ACTOR_HEADERS_NOTE}`,
        params: customerParams,
        body: setLimitBody,
        response: { 201: creditLimitSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      const actor = actorFrom(request);
      const limit = await setCreditLimit({
        handle,
        input: { customer: request.params.idOrCode, ...request.body },
        actorId: actor.id,
      });
      return reply.code(201).send(limit);
    },
  );
  r.get(
    "/customers/:idOrCode/exposure",
    {
      schema: {
        tags: [LIMITS_TAG],
        summary: "Exposure now: gross and net, in the limit currency",
        params: customerParams,
        querystring: exposureQuery,
        response: { 200: exposureSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getExposure({ handle, customer: request.params.idOrCode, ...request.query }),
  );
}
