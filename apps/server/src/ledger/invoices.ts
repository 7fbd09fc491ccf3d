import type { DatabaseHandle } from "@creditdesk/db";
import { createInvoice, getInvoice, listInvoices, updateInvoice } from "@creditdesk/lib/ledger";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { splitListQuery } from "../shared/list-query.ts";
import { problemResponses } from "../shared/problem.ts";
import { idParams } from "../shared/record-routes.ts";
import {
  createInvoiceBody,
  INVOICES_TAG,
  invoicePage,
  invoiceSchema,
  listInvoicesQuery,
  updateInvoiceBody,
} from "./invoices.schema.ts";

/** `/invoices`: receivables with their settled and open amounts (minor units). */
export function registerInvoiceRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/invoices",
    {
      schema: {
        tags: [INVOICES_TAG],
        summary: "List invoices",
        description:
          "Filters: customerId, status, currency, orderNumber, dueFrom/dueTo, issuedFrom/issuedTo. Sort: dueOn, issuedOn, invoiceNumber, amountMinor, createdAt, id.",
        querystring: listInvoicesQuery,
        response: { 200: invoicePage, 400: problemResponses[400] },
      },
    },
    async (request) => listInvoices({ handle, ...splitListQuery(request.query) }),
  );
  r.post(
    "/invoices",
    {
      schema: {
        tags: [INVOICES_TAG],
        summary: "Create an invoice",
        body: createInvoiceBody,
        response: { 201: invoiceSchema, 400: problemResponses[400], 409: problemResponses[409] },
      },
    },
    async (request, reply) => reply.code(201).send(await createInvoice({ handle, input: request.body })),
  );
  r.get(
    "/invoices/:id",
    {
      schema: {
        tags: [INVOICES_TAG],
        summary: "Get an invoice",
        params: idParams,
        response: { 200: invoiceSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getInvoice({ handle, id: request.params.id }),
  );
  r.patch(
    "/invoices/:id",
    {
      schema: {
        tags: [INVOICES_TAG],
        summary: "Update an invoice",
        description: "The amount may not drop below what is already settled.",
        params: idParams,
        body: updateInvoiceBody,
        response: {
          200: invoiceSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
          422: problemResponses[422],
        },
      },
    },
    async (request) => updateInvoice({ handle, id: request.params.id, patch: request.body }),
  );
}
