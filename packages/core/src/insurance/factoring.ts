import type { FactoringMode } from "./insurance-schema.ts";
import { applyBps } from "./insured-limit.ts";

/**
 * Whether a factored invoice leaves the customer's exposure: only a sale WITHOUT recourse transfers
 * the buyer's credit risk to the factor (true sale). With recourse the factor hands a defaulted
 * invoice back, and a pledge is only security for a loan — in both the risk stays with us.
 */
export function removesFromExposure(f: { mode: FactoringMode; withRecourse: boolean }): boolean {
  return f.mode === "sold" && !f.withRecourse;
}

/** The advance the factor pays (face × advance rate) and its fees (face × fee rate), half-even. */
export function factoringAmounts(options: { faceMinor: number; advanceRateBps: number; feeBps: number }): {
  advanceMinor: number;
  feesMinor: number;
} {
  return {
    advanceMinor: applyBps(options.faceMinor, options.advanceRateBps),
    feesMinor: applyBps(options.faceMinor, options.feeBps),
  };
}
