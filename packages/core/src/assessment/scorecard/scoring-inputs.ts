import type { BehaviourMetrics } from "../behaviour/behaviour-metrics.ts";
import type { AltmanResult } from "../financial/altman.ts";
import type { PeriodTrend } from "../financial/analyse-financials.ts";
import type { FinancialRatios } from "../financial/ratios.ts";

export const INDUSTRY_RISKS = ["low", "medium", "high"] as const;
export type IndustryRisk = (typeof INDUSTRY_RISKS)[number];

/** Long-term issuer ratings as used by Chinese and international agencies, best first (no notches). */
export const EXTERNAL_RATINGS = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"] as const;
export type ExternalRating = (typeof EXTERNAL_RATINGS)[number];

/** The notched agency scale, best first (AAA, AA+, AA, AA- … C, D), as agencies publish it. */
export const NOTCHED_RATING_SCALE = [
  "AAA",
  "AA+",
  "AA",
  "AA-",
  "A+",
  "A",
  "A-",
  "BBB+",
  "BBB",
  "BBB-",
  "BB+",
  "BB",
  "BB-",
  "B+",
  "B",
  "B-",
  "CCC",
  "CC",
  "C",
  "D",
] as const;

/**
 * Everything a scorecard can read, already reduced to measures as of one date. The bulk SQL path can
 * fill this object directly; `assessCustomer` builds it from statements, behaviour, profile and events.
 */
export interface ScoringInputs {
  /** Latest statement's ratios and Altman result; null without statements. */
  readonly financial: {
    readonly ratios: FinancialRatios;
    readonly altman: AltmanResult;
    /** Change from the previous period to the latest; absent or null with fewer than two periods. */
    readonly trend?: PeriodTrend | null;
  } | null;
  readonly behaviour: BehaviourMetrics | null;
  readonly profile: {
    /** (asOf − founding date) / 365.25 */
    readonly yearsInBusiness?: number;
    readonly registeredCapitalMinor?: number;
    readonly industryRisk?: IndustryRisk;
  };
  readonly external: { readonly rating?: string };
  readonly events: {
    /** Adverse external events (lawsuit, enforcement, management change, rating downgrade…) dated in the last 12 months. */
    readonly adverseCount12m?: number;
  };
}
