import type { DatabaseHandle } from "@creditdesk/db";
import {
  allocatePayment,
  createPayment,
  getPayment,
  listPayments,
  updatePayment,
} from "@creditdesk/lib/ledger";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { splitListQuery } from "../shared/list-query.ts";
import { problemResponses } from "../shared/problem.ts";
import { idParams } from "../shared/record-routes.ts";
import {
  allocatePaymentBody,
  createPaymentBody,
  listPaymentsQuery,
  PAYMENTS_TAG,
  paymentPage,
  paymentSchema,
  updatePaymentBody,
} from "./payments.schema.ts";

const ALLOCATION_RULES =
  "An allocation may not exceed the invoice's open amount nor the payment's unallocated amount; invoice and payment must share customer and currency (422 otherwise).";

/** `/payments` and `/payments/{id}/allocations`: cash received and how it settles invoices. */
export function registerPaymentRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/payments",
    {
      schema: {
        tags: [PAYMENTS_TAG],
        summary: "List payments",
        description:
          "Filters: customerId, currency, method, receivedFrom/receivedTo. Sort: receivedOn, reference, amountMinor, createdAt, id.",
        querystring: listPaymentsQuery,
        response: { 200: paymentPage, 400: problemResponses[400] },
      },
    },
    async (request) => listPayments({ handle, ...splitListQuery(request.query) }),
  );
  r.post(
    "/payments",
    {
      schema: {
        tags: [PAYMENTS_TAG],
        summary: "Record a payment (optionally with allocations)",
        description: ALLOCATION_RULES,
        body: createPaymentBody,
        response: {
          201: paymentSchema,
          400: problemResponses[400],
          409: problemResponses[409],
          422: problemResponses[422],
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createPayment({ handle, input: request.body })),
  );
  r.get(
    "/payments/:id",
    {
      schema: {
        tags: [PAYMENTS_TAG],
        summary: "Get a payment with its allocations",
        params: idParams,
        response: { 200: paymentSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getPayment({ handle, id: request.params.id }),
  );
  r.patch(
    "/payments/:id",
    {
      schema: {
        tags: [PAYMENTS_TAG],
        summary: "Update a payment's reference, date or method",
        params: idParams,
        body: updatePaymentBody,
        response: {
          200: paymentSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) => updatePayment({ handle, id: request.params.id, patch: request.body }),
  );
  r.post(
    "/payments/:id/allocations",
    {
      schema: {
        tags: [PAYMENTS_TAG],
        summary: "Allocate a payment to invoices (partial allowed)",
        description: ALLOCATION_RULES,
        params: idParams,
        body: allocatePaymentBody,
        response: {
          200: paymentSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          422: problemResponses[422],
        },
      },
    },
    async (request) =>
      allocatePayment({ handle, paymentId: request.params.id, allocations: request.body.allocations }),
  );
}
