import { type Metric, notComputable, ok } from "../shared/metric.ts";
import type { AltmanResult, AltmanVariant } from "./altman.ts";
import { computeAltman } from "./altman.ts";
import { computeFinancialRatios, type FinancialRatios } from "./ratios.ts";
import type { FinancialStatement } from "./statement.ts";
import {
  compareMeasure,
  type MeasureTrend,
  revenueGrowth,
  TRACKED_MEASURES,
  type TrackedMeasure,
} from "./trends.ts";

export interface PeriodAnalysis {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly currency: string;
  readonly ratios: FinancialRatios;
  readonly altman: AltmanResult;
}

export interface PeriodTrend {
  readonly fromPeriodEnd: string;
  readonly toPeriodEnd: string;
  /** One entry per TRACKED_MEASURES, in that order. */
  readonly measures: readonly MeasureTrend[];
  /** (revenue − previous revenue) / previous revenue; see revenueGrowth. */
  readonly revenueGrowth: Metric;
}

export interface FinancialAnalysis {
  /** Oldest first, by periodEnd. */
  readonly periods: readonly PeriodAnalysis[];
  /** Between each consecutive pair of periods, oldest pair first. */
  readonly trends: readonly PeriodTrend[];
  /** The most recent period (what the scorecard reads), or null without statements. */
  readonly latest: PeriodAnalysis | null;
}

function measureOf(period: PeriodAnalysis, measure: TrackedMeasure): Metric {
  if (measure === "altmanZ") {
    return period.altman.status === "ok" ? ok(period.altman.value) : notComputable(period.altman.reason);
  }
  return period.ratios[measure];
}

/**
 * Ratios, Altman Z (of the given variant) and period-on-period trends for a customer's statements.
 * Statements are ordered by periodEnd (ties keep their input order), so the result does not depend on
 * the order the caller loaded them in.
 */
export function analyseFinancials(options: {
  statements: readonly FinancialStatement[];
  altmanVariant: AltmanVariant;
  trendTolerance?: number;
}): FinancialAnalysis {
  const sorted = [...options.statements].sort((a, b) =>
    a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0,
  );
  const periods = sorted.map(
    (s): PeriodAnalysis => ({
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      currency: s.currency,
      ratios: computeFinancialRatios(s),
      altman: computeAltman(s, options.altmanVariant),
    }),
  );
  const trends: PeriodTrend[] = [];
  for (let i = 1; i < periods.length; i++) {
    const previous = periods[i - 1]!;
    const current = periods[i]!;
    trends.push({
      fromPeriodEnd: previous.periodEnd,
      toPeriodEnd: current.periodEnd,
      measures: TRACKED_MEASURES.map((measure) =>
        compareMeasure({
          measure,
          previous: measureOf(previous, measure),
          current: measureOf(current, measure),
          ...(options.trendTolerance === undefined ? {} : { tolerance: options.trendTolerance }),
        }),
      ),
      revenueGrowth: revenueGrowth({ previous: sorted[i - 1]!, current: sorted[i]! }),
    });
  }
  return { periods, trends, latest: periods.at(-1) ?? null };
}
