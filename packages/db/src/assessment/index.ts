export * from "./behaviour-aggregates.ts";
export * from "./behaviour-trend.ts";
export * from "./customer-selection.ts";
export * from "./load-profiles.ts";
export * from "./schema.ts";
export * from "./scorecards.ts";
