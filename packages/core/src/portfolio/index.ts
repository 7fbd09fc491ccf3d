/**
 * Portfolio risk (pure): positions and exposure, grouping, concentration (top-N shares, HHI),
 * expected loss (PD × LGD × EAD), grade migration, PD back-test, stress scenarios, DSO/ADDB/CEI.
 */
export * from "./backtest.ts";
export * from "./concentration.ts";
export * from "./expected-loss.ts";
export * from "./migration.ts";
export * from "./position.ts";
export * from "./stress.ts";
export * from "./view.ts";
