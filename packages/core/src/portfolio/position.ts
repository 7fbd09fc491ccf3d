/**
 * One customer's position in the portfolio as of a date, every amount in minor units of the base
 * currency (converted once per currency and part, half-even, before it reaches the core).
 */
export interface PortfolioPosition {
  readonly customerId: number;
  readonly code: string;
  readonly name: string;
  readonly industry: string | null;
  readonly region: string | null;
  readonly tier: string;
  readonly salesOwner: string | null;
  /** Credit segment of the customer's largest current limit (null = no limit). */
  readonly segment: string | null;
  /** Customer group: the parent's customer code, or the customer's own code when it has no parent. */
  readonly group: string;
  /** Latest assessment on or before as-of (null = never assessed). */
  readonly grade: string | null;
  readonly notch: string | null;
  /** 12-month probability of default of that assessment (fraction). */
  readonly pd: number | null;
  readonly openReceivablesMinor: number;
  readonly overdueMinor: number;
  readonly aging: AgingBuckets;
  readonly undeliveredOrdersMinor: number;
  readonly deliveredNotInvoicedMinor: number;
  readonly reservationsMinor: number;
  /** Current credit limits of all segments, in the base currency (null = none). */
  readonly limitMinor: number | null;
  readonly collateralMinor: number;
  /** Guarantees and letters of credit. */
  readonly guaranteesMinor: number;
  /** Insured limit (credit insurance cover) valid on the day. */
  readonly insuredMinor: number;
  /** Indemnity of that cover, basis points (e.g. 9,000 = 90 %); amount-weighted over policies. */
  readonly indemnityBps: number;
  /** Currencies left out for want of an FX rate (the figures then understate exposure). */
  readonly missingFxCurrencies: readonly string[];
}

export const AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "over180"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type AgingBuckets = Readonly<Record<AgingBucket, number>>;

/**
 * Exposure (DOMAIN.md "Limits and exposure"): open receivables + open orders not yet delivered +
 * delivered not invoiced + other commitments (active credit-check reservations).
 */
export function exposureOf(
  p: Pick<
    PortfolioPosition,
    "openReceivablesMinor" | "undeliveredOrdersMinor" | "deliveredNotInvoicedMinor" | "reservationsMinor"
  >,
): number {
  return (
    p.openReceivablesMinor + p.undeliveredOrdersMinor + p.deliveredNotInvoicedMinor + p.reservationsMinor
  );
}

/** Dimensions the portfolio is grouped and concentration is measured by. */
export const PORTFOLIO_DIMENSIONS = [
  "customer",
  "group",
  "industry",
  "region",
  "tier",
  "salesOwner",
  "segment",
  "grade",
] as const;
export type PortfolioDimension = (typeof PORTFOLIO_DIMENSIONS)[number];

/** Shown for a customer without a value in a dimension (no industry, no limit, never assessed …). */
export const UNSPECIFIED = "(none)";

/** The key of a position in a dimension. */
export function keyOf(p: PortfolioPosition, dimension: PortfolioDimension): string {
  switch (dimension) {
    case "customer":
      return p.code;
    case "group":
      return p.group;
    case "industry":
      return p.industry ?? UNSPECIFIED;
    case "region":
      return p.region ?? UNSPECIFIED;
    case "tier":
      return p.tier;
    case "salesOwner":
      return p.salesOwner ?? UNSPECIFIED;
    case "segment":
      return p.segment ?? UNSPECIFIED;
    case "grade":
      return p.grade ?? "unassessed";
    default: {
      const never: never = dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}

/** Rounds a non-integer amount (a product with a PD or a share) to minor units once, half to even. */
export function roundMinor(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) {
    return floor + 1;
  }
  if (diff < 0.5) {
    return floor;
  }
  return floor % 2 === 0 ? floor : floor + 1;
}
