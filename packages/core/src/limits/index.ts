/**
 * Credit limits (pure): check steps and their evaluation, exposure in the limit currency and net of
 * securities, limit recommendation, authority matrix with four eyes, late-payment interest.
 */
export * from "./authority.ts";
export * from "./check-steps.ts";
export * from "./convert-at-rate.ts";
export * from "./exposure.ts";
export * from "./late-interest.ts";
export * from "./recommend-limit.ts";
export * from "./run-credit-check.ts";
