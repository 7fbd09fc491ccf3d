export * from "./identifier.ts";
export * from "./lei.ts";
export * from "./uscc.ts";
