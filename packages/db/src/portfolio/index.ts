/** Portfolio: summary, positions, receivables trend, migration and back-test inputs, settings (`@creditdesk/db/portfolio`). */
export * from "./ar-snapshots.ts";
export * from "./customer-standing.ts";
export * from "./ledger-triggers.ts";
export * from "./migration-records.ts";
export * from "./positions.ts";
export * from "./receivables-trend.ts";
export * from "./schema.ts";
export * from "./sql-helpers.ts";
export * from "./state-history.ts";
export * from "./summary.ts";
