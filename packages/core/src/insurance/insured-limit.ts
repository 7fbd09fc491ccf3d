import { roundHalfEven } from "../money/money.ts";
import type { InsurerDecision } from "./insurance-schema.ts";

/**
 * What an insurer's decision is, from the amounts: the whole request granted (full), part of it
 * (partial), or nothing (refused). A grant above the request counts as full.
 */
export function classifyDecision(requestedMinor: number, decidedMinor: number): InsurerDecision {
  if (decidedMinor <= 0) {
    return "refused";
  }
  return decidedMinor >= requestedMinor ? "full" : "partial";
}

/**
 * Checks a stated decision against its amounts (a "partial" that grants everything, or a "refused"
 * with an amount, is a typing error worth stopping). Returns the problem, or null.
 */
export function decisionProblem(
  requestedMinor: number,
  decidedMinor: number,
  decision: InsurerDecision,
): string | null {
  const derived = classifyDecision(requestedMinor, decidedMinor);
  if (derived === decision) {
    return null;
  }
  switch (decision) {
    case "full":
      return "a full decision grants at least the requested amount";
    case "partial":
      return "a partial decision grants more than 0 and less than the requested amount";
    case "refused":
      return "a refusal grants 0";
    default: {
      const never: never = decision;
      return never;
    }
  }
}

/** `amount × bps / 10,000`, rounded once, half-even (DOMAIN.md: conversions round once). */
export function applyBps(amountMinor: number, bps: number): number {
  return Number(roundHalfEven(BigInt(amountMinor) * BigInt(bps), 10_000n));
}

export interface InsuredPosition {
  /** Exposure on the buyer (gross, limit currency). */
  readonly exposureMinor: number;
  /** The insured limit in force (0 when refused or none), same currency. */
  readonly insuredLimitMinor: number;
  /** Share of a loss the insurer pays, basis points. */
  readonly indemnityBps: number;
}

export interface InsuredCover {
  /** Exposure inside the insured limit. */
  readonly insuredExposureMinor: number;
  /** Exposure above the insured limit (uninsured; the "shipping above the insured limit" figure). */
  readonly uninsuredExposureMinor: number;
  /** What the insurer would pay on a total loss: insured exposure × indemnity %. */
  readonly coverMinor: number;
  /** Exposure net of the cover (the insured's own retention plus the uninsured excess). */
  readonly netMinor: number;
}

/**
 * Exposure net of credit insurance (DOMAIN.md "net exposure subtracts … the insured share"): the
 * insurer pays indemnity % of the loss up to the insured limit, so the cover is
 * min(exposure, insured limit) × indemnity %; the rest stays at risk.
 */
export function insuredCover(p: InsuredPosition): InsuredCover {
  const exposure = Math.max(0, p.exposureMinor);
  const insuredExposureMinor = Math.min(exposure, Math.max(0, p.insuredLimitMinor));
  const coverMinor = applyBps(insuredExposureMinor, p.indemnityBps);
  return {
    insuredExposureMinor,
    uninsuredExposureMinor: exposure - insuredExposureMinor,
    coverMinor,
    netMinor: exposure - coverMinor,
  };
}

/**
 * Over the insured limit: the exposure (optionally with the order about to ship) above the limit,
 * 0 when within. Any excess is uninsured — DOMAIN.md caps a limit at the insured limit plus the
 * uninsured tolerance set by policy.
 */
export function excessOverInsuredLimit(options: {
  exposureMinor: number;
  insuredLimitMinor: number;
  toleranceMinor?: number;
}): number {
  return Math.max(0, options.exposureMinor - options.insuredLimitMinor - (options.toleranceMinor ?? 0));
}
