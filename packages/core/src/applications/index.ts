/**
 * Credit applications and new-customer screening (pure): company-name normalisation and duplicate
 * detection, the configurable investigation checklist, the rating agency waterfall, fraud and
 * integrity signals, the decision rules.
 */
export * from "./checklist.ts";
export * from "./config.ts";
export * from "./dates.ts";
export * from "./decision.ts";
export * from "./duplicates.ts";
export * from "./normalise.ts";
export * from "./redact.ts";
export * from "./risk-register.ts";
export * from "./signals.ts";
export * from "./texts.ts";
export * from "./waterfall.ts";
