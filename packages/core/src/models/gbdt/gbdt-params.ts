/** Hyper-parameters of the gradient-boosted trees (names follow XGBoost/LightGBM usage). */
export interface GbdtParams {
  readonly learningRate: number;
  /** Maximum number of trees (boosting rounds). */
  readonly maxIterations: number;
  readonly maxDepth: number;
  readonly maxLeaves: number;
  /** Minimum hessian sum in a child (XGBoost min_child_weight). */
  readonly minChildWeight: number;
  /** Minimum rows in a child (LightGBM min_data_in_leaf / sklearn min_samples_leaf). */
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf weights (lambda). */
  readonly lambda: number;
  /** Share of rows sampled (without replacement) per tree. */
  readonly subsample: number;
  /** Share of characteristics sampled per tree. */
  readonly colsample: number;
  /** Stop when the validation log loss has not improved for this many rounds (0 = off). */
  readonly earlyStoppingRounds: number;
  /** Histogram bins per characteristic, including the missing bin (≤ 256 → Uint8 codes). */
  readonly maxBins: number;
  /** Monotonic constraints on the PD: +1 non-decreasing, −1 non-increasing in the value. */
  readonly monotone: Readonly<Record<string, 1 | -1>>;
  readonly seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  learningRate: 0.1,
  maxIterations: 500,
  maxDepth: 8,
  maxLeaves: 31,
  minChildWeight: 1e-3,
  minSamplesLeaf: 20,
  lambda: 1,
  subsample: 1,
  colsample: 1,
  earlyStoppingRounds: 20,
  maxBins: 256,
  monotone: {},
  seed: 42,
};
