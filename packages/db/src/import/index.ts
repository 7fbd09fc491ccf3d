export * from "./check-staging.ts";
export * from "./export-pages.ts";
export * from "./import-runs.ts";
export * from "./merge-plans.ts";
export * from "./merge-staging.ts";
export * from "./schema.ts";
export * from "./staging.ts";
