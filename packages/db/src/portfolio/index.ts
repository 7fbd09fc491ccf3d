export * from "./summary.ts";
