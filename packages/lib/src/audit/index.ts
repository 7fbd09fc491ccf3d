export * from "./append-audit.ts";
export * from "./audit-row.ts";
export * from "./export-audit.ts";
export * from "./list-audit.ts";
export * from "./list-customer-audit.ts";
export * from "./verify-audit.ts";
