import type { DatabaseHandle } from "@creditdesk/db";
import {
  checkCredit,
  findCreditCheck,
  releaseReservation,
  toCreditCheckResult,
} from "@creditdesk/lib/limits";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { assertCustomerInScope } from "../identity/data-scope.ts";
import { problemResponses } from "../shared/problem.ts";
import { optionalActorFrom } from "./actor.ts";
import {
  CREDIT_CHECKS_TAG,
  checkIdParams,
  creditCheckBody,
  creditCheckResultSchema,
  releaseReservationBody,
  releaseReservationResult,
} from "./credit-checks.schema.ts";

/** `/credit-checks`: the real-time credit check of orders, with reservations. */
export function registerCreditCheckRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/credit-checks",
    {
      // Audited by the check itself, inside its own transaction (see checkCredit `audit`).
      config: { permission: "limits:write", audit: false },
      schema: {
        tags: [CREDIT_CHECKS_TAG],
        summary: "Check an order against the customer's credit",
        description:
          "Runs the segment's check steps and answers `approved` (the amount is reserved) or `blocked` with reasons (codes, zh/en). The same `orderReference` again returns the first decision; a higher amount checks the increase only.",
        body: creditCheckBody,
        response: {
          200: creditCheckResultSchema,
          400: problemResponses[400],
          404: problemResponses[404],
        },
      },
    },
    async (request) => {
      await assertCustomerInScope(request, handle, request.body.customer);
      const actor = optionalActorFrom(request);
      // The check records its own audit entry in the statement that records the decision: one
      // transaction of lock, exposure, insert (+ audit), the shortest hold of the hot row lock.
      return checkCredit({
        handle,
        input: request.body,
        actorId: actor?.id,
        audit: { actor: actor?.id ?? "anonymous" },
      });
    },
  );
  r.get(
    "/credit-checks/:id",
    {
      schema: {
        tags: [CREDIT_CHECKS_TAG],
        summary: "Get a recorded credit check decision",
        params: checkIdParams,
        response: { 200: creditCheckResultSchema, 404: problemResponses[404] },
      },
    },
    async (request) => {
      const row = await findCreditCheck(handle.db, request.params.id);
      if (!row) {
        throw AppError.notFound("credit check", request.params.id);
      }
      return toCreditCheckResult(row, false);
    },
  );
  r.post(
    "/credit-checks/release",
    {
      schema: {
        tags: [CREDIT_CHECKS_TAG],
        summary: "Release an order's reservation (cancelled or invoiced)",
        body: releaseReservationBody,
        response: { 200: releaseReservationResult, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) => releaseReservation({ handle, ...request.body }),
  );
}
