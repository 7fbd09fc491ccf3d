import { DEFAULT_ASSESSMENT_CONFIG } from "@creditdesk/core/assessment";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ASSESSMENT_TAG } from "./assessments.schema.ts";

const text = z.object({ en: z.string(), zh: z.string() });
const configSchema = z
  .object({
    bands: z.array(z.object({ grade: z.string(), minScore: z.number().nullable() })),
    masterScale: z.array(z.object({ notch: z.number().int(), maxPd: z.number().nullable() })).nullable(),
    policyTable: z.object({ coreCustomerReviewMonths: z.number() }).catchall(
      z.union([
        z.number(),
        z.object({
          creditSales: z.string(),
          paymentTermsDays: z.number(),
          maxCreditPeriodDays: z.number(),
          prepaymentBps: z.number(),
          guarantee: z.string(),
          guaranteeThresholdMinor: z.number().optional(),
          limitGradeFactor: z.number(),
          reviewFrequencyMonths: z.number(),
          summary: text,
        }),
      ]),
    ),
  })
  .meta({ id: "AssessmentConfig" });

/**
 * `GET /assessment-config`: the grade bands, master scale and policy table every assessment uses
 * (the shipped defaults of packages/core/src/assessment/config — no write API changes them yet).
 */
export function registerAssessmentConfigRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/assessment-config",
    {
      config: { permission: "scorecards:read" },
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "Grade bands, master scale and policy table in force",
        response: { 200: configSchema },
      },
    },
    async () => ({
      bands: [...DEFAULT_ASSESSMENT_CONFIG.bands],
      masterScale: DEFAULT_ASSESSMENT_CONFIG.masterScale ? [...DEFAULT_ASSESSMENT_CONFIG.masterScale] : null,
      policyTable: DEFAULT_ASSESSMENT_CONFIG.policyTable,
    }),
  );
}
