import type { DatabaseHandle } from "@creditdesk/db";
import { CONTACT_SORTS, contactInsert, contactSelect } from "@creditdesk/db/archive";
import { contactRecords } from "@creditdesk/lib/archive";
import { requireCustomerId } from "@creditdesk/lib/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listQuery, pageOf, splitListQuery } from "../shared/list-query.ts";
import { problemResponses } from "../shared/problem.ts";
import { customerParams } from "./customers.schema.ts";

const TAG = "Archive: contacts";
const contactsQuery = listQuery({ sorts: CONTACT_SORTS, defaultSort: "name", filters: {} });
const nestedContactBody = contactInsert.omit({ customerId: true });

/** `/customers/{idOrCode}/contacts`: the contacts of one customer (same records as `/contacts`). */
export function registerCustomerContactRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/customers/:idOrCode/contacts",
    {
      schema: {
        tags: [TAG],
        summary: "List the contacts of a customer",
        params: customerParams,
        querystring: contactsQuery,
        response: { 200: pageOf(contactSelect), 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) => {
      const customerId = await requireCustomerId(handle, request.params.idOrCode);
      const { params } = splitListQuery(request.query);
      return contactRecords.list({ handle, filters: { customerId }, params });
    },
  );
  r.post(
    "/customers/:idOrCode/contacts",
    {
      schema: {
        tags: [TAG],
        summary: "Add a contact to a customer",
        params: customerParams,
        body: nestedContactBody,
        response: {
          201: contactSelect,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request, reply) => {
      const customerId = await requireCustomerId(handle, request.params.idOrCode);
      const created = await contactRecords.create({ handle, values: { ...request.body, customerId } });
      return reply.code(201).send(created);
    },
  );
}
