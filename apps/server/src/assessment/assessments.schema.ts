import { z } from "zod";

export const ASSESSMENT_TAG = "Assessment";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const json = z.unknown();

export const customerRefParams = z.object({ idOrCode: z.string().min(1).max(100) });
export const assessmentIdParams = z.object({ id: z.coerce.number().int().positive() });

export const runAssessmentBody = z
  .object({
    asOf: isoDate.optional().describe("assessment date (default today)"),
    scorecardVersion: z.string().min(1).max(100).optional().describe("default: the active scorecard"),
  })
  .strict();

export const reasonSchema = z
  .object({
    code: z.string(),
    source: z.string(),
    pointsLost: z.number(),
    text: z.object({ en: z.string(), zh: z.string() }),
    value: json,
  })
  .passthrough()
  .meta({ id: "ReasonCode" });

export const assessmentSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    runId: z.number().int().nullable(),
    asOf: isoDate,
    scorecardVersion: z.string(),
    score: z.number().describe("raw score on the log-odds scale (650 at 30:1, PDO 40 by default)"),
    displayScore: z.number().int().describe("score floored and clamped to 300–850"),
    pd: z.number().describe("probability of default implied by the score"),
    grade: z.enum(["low", "medium", "high"]),
    scoreGrade: z
      .enum(["low", "medium", "high"])
      .describe("grade from points alone, before knock-out overrides"),
    overrides: z.array(json).describe("knock-out rules that fired (they cap the grade, never improve it)"),
    masterNotch: json,
    previousGrade: z.string().nullable(),
    reasons: z.array(reasonSchema),
    policy: json.describe("recommended terms, credit period, prepayment, guarantee, review frequency"),
    points: z.array(z.tuple([z.string(), z.number()])).describe("points per characteristic code"),
    models: json.describe("champion/challenger statistical model PD and score, when models are registered"),
    reproduced: z
      .boolean()
      .describe(
        "re-running the engine on the stored inputs and scorecard version gave the same score and grade",
      ),
    characteristics: json.describe("bin and points of every scorecard characteristic (single reads)"),
    financial: json.describe("latest period's ratios and Altman Z with zone, and the trend"),
    behaviour: json.describe("payment behaviour metrics as of the assessment date"),
    trigger: z.string(),
    triggeredBy: z.string(),
    createdAt: z.string(),
    inputs: json.optional().describe("the inputs snapshot (single-assessment reads only)"),
  })
  .meta({ id: "Assessment" });

export const assessmentPage = z.object({
  items: z.array(assessmentSchema),
  nextCursor: z.string().nullable(),
});
export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export const creditFileSchema = z
  .object({
    customerId: z.number().int(),
    latest: assessmentSchema.nullable(),
    scoreHistory: z.array(
      z.object({
        id: z.number().int(),
        asOf: isoDate,
        score: z.number(),
        pd: z.number(),
        grade: z.string(),
        scorecardVersion: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: "CreditFile" });

export const runSummarySchema = z.object({
  runId: z.number().int(),
  asOf: isoDate,
  scorecardVersion: z.string(),
  customers: z.number().int(),
  byGrade: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int() }),
  gradeChanges: z.number().int(),
  seconds: z.object({ load: z.number(), score: z.number(), write: z.number(), total: z.number() }),
});

export const behaviourTrendQuery = z.object({
  asOf: isoDate.optional().describe("last day of the trend (default today)"),
  months: z.coerce.number().int().min(1).max(36).default(12).describe("calendar months, 1–36"),
});

export const behaviourTrendSchema = z
  .object({
    customerId: z.number().int(),
    asOf: z.string(),
    baseCurrency: z.string(),
    months: z.array(
      z.object({
        period: z.string().describe("month end (as-of for the last month)"),
        dbt: z
          .number()
          .nullable()
          .describe("amount-weighted days beyond terms of the month's payments (null: no payments)"),
        paidMinor: z.number().int().describe("payments allocated in the month, base currency minor units"),
        payments: z.number().int(),
        latePayments: z.number().int(),
        dso: z.number().nullable(),
        bestDso: z.number().nullable(),
        addb: z.number().nullable(),
        closingArMinor: z.number().int(),
        creditSalesMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: "BehaviourTrend" });
