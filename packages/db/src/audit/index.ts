export * from "./append.ts";
export * from "./append-only.ts";
