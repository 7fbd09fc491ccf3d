import { CONCENTRATION_DIMENSIONS, PORTFOLIO_DIMENSIONS } from "@creditdesk/core/portfolio";
import { z } from "zod";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const minor = z.number().int().describe("minor units of the base currency");
const count = (max: number) => z.coerce.number().int().min(1).max(max);

export const viewQuery = z.object({
  asOf: date.optional(),
  groupBy: z.enum(PORTFOLIO_DIMENSIONS).optional(),
  months: count(36).optional(),
  limit: count(100_000).optional(),
});
export const asOfTopQuery = z.object({ asOf: date.optional(), top: count(10_000).optional() });
export const migrationQuery = z.object({
  from: date,
  to: date,
  scale: z.enum(["grade", "notch"]).optional(),
});
export const backtestQuery = z.object({
  start: date,
  horizonMonths: count(60).optional(),
  scale: z.enum(["grade", "notch"]).optional(),
});
export const reportQuery = z.object({
  asOf: date.optional(),
  format: z.enum(["html", "pdf", "xlsx"]).optional(),
});
export const asOfBody = z.object({ asOf: date }).strict();
export const dimensionParams = z.object({ dimension: z.enum(CONCENTRATION_DIMENSIONS) });
export const scenarioParams = z.object({ idOrName: z.string().min(1) });

const metrics = z.object({
  monthEnd: z.string(),
  closingArMinor: minor,
  creditSalesMinor: minor,
  dso: z.number().nullable(),
  bestDso: z.number().nullable(),
  addb: z.number().nullable(),
  cei: z.number().nullable(),
});
const aging = z.object({
  current: minor,
  d1_30: minor,
  d31_60: minor,
  d61_90: minor,
  d91_180: minor,
  over180: minor,
});
export const trendQuery = z.object({ asOf: date.optional(), months: count(36).optional() });
export const trendSchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    items: z.array(metrics.extend({ period: z.string() })),
  })
  .meta({ id: "ReceivablesTrend" });
const group = z.object({
  key: z.string(),
  customers: z.number().int(),
  openReceivablesMinor: minor,
  overdueMinor: minor,
  undeliveredOrdersMinor: minor,
  deliveredNotInvoicedMinor: minor,
  reservationsMinor: minor,
  exposureMinor: minor,
  limitMinor: minor,
  utilisation: z.number().nullable(),
  overLimit: z.number().int(),
  customersWithoutLimit: z.number().int(),
  aging,
  grades: z.record(z.string(), z.number().int()),
  weightedPd: z.number().nullable(),
  trend: z.array(metrics).optional(),
});
export const viewSchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    groupBy: z.enum(PORTFOLIO_DIMENSIONS),
    total: group,
    groups: z.array(group),
    groupCount: z.number().int(),
    missingFxCurrencies: z.array(z.string()),
    seconds: z.object({ positions: z.number(), trend: z.number() }),
  })
  .meta({ id: "PortfolioView" });

const concentration = z.object({
  totalMinor: minor,
  count: z.number().int(),
  top1Share: z.number(),
  top5Share: z.number(),
  top10Share: z.number(),
  hhi: z.number().describe("Σ (share in %)², 0–10,000"),
  band: z.enum(["unconcentrated", "moderate", "high"]),
  shares: z.array(z.object({ key: z.string(), amountMinor: minor, share: z.number() })),
});
export const concentrationLimitSchema = z
  .object({
    dimension: z.enum(CONCENTRATION_DIMENSIONS),
    maxShareBps: z.number().int(),
    severity: z.enum(["info", "warning", "critical"]),
    department: z.enum(["finance", "sales", "credit"]),
    active: z.boolean(),
    version: z.number().int(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "ConcentrationLimit" });
export const concentrationLimitBody = z
  .object({
    maxShareBps: z.number().int().min(1).max(10_000),
    severity: z.enum(["info", "warning", "critical"]).optional(),
    department: z.enum(["finance", "sales", "credit"]).optional(),
    active: z.boolean().optional(),
  })
  .strict();
const breach = z.object({
  dimension: z.enum(CONCENTRATION_DIMENSIONS),
  key: z.string(),
  amountMinor: minor,
  share: z.number(),
  maxShare: z.number(),
});
export const concentrationSchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    dimensions: z.object(
      Object.fromEntries(CONCENTRATION_DIMENSIONS.map((d) => [d, concentration])) as Record<
        (typeof CONCENTRATION_DIMENSIONS)[number],
        typeof concentration
      >,
    ),
    limits: z.array(concentrationLimitSchema),
    breaches: z.array(breach),
  })
  .meta({ id: "PortfolioConcentration" });
