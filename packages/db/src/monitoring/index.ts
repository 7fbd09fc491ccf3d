export * from "./load-monitoring-extras.ts";
export * from "./load-monitoring-ledger.ts";
export * from "./load-monitoring-profiles.ts";
export * from "./schema.ts";
