/** Every table, for Drizzle's relational queries and drizzle-kit. */
export * from "./applications/schema.ts";
export * from "./archive/schema.ts";
export * from "./assessment/schema.ts";
export * from "./audit/schema.ts";
export * from "./collections/schema.ts";
export * from "./fx/schema.ts";
export * from "./identity/schema.ts";
export * from "./import/schema.ts";
export * from "./insurance/schema.ts";
export * from "./ledger/schema.ts";
export * from "./limits/schema.ts";
export * from "./monitoring/schema.ts";
export * from "./notifications/schema.ts";
export * from "./portfolio/schema.ts";
export * from "./reviews/schema.ts";
