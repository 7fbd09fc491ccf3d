import {
  type AssessCustomerOptions,
  type AssessmentResult,
  assessCustomer,
  type BehaviourAggregates,
  behaviourFromAggregates,
  type ScorecardDefinition,
} from "@creditdesk/core/assessment";
import type { RegisteredModelScores } from "../models/score-with-registered-models.ts";

/**
 * What an assessment row keeps: everything needed to recompute the result exactly (the inputs as
 * the engine saw them, with the behaviour as its underlying sums) and the decision itself (score,
 * grade, reasons, policy, overrides). Derived detail — every characteristic's bin, the financial
 * analysis, the behaviour metrics — is recomputed from these on read, which also proves that the
 * stored decision still reproduces.
 */
export interface StoredInputs {
  readonly asOf: string;
  readonly profile: AssessCustomerOptions["profile"];
  readonly statements: AssessCustomerOptions["statements"];
  readonly behaviourAggregates: BehaviourAggregates | null;
  readonly external: NonNullable<AssessCustomerOptions["external"]>;
  readonly events: NonNullable<AssessCustomerOptions["events"]>;
  readonly reportingCurrency: string;
}

export interface StoredResult {
  readonly displayScore: number;
  readonly scoreGrade: string;
  readonly overrides: AssessmentResult["overrides"];
  readonly masterNotch: AssessmentResult["masterNotch"];
  /** Points per characteristic code, in scorecard order. */
  readonly points: readonly [string, number][];
  /** Champion/challenger statistical models scored alongside (issue 5), when registered. */
  readonly models?: RegisteredModelScores;
}

export function toStoredResult(
  result: AssessmentResult,
  models: RegisteredModelScores | undefined,
): StoredResult {
  return {
    displayScore: result.displayScore,
    scoreGrade: result.scoreGrade,
    overrides: result.overrides,
    masterNotch: result.masterNotch,
    points: result.characteristics.map((c) => [c.code, c.points]),
    ...(models && (models.champion || models.challenger) ? { models } : {}),
  };
}

/** Re-runs the pure engine on stored inputs with the stored scorecard version. */
export function recomputeAssessment(inputs: StoredInputs, scorecard: ScorecardDefinition): AssessmentResult {
  return assessCustomer({
    asOf: inputs.asOf,
    profile: inputs.profile,
    statements: inputs.statements,
    behaviour: inputs.behaviourAggregates ? behaviourFromAggregates(inputs.behaviourAggregates) : null,
    external: inputs.external,
    events: inputs.events,
    reportingCurrency: inputs.reportingCurrency,
    scorecard,
  });
}
