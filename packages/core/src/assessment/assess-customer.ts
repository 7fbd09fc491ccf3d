import type { BehaviourMetrics } from "./behaviour/behaviour-metrics.ts";
import {
  type AltmanVariant,
  type AltmanVariantRule,
  chooseAltmanVariant,
  DEFAULT_ALTMAN_VARIANT_RULE,
} from "./financial/altman.ts";
import { analyseFinancials, type PeriodAnalysis, type PeriodTrend } from "./financial/analyse-financials.ts";
import type { FinancialStatement } from "./financial/statement.ts";
import { DEFAULT_GRADE_BANDS, type GradeBand, gradeFromScore, type RiskGrade } from "./grading/bands.ts";
import { DEFAULT_MASTER_SCALE, type MasterScaleNotch, notchFromPd } from "./grading/master-scale.ts";
import { displayScore, oddsFromScore, pdFromScore } from "./grading/scale.ts";
import {
  type AppliedPolicy,
  DEFAULT_POLICY_TABLE,
  type PolicyTable,
  policyForGrade,
} from "./policy/policy-table.ts";
import { buildReasons, overrideReason, type ReasonCode } from "./reasons/build-reasons.ts";
import { type AppliedOverride, applyOverrides } from "./scorecard/apply-overrides.ts";
import type { ScorecardDefinition, ScoreScale } from "./scorecard/schema.ts";
import { type CharacteristicScore, scoreWithScorecard } from "./scorecard/score.ts";
import type { IndustryRisk, ScoringInputs } from "./scorecard/scoring-inputs.ts";
import { addMonths, type IsoDate, inWindow, yearsBetween } from "./shared/dates.ts";

export interface CustomerProfile {
  readonly ownership: "public" | "private";
  readonly isManufacturer: boolean;
  readonly foundedOn?: IsoDate;
  /** Minor units of the reporting currency. */
  readonly registeredCapitalMinor?: number;
  readonly industryRisk?: IndustryRisk;
  /** Core (key-account) customers are reviewed quarterly whatever their grade. */
  readonly isCoreCustomer?: boolean;
}

export const ADVERSE_EVENT_TYPES = [
  "lawsuit",
  "enforcement",
  "management_change",
  "rating_downgrade",
  "other",
] as const;
export type AdverseEventType = (typeof ADVERSE_EVENT_TYPES)[number];

export interface AdverseEvent {
  readonly date: IsoDate;
  readonly type: AdverseEventType;
}

export interface ExternalData {
  /** Issuer rating, e.g. "AA" (see EXTERNAL_RATINGS); other values score as missing. */
  readonly rating?: string;
}

export interface AssessCustomerOptions {
  readonly asOf: IsoDate;
  readonly profile: CustomerProfile;
  /** Any order; only statements with periodEnd ≤ asOf are used. */
  readonly statements: readonly FinancialStatement[];
  /** Must be as of the same date (from computeBehaviourMetrics or the bulk SQL); null without a ledger. */
  readonly behaviour: BehaviourMetrics | null;
  readonly external?: ExternalData;
  readonly events?: readonly AdverseEvent[];
  readonly scorecard: ScorecardDefinition;
  /** Defaults to the scorecard's own scale. */
  readonly scale?: ScoreScale;
  readonly bands?: readonly GradeBand[];
  /** Default DEFAULT_MASTER_SCALE; null for no notch. */
  readonly masterScale?: readonly MasterScaleNotch[] | null;
  readonly policyTable?: PolicyTable;
  readonly altmanVariantRule?: AltmanVariantRule;
  /** ISO 4217 code the amounts are in (for reason texts); default CNY. */
  readonly reportingCurrency?: string;
  readonly maxReasons?: number;
}

export interface FinancialSummary {
  readonly altmanVariant: AltmanVariant;
  readonly periodEnds: readonly IsoDate[];
  readonly latest: PeriodAnalysis | null;
  /** Trend from the previous period to the latest, or null with fewer than two periods. */
  readonly latestTrend: PeriodTrend | null;
}

