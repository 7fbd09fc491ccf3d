export * from "./dates.ts";
export * from "./entities.ts";
export * from "./fields.ts";
export * from "./headers.ts";
export * from "./mapping-file.ts";
export * from "./problem.ts";
export * from "./validate-row.ts";
export * from "./values.ts";
