import { z } from "zod";
import { exposureOf, keyOf, type PortfolioDimension, type PortfolioPosition } from "./position.ts";

export type HhiBand = "unconcentrated" | "moderate" | "high";

/** DOMAIN.md "Portfolio": HHI < 1,000 unconcentrated, 1,000–1,800 moderate, > 1,800 high. */
export function hhiBand(hhi: number): HhiBand {
  if (hhi < 1_000) {
    return "unconcentrated";
  }
  return hhi <= 1_800 ? "moderate" : "high";
}

export interface ConcentrationShare {
  readonly key: string;
  readonly amountMinor: number;
  /** Fraction of the total (0–1). */
  readonly share: number;
}

export interface Concentration {
  readonly totalMinor: number;
  /** Holders with a positive amount. */
  readonly count: number;
  readonly top1Share: number;
  readonly top5Share: number;
  readonly top10Share: number;
  /** Herfindahl–Hirschman index, Σ (share in percent)², 0–10,000 (DOMAIN.md). */
  readonly hhi: number;
  readonly band: HhiBand;
  /** Every holder, largest first (ties by key). */
  readonly shares: readonly ConcentrationShare[];
}

/**
 * Concentration of amounts over holders: top-1/5/10 shares and the HHI with shares in percent
 * (DOMAIN.md). Amounts of the same key are summed; holders with nothing (≤ 0) are left out, so a
 * customer that owes nothing neither dilutes nor concentrates the portfolio.
 */
export function measureConcentration(items: Iterable<{ key: string; amountMinor: number }>): Concentration {
  const sums = new Map<string, number>();
  for (const { key, amountMinor } of items) {
    sums.set(key, (sums.get(key) ?? 0) + amountMinor);
  }
  const positive = [...sums].filter(([, v]) => v > 0);
  const totalMinor = positive.reduce((a, [, v]) => a + v, 0);
  const shares = positive
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, amountMinor]) => ({
      key,
      amountMinor,
      share: totalMinor === 0 ? 0 : amountMinor / totalMinor,
    }));
  const top = (n: number) => shares.slice(0, n).reduce((a, s) => a + s.amountMinor, 0) / (totalMinor || 1);
  const hhi = shares.reduce((a, s) => a + (s.share * 100) ** 2, 0);
  return {
    totalMinor,
    count: shares.length,
    top1Share: top(1),
    top5Share: top(5),
    top10Share: top(10),
    hhi,
    band: hhiBand(hhi),
    shares,
  };
}

/** Concentration of gross exposure by a dimension (customer, customer group, industry, region …). */
export function concentrationBy(
  positions: Iterable<PortfolioPosition>,
  dimension: PortfolioDimension,
  amountOf: (p: PortfolioPosition) => number = exposureOf,
): Concentration {
  const items: { key: string; amountMinor: number }[] = [];
  for (const p of positions) {
    items.push({ key: keyOf(p, dimension), amountMinor: amountOf(p) });
  }
  return measureConcentration(items);
}

export const CONCENTRATION_DIMENSIONS = ["customer", "group", "industry", "region"] as const;
export type ConcentrationDimension = (typeof CONCENTRATION_DIMENSIONS)[number];

/**
 * A concentration limit: no single holder of `dimension` above `maxShareBps` of the portfolio's
 * exposure (e.g. customer ≤ 1,000 bps = 10 %, industry ≤ 3,000 bps = 30 %).
 */
export const concentrationLimitSchema = z
  .object({
    dimension: z.enum(CONCENTRATION_DIMENSIONS),
    maxShareBps: z.number().int().min(1).max(10_000),
    severity: z.enum(["info", "warning", "critical"]).default("warning"),
    department: z.enum(["finance", "sales", "credit"]).default("credit"),
    active: z.boolean().default(true),
  })
  .strict();
export type ConcentrationLimit = z.infer<typeof concentrationLimitSchema>;

/** The shipped defaults (issue 9's examples): one customer ≤ 10 %, one industry ≤ 30 %. */
export const DEFAULT_CONCENTRATION_LIMITS: readonly ConcentrationLimit[] = [
  { dimension: "customer", maxShareBps: 1_000, severity: "warning", department: "credit", active: true },
  { dimension: "group", maxShareBps: 1_500, severity: "warning", department: "credit", active: true },
  { dimension: "industry", maxShareBps: 3_000, severity: "warning", department: "credit", active: true },
  { dimension: "region", maxShareBps: 4_000, severity: "warning", department: "credit", active: true },
];

export interface ConcentrationBreach {
  readonly dimension: ConcentrationDimension;
  readonly key: string;
  readonly amountMinor: number;
  readonly share: number;
  readonly maxShare: number;
}

/** Holders whose share exceeds an active limit of their dimension (strictly above the limit). */
export function findConcentrationBreaches(
  byDimension: Partial<Record<ConcentrationDimension, Concentration>>,
  limits: readonly ConcentrationLimit[],
): ConcentrationBreach[] {
  const breaches: ConcentrationBreach[] = [];
  for (const limit of limits) {
    const c = byDimension[limit.dimension];
    if (!limit.active || !c) {
      continue;
    }
    const maxShare = limit.maxShareBps / 10_000;
    for (const s of c.shares) {
      // Shares are sorted largest first: stop at the first within the limit.
      if (s.share <= maxShare) {
        break;
      }
      breaches.push({
        dimension: limit.dimension,
        key: s.key,
        amountMinor: s.amountMinor,
        share: s.share,
        maxShare,
      });
    }
  }
  return breaches;
}
