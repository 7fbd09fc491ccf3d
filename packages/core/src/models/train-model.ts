import type { ModelArtefact, ModelMethod } from "./artefact/artefact-schema.ts";
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from "./artefact/artefact-schema.ts";
import { scoreColumns } from "./artefact/score-artefact.ts";
import { parseArtefact } from "./artefact/serialise-artefact.ts";
import type { BinningOptions } from "./binning/bin-types.ts";
import type { SelectionOptions } from "./binning/select-features.ts";
import type { Dataset, RawTable } from "./data/dataset.ts";
import { prepareDataset } from "./data/prepare-dataset.ts";
import type { SplitMethod, SplitResult } from "./data/split-dataset.ts";
import { splitDataset } from "./data/split-dataset.ts";
import { evaluationCurves } from "./evaluation/curves.ts";
import { binaryMetrics } from "./evaluation/metrics.ts";
import type { GbdtParams } from "./gbdt/gbdt-params.ts";
import { trainGbdt } from "./gbdt/train-gbdt.ts";
import type { StepwiseMethod } from "./regression/fit-woe-model.ts";
import type { ModelReport } from "./report/build-report.ts";
import { buildReport } from "./report/build-report.ts";
import type { ScoreScale } from "./scorecard/scale.ts";
import { DEFAULT_SCALE } from "./scorecard/scale.ts";
import type { TrainScorecardResult } from "./scorecard/train-scorecard.ts";
import { trainScorecard } from "./scorecard/train-scorecard.ts";

export interface TrainModelOptions {
  readonly table: RawTable;
  readonly target: string;
  readonly positive?: string;
  readonly method?: ModelMethod;
  readonly exclude?: readonly string[];
  readonly seed?: number;
  readonly validationShare?: number;
  /** A date column: validation = the latest rows (out-of-time) instead of a random split. */
  readonly timeColumn?: string;
  /** ISO time stamp recorded in the artefact (the caller's clock; the core reads none). */
  readonly createdAt: string;
  readonly file?: string;
  readonly scale?: ScoreScale;
  readonly scorecard?: {
    binning?: Partial<BinningOptions>;
    selection?: Partial<SelectionOptions>;
    stepwise?: StepwiseMethod;
    l2?: number;
  };
  readonly gbdt?: Partial<GbdtParams>;
}

export interface TrainModelResult {
  readonly artefact: ModelArtefact;
  readonly report: ModelReport;
  readonly split: SplitResult;
  readonly dataset: Dataset;
  readonly scorecard?: TrainScorecardResult;
}

/** Prepares the data, splits it, trains the chosen method and evaluates it on both parts. */
export function trainModel(options: TrainModelOptions): TrainModelResult {
  const method = options.method ?? "scorecard";
  const seed = options.seed ?? 42;
  const validationShare = options.validationShare ?? 0.3;
  const dataset = prepareDataset({
    table: options.table,
    target: options.target,
    ...(options.positive === undefined ? {} : { positive: options.positive }),
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    ...(options.timeColumn === undefined ? {} : { timeColumn: options.timeColumn }),
  });
  const splitMethod: SplitMethod = options.timeColumn === undefined ? "random" : "time";
  const split = splitDataset(dataset, { method: splitMethod, validationShare, seed });
  const scale = options.scale ?? DEFAULT_SCALE;
  const training = {
    ...(options.file === undefined ? {} : { file: options.file }),
    rows: dataset.rows,
    target: options.target,
    positive: dataset.positive,
    features: dataset.features.map((f) => ({ name: f.name, kind: f.kind })),
    split: {
      method: splitMethod,
      validationShare,
      ...(splitMethod === "random" ? { seed } : {}),
      ...(options.timeColumn === undefined ? {} : { timeColumn: options.timeColumn }),
      trainRows: split.train.rows,
      validationRows: split.validation.rows,
    },
  };
  const placeholder = { n: 0, bads: 0, badRate: 0, auc: null, gini: null, ks: null, brier: 0, logLoss: 0 };
  let artefact: ModelArtefact;
  let scorecard: TrainScorecardResult | undefined;
  if (method === "scorecard") {
    scorecard = trainScorecard({ train: split.train, params: { ...options.scorecard, scale } });
    artefact = parseArtefact({
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      method,
      createdAt: options.createdAt,
      training: { ...training, params: scorecard.params },
      metrics: { train: placeholder, validation: null },
      model: scorecard.card,
    });
  } else {
    const result = trainGbdt({
      train: split.train,
      ...(split.validation.rows > 0 ? { validation: split.validation } : {}),
      params: { seed, ...options.gbdt },
    });
    artefact = parseArtefact({
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      method,
      createdAt: options.createdAt,
      training: { ...training, params: { ...result.params, bestIteration: result.bestIteration } },
      metrics: { train: placeholder, validation: null },
      model: { scale, ...result.model },
    });
  }
  const trainScores = scoreColumns({ artefact, columns: split.train.features, rows: split.train.rows });
  const validScores = scoreColumns({
    artefact,
    columns: split.validation.features,
    rows: split.validation.rows,
  });
  artefact.metrics = {
    train: binaryMetrics(split.train.target, trainScores.pd),
    validation: split.validation.rows > 0 ? binaryMetrics(split.validation.target, validScores.pd) : null,
  };
  artefact.curves = {
    train: evaluationCurves({ target: split.train.target, pd: trainScores.pd, score: trainScores.score }),
    validation:
      split.validation.rows > 0
        ? evaluationCurves({ target: split.validation.target, pd: validScores.pd, score: validScores.score })
        : null,
  };
  const report = buildReport({
    artefact,
    train: { data: split.train, scores: trainScores },
    validation: { data: split.validation, scores: validScores },
    ...(scorecard ? { scorecard } : {}),
  });
  return { artefact, report, split, dataset, ...(scorecard ? { scorecard } : {}) };
}
