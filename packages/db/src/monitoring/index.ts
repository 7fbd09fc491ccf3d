export * from "./load-monitoring-extras.ts";
export * from "./load-monitoring-series.ts";
export * from "./schema.ts";
