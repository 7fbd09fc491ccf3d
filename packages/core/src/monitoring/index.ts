/** Early-warning monitoring (pure): rules as data, indicators, robust break detection, evaluation. */
export * from "./anomaly.ts";
export * from "./default-rules.ts";
export * from "./departments.ts";
export * from "./evaluate-rules.ts";
export * from "./monitoring-facts.ts";
export * from "./rule-schema.ts";
