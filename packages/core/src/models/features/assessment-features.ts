import type { BehaviourNumericField } from "../../assessment/behaviour/behaviour-metrics.ts";
import { BEHAVIOUR_NUMERIC_FIELDS } from "../../assessment/behaviour/behaviour-metrics.ts";
import type { FinancialRatioName } from "../../assessment/financial/ratios.ts";
import { FINANCIAL_RATIO_NAMES } from "../../assessment/financial/ratios.ts";
import type { ScoringInputs } from "../../assessment/scorecard/scoring-inputs.ts";
import { EXTERNAL_RATINGS } from "../../assessment/scorecard/scoring-inputs.ts";
import type { Metric } from "../../assessment/shared/metric.ts";
import type { FeatureKind } from "../data/dataset.ts";

/**
 * The characteristics a statistical model may read from an assessment, as one flat record. The
 * SAME function feeds the own-history training data set (`creditdesk model dataset`) and the
 * scoring inside the assessment run, so names and encodings cannot drift between the two.
 *
 * A value is a finite number, a string (categoricals) or null (missing or not computable — a
 * not_computable Metric never becomes a number). Names are `<group>_<field>`:
 * - `fin_*`: the latest statement's FinancialRatios (packages/core/src/assessment/financial/ratios.ts),
 *   e.g. fin_currentRatio, fin_debtRatio, fin_receivableDays …, null without a statement.
 * - `altman_z` (Altman 1968/1983/1995, the customer's variant), `altman_variant` (z, z_prime,
 *   z_double_prime) and `altman_zone` (safe, grey, distress).
 * - `beh_*`: BehaviourMetrics fields readable as numbers (BEHAVIOUR_NUMERIC_FIELDS), e.g. beh_dso,
 *   beh_maxDaysPastDue, beh_daysBeyondTerms12m, beh_orderTrendRatio; null without a ledger.
 * - `prof_yearsInBusiness`, `prof_registeredCapitalMinor` (base-currency minor units),
 *   `prof_industryRisk` (low, medium, high).
 * - `ext_ratingRank`: the external rating as a rank, AAA = 1 … D = 10 (ordinal, so binning keeps
 *   the order); null without a rating or for an unknown symbol.
 * - `evt_adverseCount12m`: adverse external events in the last 12 months.
 */
export type FeatureValue = number | string | null;
export type AssessmentFeatureRecord = Readonly<Record<string, FeatureValue>>;

export interface AssessmentFeatureDefinition {
  readonly name: string;
  readonly kind: FeatureKind;
  readonly description: string;
}

const finName = (r: FinancialRatioName) => `fin_${r}`;
const behName = (b: BehaviourNumericField) => `beh_${b}`;

/** Every feature `assessmentFeatures` emits, in output order, with its kind and meaning. */
export const ASSESSMENT_FEATURES: readonly AssessmentFeatureDefinition[] = [
  ...FINANCIAL_RATIO_NAMES.map((r) => ({
    name: finName(r),
    kind: "numeric" as const,
    description: `latest statement's ${r} (FinancialRatios); null without a statement or when not computable`,
  })),
  {
    name: "altman_z",
    kind: "numeric",
    description: "Altman Z of the customer's variant; null when not computable",
  },
  {
    name: "altman_variant",
    kind: "categorical",
    description: "Altman variant used: z, z_prime or z_double_prime",
  },
  { name: "altman_zone", kind: "categorical", description: "Altman zone: safe, grey or distress" },
  ...BEHAVIOUR_NUMERIC_FIELDS.map((b) => ({
    name: behName(b),
    kind: "numeric" as const,
    description: `payment behaviour ${b} as of the date (BehaviourMetrics); null without a ledger or when not computable`,
  })),
  { name: "prof_yearsInBusiness", kind: "numeric", description: "(asOf − founding date) / 365.25" },
  {
    name: "prof_registeredCapitalMinor",
    kind: "numeric",
    description: "registered capital in minor units of the base currency",
  },
  { name: "prof_industryRisk", kind: "categorical", description: "industry risk: low, medium or high" },
  { name: "ext_ratingRank", kind: "numeric", description: "external rating rank, AAA = 1 … D = 10" },
  {
    name: "evt_adverseCount12m",
    kind: "numeric",
    description: "adverse external events dated in the last 12 months",
  },
];

/** Names of all assessment features, in output order. */
export const ASSESSMENT_FEATURE_NAMES: readonly string[] = ASSESSMENT_FEATURES.map((f) => f.name);

function metricOrNull(metric: Metric): number | null {
  return metric.status === "ok" && Number.isFinite(metric.value) ? metric.value : null;
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Rank of an external rating symbol (AAA = 1), or null for none/unknown. */
export function externalRatingRank(rating: string | undefined): number | null {
  if (rating === undefined) {
    return null;
  }
  const index = (EXTERNAL_RATINGS as readonly string[]).indexOf(rating.trim().toUpperCase());
  return index < 0 ? null : index + 1;
}

/** Flattens what an assessment sees as of a date into named characteristics (see the module note). */
export function assessmentFeatures(options: { inputs: ScoringInputs }): AssessmentFeatureRecord {
  const { financial, behaviour, profile, external, events } = options.inputs;
  const out: Record<string, FeatureValue> = {};
  for (const r of FINANCIAL_RATIO_NAMES) {
    out[finName(r)] = financial ? metricOrNull(financial.ratios[r]) : null;
  }
  const altman = financial?.altman;
  out.altman_z = altman?.status === "ok" ? finiteOrNull(altman.value) : null;
  out.altman_variant = altman ? altman.variant : null;
  out.altman_zone = altman?.status === "ok" ? altman.zone : null;
  for (const b of BEHAVIOUR_NUMERIC_FIELDS) {
    const value = behaviour ? behaviour[b] : undefined;
    out[behName(b)] =
      value === undefined ? null : typeof value === "number" ? finiteOrNull(value) : metricOrNull(value);
  }
  out.prof_yearsInBusiness = finiteOrNull(profile.yearsInBusiness);
  out.prof_registeredCapitalMinor = finiteOrNull(profile.registeredCapitalMinor);
  out.prof_industryRisk = profile.industryRisk ?? null;
  out.ext_ratingRank = externalRatingRank(external.rating);
  out.evt_adverseCount12m = finiteOrNull(events.adverseCount12m);
  return out;
}

/**
 * One CSV cell for a feature value: "" for null (a missing token of the CSV reader), the number
 * in JavaScript's shortest round-trip form, or the string itself. `featureColumns` reads values
 * through this same function, so a file and an in-memory record score identically.
 */
export function featureCell(value: FeatureValue | undefined): string {
  if (value === null || value === undefined) {
    return "";
  }
  return typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
}
