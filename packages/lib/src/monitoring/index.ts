/** Continuous monitoring: rules, runs (full, incremental, scheduled), alerts, credit holds. */
export * from "./alert-actions.ts";
export * from "./credit-holds.ts";
export * from "./job-slots.ts";
export * from "./list-monitoring-runs.ts";
export * from "./load-monitoring-facts.ts";
export * from "./rules.ts";
export * from "./run-monitoring.ts";
export * from "./run-monitoring-for-events.ts";
export * from "./start-monitoring-scheduler.ts";
