/**
 * Statistical modelling toolkit (pure): data preparation, WOE binning, logistic-regression
 * scorecards, gradient-boosted trees, evaluation, reports and the versioned model artefact.
 */
export * from "./artefact/artefact-schema.ts";
export * from "./artefact/score-artefact.ts";
export * from "./artefact/serialise-artefact.ts";
export * from "./binning/apply-binning.ts";
export * from "./binning/bin-categorical.ts";
export * from "./binning/bin-numeric.ts";
export * from "./binning/bin-types.ts";
export * from "./binning/merge-cells.ts";
export * from "./binning/monotonic.ts";
export * from "./binning/select-features.ts";
export * from "./binning/woe.ts";
export * from "./data/dataset.ts";
export * from "./data/model-error.ts";
export * from "./data/parse-features.ts";
export * from "./data/parse-target.ts";
export * from "./data/prepare-dataset.ts";
export * from "./data/rng.ts";
export * from "./data/split-dataset.ts";
export * from "./evaluation/curves.ts";
export * from "./evaluation/deciles.ts";
export * from "./evaluation/metrics.ts";
export * from "./evaluation/psi.ts";
export * from "./features/as-of-schedule.ts";
export * from "./features/assessment-features.ts";
export * from "./features/build-scoring-inputs.ts";
export * from "./features/score-feature-records.ts";
export * from "./gbdt/feature-binner.ts";
export * from "./gbdt/gbdt-model.ts";
export * from "./gbdt/gbdt-params.ts";
export * from "./gbdt/grow-tree.ts";
export * from "./gbdt/train-gbdt.ts";
export * from "./registry/compare-models.ts";
export * from "./regression/cholesky.ts";
export * from "./regression/fit-woe-model.ts";
export * from "./regression/logistic-regression.ts";
export * from "./regression/normal.ts";
export * from "./report/build-report.ts";
export * from "./report/render-report-html.ts";
export * from "./scorecard/build-scorecard.ts";
export * from "./scorecard/scale.ts";
export * from "./scorecard/score-scorecard.ts";
export * from "./scorecard/train-scorecard.ts";
export * from "./testing/synthetic.ts";
export * from "./train-model.ts";
