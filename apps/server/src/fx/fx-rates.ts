import type { DatabaseHandle } from "@creditdesk/db";
import { FX_RATE_SORTS, fxRateInsert, fxRateSelect, fxRateUpdate } from "@creditdesk/db/fx";
import { createFxRate, getFxRate, listFxRates, updateFxRate } from "@creditdesk/lib/fx";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dateQuery, listQuery, pageOf, splitListQuery } from "../shared/list-query.ts";
import { problemResponses } from "../shared/problem.ts";

const TAG = "FX: rates";
const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY");
const rateSchema = fxRateSelect.meta({ id: "FxRate" });
const rateParams = z.object({ rateDate: z.iso.date(), fromCurrency: currency, toCurrency: currency });
const ratesQuery = listQuery({
  sorts: FX_RATE_SORTS,
  defaultSort: "-rateDate",
  filters: {
    fromCurrency: currency.optional(),
    toCurrency: currency.optional(),
    dateFrom: dateQuery(),
    dateTo: dateQuery(),
  },
});

/** `/fx-rates`: 1 fromCurrency = rate toCurrency on rateDate (exact decimal string). Keyed by date and pair. */
export function registerFxRateRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/fx-rates",
    {
      schema: {
        tags: [TAG],
        summary: "List FX rates",
        description: "Filters: fromCurrency, toCurrency, dateFrom/dateTo. Sort: rateDate (then pair).",
        querystring: ratesQuery,
        response: { 200: pageOf(rateSchema), 400: problemResponses[400] },
      },
    },
    async (request) => listFxRates({ handle, ...splitListQuery(request.query) }),
  );
  r.post(
    "/fx-rates",
    {
      schema: {
        tags: [TAG],
        summary: "Record an FX rate",
        body: fxRateInsert.meta({ id: "FxRateCreate" }),
        response: { 201: rateSchema, 400: problemResponses[400], 409: problemResponses[409] },
      },
    },
    async (request, reply) => reply.code(201).send(await createFxRate({ handle, input: request.body })),
  );
  r.get(
    "/fx-rates/:rateDate/:fromCurrency/:toCurrency",
    {
      schema: {
        tags: [TAG],
        summary: "Get the FX rate of a pair on a date",
        params: rateParams,
        response: { 200: rateSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getFxRate({ handle, key: request.params }),
  );
  r.patch(
    "/fx-rates/:rateDate/:fromCurrency/:toCurrency",
    {
      schema: {
        tags: [TAG],
        summary: "Correct an FX rate",
        params: rateParams,
        body: fxRateUpdate.meta({ id: "FxRateUpdate" }),
        response: { 200: rateSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) => updateFxRate({ handle, key: request.params, patch: request.body }),
  );
}
