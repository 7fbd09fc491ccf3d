/**
 * Collections (催收), pure: the worklist priority, dunning levels and the next step of each overdue
 * invoice, message templates (zh-CN / en), promises to pay, late-payment interest statements.
 */
export * from "./dunning.ts";
export * from "./interest.ts";
export * from "./priority.ts";
export * from "./promises.ts";
export * from "./templates.ts";
