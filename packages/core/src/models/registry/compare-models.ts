import type { ArtefactScores } from "../artefact/score-artefact.ts";
import { type EvaluationCurves, evaluationCurves } from "../evaluation/curves.ts";
import { binaryMetrics } from "../evaluation/metrics.ts";
import type { PsiBand } from "../evaluation/psi.ts";
import { psiByQuantiles } from "../evaluation/psi.ts";

/** One model's figures in a champion/challenger comparison. */
export interface ComparedModel {
  readonly name: string;
  readonly version: string;
  readonly method: string;
  readonly auc: number | null;
  readonly ks: number | null;
  readonly gini: number | null;
  readonly brier: number;
  readonly logLoss: number;
  readonly meanPd: number;
  readonly meanScore: number;
  /** ROC and KS curves on the compared rows (null with one class only). */
  readonly curves: EvaluationCurves | null;
}

export interface ModelComparison {
  readonly rows: number;
  readonly bads: number;
  readonly badRate: number;
  readonly champion: ComparedModel;
  readonly challenger: ComparedModel;
  /** Challenger − champion (positive = the challenger discriminates better). */
  readonly aucDelta: number | null;
  /**
   * PSI of the challenger's score distribution against the champion's (bins at the champion's
   * deciles; DOMAIN.md bands): how differently the two models spread the same rows.
   */
  readonly scorePsi: { readonly psi: number; readonly band: PsiBand };
}

export interface ComparedInput {
  readonly name: string;
  readonly version: string;
  readonly method: string;
  readonly scores: ArtefactScores;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) {
    sum += v;
  }
  return values.length === 0 ? 0 : sum / values.length;
}

function figures(target: Uint8Array, m: ComparedInput): ComparedModel {
  const metrics = binaryMetrics(target, m.scores.pd);
  return {
    name: m.name,
    version: m.version,
    method: m.method,
    auc: metrics.auc,
    ks: metrics.ks,
    gini: metrics.gini,
    brier: metrics.brier,
    logLoss: metrics.logLoss,
    meanPd: mean(m.scores.pd),
    meanScore: mean(m.scores.score),
    curves: evaluationCurves({ target, pd: m.scores.pd, score: m.scores.score }),
  };
}

/** AUC/KS/Gini/Brier of champion and challenger on the same labelled rows, and the PSI between their scores. */
export function compareModels(options: {
  target: Uint8Array;
  champion: ComparedInput;
  challenger: ComparedInput;
}): ModelComparison {
  const { target } = options;
  if (
    options.champion.scores.pd.length !== target.length ||
    options.challenger.scores.pd.length !== target.length
  ) {
    throw new RangeError("champion, challenger and target must cover the same rows");
  }
  let bads = 0;
  for (const t of target) {
    bads += t;
  }
  const champion = figures(target, options.champion);
  const challenger = figures(target, options.challenger);
  return {
    rows: target.length,
    bads,
    badRate: target.length === 0 ? 0 : bads / target.length,
    champion,
    challenger,
    aucDelta: champion.auc === null || challenger.auc === null ? null : challenger.auc - champion.auc,
    scorePsi: psiByQuantiles(options.champion.scores.score, options.challenger.scores.score),
  };
}
