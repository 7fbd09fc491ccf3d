export * from "./get-portfolio-summary.ts";
