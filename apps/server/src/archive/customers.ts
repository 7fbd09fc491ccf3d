import type { DatabaseHandle } from "@creditdesk/db";
import {
  createCustomer,
  getCustomer,
  listCustomersWithStanding,
  updateCustomer,
} from "@creditdesk/lib/archive";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { splitListQuery } from "../shared/list-query.ts";
import { problemResponses } from "../shared/problem.ts";
import {
  CUSTOMERS_TAG,
  createCustomerBody,
  customerPage,
  customerParams,
  customerSchema,
  listCustomersQuery,
  updateCustomerBody,
} from "./customers.schema.ts";

/** `/customers`: the customer profiles of the credit archive, with registry identifiers. */
export function registerCustomerRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/customers",
    {
      schema: {
        tags: [CUSTOMERS_TAG],
        summary: "List customers",
        description:
          "Free-text `q` searches code, legal name, other names and identifier values (Chinese included). Filters: industry, region, status, tier, companyType, countryCode, parentCode, salesOwner. Standing filters: grade (comma-separated), utilisationMin (%), hasOverdue, overdueMin (base currency minor units). Sort: code, legalName, createdAt, updatedAt, id, score, utilisation, overdue. Each customer carries its standing today: latest grade and score, open and overdue receivables, exposure, limit and utilisation in the base currency, as the portfolio view computes them.",
        querystring: listCustomersQuery,
        response: { 200: customerPage, 400: problemResponses[400] },
      },
    },
    async (request) => {
      const { params, filters } = splitListQuery(request.query);
      const { q, grade, utilisationMin, hasOverdue, overdueMin, ...rest } = filters;
      return listCustomersWithStanding({
        handle,
        q,
        filters: rest,
        standing: {
          grades: grade,
          utilisationMinPercent: utilisationMin,
          hasOverdue: hasOverdue === undefined ? undefined : hasOverdue === "true",
          overdueMinMinor: overdueMin,
        },
        params,
        baseCurrency: options.baseCurrency,
      });
    },
  );
  r.post(
    "/customers",
    {
      schema: {
        tags: [CUSTOMERS_TAG],
        summary: "Create a customer",
        description: "Identifiers are validated by type (USCC GB 32100-2015 check symbol, LEI, DUNS, VAT).",
        body: createCustomerBody,
        response: { 201: customerSchema, 400: problemResponses[400], 409: problemResponses[409] },
      },
    },
    async (request, reply) => reply.code(201).send(await createCustomer({ handle, input: request.body })),
  );
  r.get(
    "/customers/:idOrCode",
    {
      schema: {
        tags: [CUSTOMERS_TAG],
        summary: "Get a customer by code or id",
        params: customerParams,
        response: { 200: customerSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getCustomer({ handle, idOrCode: request.params.idOrCode }),
  );
  r.patch(
    "/customers/:idOrCode",
    {
      schema: {
        tags: [CUSTOMERS_TAG],
        summary: "Update a customer",
        description: "Any subset of fields; `identifiers`, when present, replaces the whole set.",
        params: customerParams,
        body: updateCustomerBody,
        response: {
          200: customerSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) => updateCustomer({ handle, idOrCode: request.params.idOrCode, patch: request.body }),
  );
}