export const concentrationCheckSchema = z
  .object({
    asOf: z.string(),
    breaches: z.array(breach),
    alertsOpened: z.number().int(),
    alertsUpdated: z.number().int(),
    conditionsCleared: z.number().int(),
  })
  .meta({ id: "ConcentrationCheck" });

export const lgdSchema = z
  .object({
    unsecuredBps: z.number().int(),
    collateralBps: z.number().int(),
    guaranteeBps: z.number().int(),
    unassessedPd: z.number().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "LgdConfig" });
/** PUT replaces the whole configuration: every LGD is required (an empty body is refused). */
export const lgdBody = z
  .object({
    unsecuredBps: z.number().int().min(0).max(10_000),
    collateralBps: z.number().int().min(0).max(10_000),
    guaranteeBps: z.number().int().min(0).max(10_000),
    unassessedPd: z.number().min(0).max(1).nullable().optional(),
  })
  .strict();

const contribution = z.object({
  key: z.string(),
  customers: z.number().int(),
  eadMinor: minor,
  elMinor: minor,
  share: z.number(),
  elRate: z.number(),
});
export const expectedLossSchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    eadMinor: minor,
    elMinor: minor,
    elRate: z.number(),
    insuredMinor: minor,
    unassessed: z.object({ customers: z.number().int(), eadMinor: minor }),
    customers: z.array(
      z.object({
        customerId: z.number().int(),
        code: z.string(),
        name: z.string(),
        grade: z.string().nullable(),
        pd: z.number().nullable(),
        lgd: z.number(),
        eadMinor: minor,
        insuredMinor: minor,
        elMinor: minor,
      }),
    ),
    customerCount: z.number().int(),
    byDimension: z.record(z.string(), z.array(contribution)),
    lgd: lgdSchema,
  })
  .meta({ id: "ExpectedLoss" });

export const migrationSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    scale: z.enum(["grade", "notch"]),
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    counts: z.array(z.array(z.number().int())),
    rowTotals: z.array(z.number().int()),
    population: z.number().int(),
    rates: z.array(z.array(z.number())),
    downgraded: z.number(),
    upgraded: z.number(),
  })
  .meta({ id: "GradeMigration" });

const backtestRow = z.object({
  grade: z.string(),
  obligors: z.number().int(),
  predictedPd: z.number(),
  expectedDefaults: z.number(),
  defaults: z.number().int(),
  observedRate: z.number(),
  pValue: z.number(),
  result: z.enum(["pass", "fail"]),
});
export const backtestSchema = z
  .object({
    start: z.string(),
    horizonMonths: z.number().int(),
    alpha: z.number(),
    rows: z.array(backtestRow),
    total: backtestRow,
  })
  .meta({ id: "PdBacktest" });

/** A stored scenario's definition (validated again by core `stressScenarioSchema`). */
export const scenarioBody = z
  .object({
    name: z.string().min(1).max(120),
    description: z.string().max(2_000).optional(),
    shocks: z.array(z.record(z.string(), z.unknown())).min(1).max(20),
    lossBudgetMinor: z.number().int().min(0).optional(),
  })
  .describe("A stress scenario: a name and its shocks (validated again by the core schema)");
export const storedScenarioSchema = z
  .object({
    id: z.number().int(),
    scenario: z.object({
      name: z.string(),
      description: z.string().optional(),
      shocks: z.array(z.record(z.string(), z.unknown())),
      lossBudgetMinor: z.number().int().optional(),
    }),
    createdBy: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "StressScenario" });
export const stressResultSchema = z
  .object({
    asOf: z.string(),
    baseCurrency: z.string(),
    name: z.string(),
    scenario: storedScenarioSchema.shape.scenario,
    baseElMinor: minor,
    stressedElMinor: minor,
    deltaElMinor: minor,
    baseEadMinor: minor,
    stressedEadMinor: minor,
    affectedCount: z.number().int(),
    affected: z.array(
      z.object({
        customerId: z.number().int(),
        code: z.string(),
        name: z.string(),
        baseElMinor: minor,
        stressedElMinor: minor,
        stressedEadMinor: minor,
        pd: z.number().nullable(),
        stressedPd: z.number().nullable(),
      }),
    ),
    concentrationBreaches: z.array(breach),
    newConcentrationBreaches: z.array(breach),
    limitBreaches: z.array(
      z.object({
        customerId: z.number().int(),
        code: z.string(),
        exposureMinor: minor,
        limitMinor: minor,
        newlyBreached: z.boolean(),
      }),
    ),
    lossBudgetMinor: minor.nullable(),
    lossBudgetBreached: z.boolean(),
  })
  .meta({ id: "StressResult" });
