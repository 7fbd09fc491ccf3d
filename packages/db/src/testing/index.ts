export * from "./test-database.ts";
export * from "./urls.ts";
