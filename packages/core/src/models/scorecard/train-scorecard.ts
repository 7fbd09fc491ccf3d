import { binDataset, woeValues } from "../binning/apply-binning.ts";
import type { Binning, BinningOptions } from "../binning/bin-types.ts";
import { DEFAULT_BINNING_OPTIONS } from "../binning/bin-types.ts";
import type { SelectionOptions, SelectionResult } from "../binning/select-features.ts";
import { DEFAULT_SELECTION_OPTIONS, selectFeatures } from "../binning/select-features.ts";
import type { Dataset } from "../data/dataset.ts";
import { ModelInputError } from "../data/model-error.ts";
import type { StepwiseMethod, WoeModel } from "../regression/fit-woe-model.ts";
import { fitWoeModel } from "../regression/fit-woe-model.ts";
import type { Scorecard } from "./build-scorecard.ts";
import { buildScorecard } from "./build-scorecard.ts";
import type { ScoreScale } from "./scale.ts";
import { DEFAULT_SCALE } from "./scale.ts";

export interface ScorecardParams {
  readonly binning: BinningOptions;
  readonly selection: SelectionOptions;
  readonly stepwise: StepwiseMethod;
  readonly l2: number;
  readonly scale: ScoreScale;
}

export const DEFAULT_SCORECARD_PARAMS: ScorecardParams = {
  binning: DEFAULT_BINNING_OPTIONS,
  selection: DEFAULT_SELECTION_OPTIONS,
  stepwise: "none",
  l2: 1e-4,
  scale: DEFAULT_SCALE,
};

export interface TrainScorecardResult {
  readonly card: Scorecard;
  readonly binnings: Binning[];
  readonly selection: SelectionResult;
  readonly regression: WoeModel;
  readonly params: ScorecardParams;
}

/** Binning → WOE → selection → logistic regression with sign check → points. */
export function trainScorecard(options: {
  train: Dataset;
  params?: {
    binning?: Partial<BinningOptions>;
    selection?: Partial<SelectionOptions>;
    stepwise?: StepwiseMethod;
    l2?: number;
    scale?: ScoreScale;
  };
}): TrainScorecardResult {
  const given = options.params ?? {};
  const params: ScorecardParams = {
    binning: { ...DEFAULT_BINNING_OPTIONS, ...given.binning },
    selection: { ...DEFAULT_SELECTION_OPTIONS, ...given.selection },
    stepwise: given.stepwise ?? DEFAULT_SCORECARD_PARAMS.stepwise,
    l2: given.l2 ?? DEFAULT_SCORECARD_PARAMS.l2,
    scale: given.scale ?? DEFAULT_SCALE,
  };
  const { train } = options;
  const binnings = binDataset(train, params.binning);
  const woe = new Map<string, Float64Array>();
  binnings.forEach((b, j) => {
    woe.set(b.feature, woeValues(b, train.features[j]!));
  });
  const selection = selectFeatures({ binnings, woe, selection: params.selection });
  if (selection.selected.length === 0) {
    throw new ModelInputError(
      "no_features",
      `no characteristic passes selection (IV ≥ ${params.selection.minIv}); the data carry no usable signal`,
    );
  }
  const regression = fitWoeModel({
    candidates: selection.selected,
    woe,
    target: train.target,
    stepwise: params.stepwise,
    l2: params.l2,
  });
  const card = buildScorecard({
    binnings,
    features: regression.features,
    intercept: regression.fit.intercept,
    coefficients: regression.fit.coefficients,
    scale: params.scale,
  });
  return { card, binnings, selection, regression, params };
}
