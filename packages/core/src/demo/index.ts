/**
 * The reproducible demo portfolio: a seeded generator of customers with a hidden default process,
 * their ledgers, statements and outside signals (issue 2, item 5). Pure — the writer lives in
 * `@creditdesk/lib/demo`.
 */
export * from "./build-profile.ts";
export * from "./catalogues/industries.ts";
export * from "./catalogues/regions.ts";
export * from "./catalogues/showcase.ts";
export * from "./context.ts";
export * from "./generate-fx-rates.ts";
export * from "./generate-ledger.ts";
export * from "./generate-portfolio.ts";
export * from "./generate-signals.ts";
export * from "./generate-statements.ts";
export * from "./make-identifiers.ts";
export * from "./options.ts";
export * from "./plan-coverage.ts";
export * from "./prng.ts";
export * from "./simulate-health.ts";
export * from "./types.ts";
