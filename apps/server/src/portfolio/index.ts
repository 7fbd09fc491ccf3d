import type { DatabaseHandle } from "@creditdesk/db";
import { getPortfolioSummary } from "@creditdesk/lib/portfolio";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import { registerPortfolioRiskRoutes } from "./risk.ts";

export const PORTFOLIO_TAG = "Portfolio";

const minor = z.number().int().describe("minor units of the base currency");
const summarySchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    customers: z.number().int(),
    openReceivables: z.object({
      baseMinor: minor,
      byCurrency: z.array(
        z.object({
          currency: z.string(),
          openMinor: z.number().int(),
          overdueMinor: z.number().int(),
          convertible: z.boolean().describe("false when no FX rate to the base currency is recorded"),
        }),
      ),
    }),
    overdueBaseMinor: minor,
    overdueShare: z.number(),
    aging: z.object({
      current: minor,
      d1_30: minor,
      d31_60: minor,
      d61_90: minor,
      d91_180: minor,
      over180: minor,
    }),
    grades: z.object({
      low: z.number().int(),
      medium: z.number().int(),
      high: z.number().int(),
      unassessed: z.number().int(),
    }),
    defaults12m: z.number().int(),
  })
  .meta({ id: "PortfolioSummary" });

/** `/portfolio/summary` (the dashboard's figures) and the portfolio risk routes (`risk.ts`). */
export function registerPortfolioRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
) {
  registerPortfolioRiskRoutes(app, handle, { baseCurrency: options.baseCurrency, tag: PORTFOLIO_TAG });
  app.withTypeProvider<ZodTypeProvider>().get(
    "/portfolio/summary",
    {
      schema: {
        tags: [PORTFOLIO_TAG],
        summary: "Portfolio summary: receivables, aging, grades, defaults",
        querystring: z.object({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
            .optional(),
        }),
        response: { 200: summarySchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      getPortfolioSummary({
        handle,
        asOf: request.query.asOf ?? new Date().toISOString().slice(0, 10),
        baseCurrency: options.baseCurrency,
      }),
  );
}
