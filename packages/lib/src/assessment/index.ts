export * from "./assess-customer-now.ts";
export * from "./assessment-record.ts";
export * from "./get-credit-file.ts";
export * from "./industry-risk.ts";
export * from "./resolve-scorecard.ts";
export * from "./run-assessments.ts";
export * from "./save-scorecard.ts";
export * from "./to-assessment-inputs.ts";
