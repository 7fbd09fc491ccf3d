import type { ModelArtefact } from "../artefact/artefact-schema.ts";
import type { ArtefactScores } from "../artefact/score-artefact.ts";
import { binIndices } from "../binning/apply-binning.ts";
import type { Dataset } from "../data/dataset.ts";
import type { CalibrationRow, LiftRow } from "../evaluation/deciles.ts";
import { calibrationTable, liftTable } from "../evaluation/deciles.ts";
import type { BinaryMetrics } from "../evaluation/metrics.ts";
import { binaryMetrics } from "../evaluation/metrics.ts";
import type { PsiBand } from "../evaluation/psi.ts";
import { psiByBins, psiByQuantiles } from "../evaluation/psi.ts";
import { scorecardTable } from "../scorecard/build-scorecard.ts";
import type { TrainScorecardResult } from "../scorecard/train-scorecard.ts";

/** A model report (JSON-ready; render with renderReportHtml). */
export interface ModelReport {
  readonly method: ModelArtefact["method"];
  readonly createdAt: string;
  readonly target: string;
  readonly positive: string;
  readonly metrics: { train: BinaryMetrics; validation: BinaryMetrics | null };
  readonly lift: LiftRow[];
  readonly calibration: CalibrationRow[];
  /** Stability of the score and of each characteristic, validation against train. */
  readonly stability: {
    score: { psi: number; band: PsiBand };
    features: { feature: string; psi: number; band: PsiBand }[];
  };
  /** Scorecard: every characteristic's IV and whether it was kept (and why not). */
  readonly characteristics: {
    feature: string;
    iv: number;
    strength: string;
    status: string;
    detail: string;
  }[];
  /** Scorecard: coefficient table. GBDT: gain importance. */
  readonly coefficients: { feature: string; coefficient: number; standardError: number; pValue: number }[];
  readonly importance: { feature: string; gain: number }[];
  readonly scorecardTable: {
    characteristic: string;
    bin: string;
    good: number;
    bad: number;
    woe: number;
    points: number;
  }[];
}

interface Part {
  readonly data: Dataset;
  readonly scores: ArtefactScores;
}

function featurePsi(train: Dataset, validation: Dataset, scorecard?: TrainScorecardResult) {
  return train.features.map((column, j) => {
    const other = validation.features[j]!;
    const binning = scorecard?.binnings.find((b) => b.feature === column.name);
    if (binning) {
      const r = psiByBins(binIndices(binning, column), binIndices(binning, other), binning.bins.length);
      return { feature: column.name, ...r };
    }
    if (column.kind === "numeric" && other.kind === "numeric") {
      // Missing values count as their own bin: map NaN to −∞ so they sort into the first bin.
      const clean = (v: Float64Array) =>
        Float64Array.from(v, (x) => (Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x));
      return { feature: column.name, ...psiByQuantiles(clean(column.values), clean(other.values)) };
    }
    const codes = new Map<string, number>();
    const code = (v: string | number | null | undefined) => {
      const key = v === null || v === undefined ? "\u0000missing" : String(v);
      if (!codes.has(key)) {
        codes.set(key, codes.size);
      }
      return codes.get(key)!;
    };
    const a = Int32Array.from(column.values as ArrayLike<string | number | null>, code);
    const b = Int32Array.from(other.values as ArrayLike<string | number | null>, code);
    return { feature: column.name, ...psiByBins(a, b, codes.size) };
  });
}

/** Builds the report: metrics, lift/gain, calibration and PSI on validation vs train. */
export function buildReport(options: {
  artefact: ModelArtefact;
  train: Part;
  validation: Part;
  scorecard?: TrainScorecardResult;
}): ModelReport {
  const { artefact, train, validation, scorecard } = options;
  const evalPart = validation.data.rows > 0 ? validation : train;
  const characteristics =
    scorecard?.binnings.map((b) => {
      const dropped = scorecard.selection.dropped.find((d) => d.feature === b.feature);
      const violated = scorecard.regression.signViolations.find((v) => v.feature === b.feature);
      const stepped = scorecard.regression.stepwiseDropped.includes(b.feature);
      const status = dropped ? dropped.reason : violated ? "sign" : stepped ? "stepwise" : "selected";
      const detail = dropped
        ? dropped.detail
        : violated
          ? `coefficient ${violated.coefficient.toFixed(4)} ≥ 0 (WOE sign check)`
          : stepped
            ? "not entered by stepwise selection"
            : "";
      return { feature: b.feature, iv: b.iv, strength: b.ivStrength, status, detail };
    }) ?? [];
  const fit = scorecard?.regression.fit;
  const coefficients = fit
    ? [
        {
          feature: "(intercept)",
          coefficient: fit.intercept,
          standardError: fit.standardErrors[0]!,
          pValue: fit.pValues[0]!,
        },
        ...scorecard.regression.features.map((feature, j) => ({
          feature,
          coefficient: fit.coefficients[j]!,
          standardError: fit.standardErrors[j + 1]!,
          pValue: fit.pValues[j + 1]!,
        })),
      ]
    : [];
  const table = artefact.method === "scorecard" ? scorecardTable(artefact.model) : [];
  return {
    method: artefact.method,
    createdAt: artefact.createdAt,
    target: artefact.training.target,
    positive: artefact.training.positive,
    metrics: {
      train: binaryMetrics(train.data.target, train.scores.pd),
      validation:
        validation.data.rows > 0 ? binaryMetrics(validation.data.target, validation.scores.pd) : null,
    },
    lift: liftTable(evalPart.data.target, evalPart.scores.pd),
    calibration: calibrationTable(evalPart.data.target, evalPart.scores.pd),
    stability: {
      score: psiByQuantiles(train.scores.score, evalPart.scores.score),
      features: featurePsi(train.data, evalPart.data, scorecard),
    },
    characteristics,
    coefficients,
    importance: artefact.method === "gbdt" ? [...artefact.model.importance] : [],
    scorecardTable: table,
  };
}
