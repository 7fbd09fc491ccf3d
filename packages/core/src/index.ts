export * from "./identifiers/index.ts";
export * from "./money/index.ts";
