export * from "./client.ts";
export * from "./schema.ts";
export * from "./shared/csv.ts";
