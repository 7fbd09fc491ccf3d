/**
 * Credit assessment engine (pure): financial analysis, payment behaviour, expert scorecard,
 * score ↔ PD ↔ grade, reason codes, policy by grade, and assessCustomer tying them together.
 */
export * from "./assess-customer.ts";
export * from "./behaviour/aging.ts";
export * from "./behaviour/behaviour-aggregates.ts";
export * from "./behaviour/behaviour-metrics.ts";
export * from "./behaviour/compute-behaviour-metrics.ts";
export * from "./behaviour/days-beyond-terms.ts";
export * from "./behaviour/dso.ts";
export * from "./behaviour/ledger.ts";
export * from "./config/assessment-config.ts";
export * from "./financial/altman.ts";
export * from "./financial/analyse-financials.ts";
export * from "./financial/ratios.ts";
export * from "./financial/statement.ts";
export * from "./financial/trends.ts";
export * from "./grading/bands.ts";
export * from "./grading/master-scale.ts";
export * from "./grading/scale.ts";
export * from "./policy/policy-table.ts";
export * from "./reasons/build-reasons.ts";
export * from "./reasons/format-value.ts";
export * from "./scorecard/apply-overrides.ts";
export * from "./scorecard/default-scorecard.ts";
export * from "./scorecard/override-schema.ts";
export * from "./scorecard/schema.ts";
export * from "./scorecard/score.ts";
export * from "./scorecard/scoring-inputs.ts";
export * from "./scorecard/sources.ts";
export * from "./shared/dates.ts";
export * from "./shared/issues.ts";
export * from "./shared/metric.ts";