export interface AssessmentResult {
  readonly asOf: IsoDate;
  readonly scorecardId: string;
  readonly scorecardVersion: string;
  /** Raw score (not rounded or clamped); grade, PD and notch derive from it. */
  readonly score: number;
  /** floor(score) clamped to 300–850, for display. */
  readonly displayScore: number;
  readonly pd: number;
  readonly oddsGood: number;
  /**
   * The grade: the score's band, capped by any fired override (so it can be worse than the score's
   * band; score, PD and notch stay those of the points).
   */
  readonly grade: RiskGrade;
  /** The score's band before overrides. */
  readonly scoreGrade: RiskGrade;
  /** Overrides whose condition held, worst cap first (empty when none fired). */
  readonly overrides: readonly AppliedOverride[];
  readonly masterNotch: {
    readonly notch: number;
    readonly minPd: number;
    readonly maxPd: number | null;
  } | null;
  /** Fired overrides first (not counted in maxReasons), then characteristics by points lost. */
  readonly reasons: readonly ReasonCode[];
  readonly characteristics: readonly CharacteristicScore[];
  readonly policy: AppliedPolicy;
  readonly financial: FinancialSummary;
  readonly behaviour: BehaviourMetrics | null;
  readonly inputsSnapshot: {
    readonly profile: CustomerProfile;
    readonly external: ExternalData;
    readonly adverseEventCount12m: number;
    readonly statementPeriodEnds: readonly IsoDate[];
    readonly scale: ScoreScale;
    readonly bands: readonly GradeBand[];
    readonly reportingCurrency: string;
  };
}

/**
 * Assesses one customer as of a date: financial analysis → scoring inputs → scorecard points →
 * PD, grade, master-scale notch → knock-out overrides (may cap the grade) → reason codes → policy
 * (by the final grade). Pure and deterministic: the same inputs and
 * scorecard version give the same result (no clock, stable ordering).
 */
export function assessCustomer(options: AssessCustomerOptions): AssessmentResult {
  const { asOf, profile, scorecard } = options;
  if (options.behaviour && options.behaviour.asOf !== asOf) {
    throw new RangeError(
      `behaviour metrics are as of ${options.behaviour.asOf}, the assessment is as of ${asOf}`,
    );
  }
  const scale = options.scale ?? scorecard.scale;
  const bands = options.bands ?? DEFAULT_GRADE_BANDS;
  const reportingCurrency = options.reportingCurrency ?? "CNY";
  const external = options.external ?? {};

  const altmanVariant = chooseAltmanVariant(
    profile,
    options.altmanVariantRule ?? DEFAULT_ALTMAN_VARIANT_RULE,
  );
  const statements = options.statements.filter((s) => s.periodEnd <= asOf);
  const analysis = analyseFinancials({ statements, altmanVariant });
  const yearAgo = addMonths(asOf, -12);
  const adverseEventCount12m = (options.events ?? []).filter((e) => inWindow(e.date, yearAgo, asOf)).length;

  const inputs: ScoringInputs = {
    financial: analysis.latest
      ? {
          ratios: analysis.latest.ratios,
          altman: analysis.latest.altman,
          trend: analysis.trends.at(-1) ?? null,
        }
      : null,
    behaviour: options.behaviour,
    profile: {
      ...(profile.foundedOn !== undefined && profile.foundedOn <= asOf
        ? { yearsInBusiness: yearsBetween(profile.foundedOn, asOf) }
        : {}),
      ...(profile.registeredCapitalMinor !== undefined
        ? { registeredCapitalMinor: profile.registeredCapitalMinor }
        : {}),
      ...(profile.industryRisk !== undefined ? { industryRisk: profile.industryRisk } : {}),
    },
    external,
    events: { adverseCount12m: adverseEventCount12m },
  };

  const scored = scoreWithScorecard({ scorecard, inputs });
  const pd = pdFromScore(scored.score, scale);
  const scoreGrade = gradeFromScore(scored.score, bands);
  const { grade, applied } = applyOverrides({
    scorecard,
    inputs,
    grade: scoreGrade,
    currency: reportingCurrency,
  });
  const masterScale = options.masterScale === undefined ? DEFAULT_MASTER_SCALE : options.masterScale;

  return {
    asOf,
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    score: scored.score,
    displayScore: displayScore(scored.score),
    pd,
    oddsGood: oddsFromScore(scored.score, scale),
    grade,
    scoreGrade,
    overrides: applied,
    masterNotch: masterScale ? notchFromPd(pd, masterScale) : null,
    reasons: [
      ...applied.map(overrideReason),
      ...buildReasons({
        scorecard,
        characteristics: scored.characteristics,
        currency: reportingCurrency,
        ...(options.maxReasons === undefined ? {} : { maxReasons: options.maxReasons }),
      }),
    ],
    characteristics: scored.characteristics,
    policy: policyForGrade({
      grade,
      isCoreCustomer: profile.isCoreCustomer ?? false,
      table: options.policyTable ?? DEFAULT_POLICY_TABLE,
    }),
    financial: {
      altmanVariant,
      periodEnds: analysis.periods.map((p) => p.periodEnd),
      latest: analysis.latest,
      latestTrend: analysis.trends.at(-1) ?? null,
    },
    behaviour: options.behaviour,
    inputsSnapshot: {
      profile,
      external,
      adverseEventCount12m,
      statementPeriodEnds: analysis.periods.map((p) => p.periodEnd),
      scale,
      bands,
      reportingCurrency,
    },
  };
}
