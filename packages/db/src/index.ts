export * from "./client.ts";
export * from "./schema.ts";
export * from "./shared/csv.ts";
export * from "./shared/server-settings.ts";
