import { type Metric, notComputable, ok } from "../shared/metric.ts";
import { FINANCIAL_RATIO_NAMES, type FinancialRatioName, periodDays } from "./ratios.ts";
import type { FinancialStatement } from "./statement.ts";

/** Ratios whose LOWER values are better; every other tracked measure is better when higher. */
const LOWER_IS_BETTER: ReadonlySet<TrackedMeasure> = new Set<TrackedMeasure>([
  "debtRatio",
  "debtToEquity",
  "receivableDays",
  "inventoryDays",
]);

export type TrackedMeasure = FinancialRatioName | "altmanZ";
export const TRACKED_MEASURES: readonly TrackedMeasure[] = [...FINANCIAL_RATIO_NAMES, "altmanZ"];

export const TREND_ASSESSMENTS = ["improving", "deteriorating", "stable"] as const;
export type TrendAssessment = (typeof TREND_ASSESSMENTS)[number];

export type MeasureTrend =
  | {
      readonly measure: TrackedMeasure;
      readonly status: "ok";
      readonly previous: number;
      readonly current: number;
      /** current − previous, in the measure's own unit. */
      readonly change: number;
      readonly direction: "up" | "down" | "flat";
      /** Direction judged by the measure's good direction (e.g. debt ratio down = improving). */
      readonly assessment: TrendAssessment;
    }
  | { readonly measure: TrackedMeasure; readonly status: "not_computable"; readonly reason: string };

export function isLowerBetter(measure: TrackedMeasure): boolean {
  return LOWER_IS_BETTER.has(measure);
}

/**
 * Trend of one measure between two consecutive periods. A change whose absolute size is at most
 * `tolerance` counts as flat/stable (default 1e-9, i.e. equal up to float noise).
 */
export function compareMeasure(options: {
  measure: TrackedMeasure;
  previous: Metric;
  current: Metric;
  tolerance?: number;
}): MeasureTrend {
  const { measure, previous, current } = options;
  if (previous.status !== "ok") {
    return { measure, status: "not_computable", reason: `previous period: ${previous.reason}` };
  }
  if (current.status !== "ok") {
    return { measure, status: "not_computable", reason: `current period: ${current.reason}` };
  }
  const change = current.value - previous.value;
  const tolerance = options.tolerance ?? 1e-9;
  const direction = Math.abs(change) <= tolerance ? "flat" : change > 0 ? "up" : "down";
  let assessment: TrendAssessment = "stable";
  if (direction !== "flat") {
    const better = (direction === "up") !== isLowerBetter(measure);
    assessment = better ? "improving" : "deteriorating";
  }
  return {
    measure,
    status: "ok",
    previous: previous.value,
    current: current.value,
    change: change === 0 ? 0 : change,
    direction,
    assessment,
  };
}

/** Periods whose lengths differ by more than this many days are not compared for growth (e.g. a half-year after a year). */
export const GROWTH_PERIOD_LENGTH_TOLERANCE_DAYS = 7;

/**
 * Revenue growth between two consecutive statements: (revenue − previous revenue) / previous revenue
 * (0.1 = +10 %). Not computable when either revenue is missing, the previous revenue is not positive
 * (growth from zero or a negative base has no meaning), or the periods differ in length (flows of a
 * half-year and a year are not comparable; statements are not annualised).
 */
export function revenueGrowth(options: {
  previous: FinancialStatement;
  current: FinancialStatement;
}): Metric {
  const { previous, current } = options;
  if (previous.revenue === undefined) {
    return notComputable("previous period: revenue is missing");
  }
  if (current.revenue === undefined) {
    return notComputable("current period: revenue is missing");
  }
  if (previous.revenue <= 0) {
    return notComputable("previous period: revenue is not positive");
  }
  const previousDays = periodDays(previous);
  const currentDays = periodDays(current);
  if (Math.abs(previousDays - currentDays) > GROWTH_PERIOD_LENGTH_TOLERANCE_DAYS) {
    return notComputable(`periods differ in length (${previousDays} and ${currentDays} days)`);
  }
  return ok((current.revenue - previous.revenue) / previous.revenue);
}
