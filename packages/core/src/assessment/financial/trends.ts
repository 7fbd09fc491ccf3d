import type { Metric } from "../shared/metric.ts";
import { FINANCIAL_RATIO_NAMES, type FinancialRatioName } from "./ratios.ts";

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
