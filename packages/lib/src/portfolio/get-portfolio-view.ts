import {
  type CollectionMetrics,
  collectionMetrics,
  groupPortfolio,
  type PortfolioDimension,
  type PortfolioGroup,
  type PortfolioPosition,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { TREND_DIMENSIONS, type TrendDimension, type TrendRow } from "@creditdesk/db/portfolio";
import { loadPositions } from "./load-positions.ts";
import { loadTrendRows } from "./load-trend-rows.ts";

export interface PortfolioView {
  asOf: string;
  baseCurrency: string;
  groupBy: PortfolioDimension;
  total: PortfolioGroup & { trend: CollectionMetrics[] };
  /** Largest exposure first; at most `limit` rows (`groupCount` says how many there are). */
  groups: (PortfolioGroup & { trend?: CollectionMetrics[] })[];
  groupCount: number;
  /** Currencies left out somewhere for want of an FX rate. */
  missingFxCurrencies: string[];
  seconds: { positions: number; trend: number };
  /** Where the trend came from: the month-end AR snapshots or the ledger directly. */
  trendSource: "snapshots" | "direct";
}

/** Period k (0 = the month of as-of, ending at as-of) → its end date and length in days. */
function period(asOf: string, k: number): { end: string; days: number } {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - k, 1));
  const last = new Date(Date.UTC(y, m - k, 0));
  const end = k === 0 ? asOf : last.toISOString().slice(0, 10);
  const start = first.toISOString().slice(0, 10);
  const days =
    Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
  return { end, days };
}

/**
 * The portfolio view as of any date: exposure (open receivables + open orders + delivered not
 * invoiced + reservations), limits and utilisation, grade distribution, aging — in total and by
 * customer, customer group, industry, region, tier, sales owner, credit segment or grade — with the
 * monthly DSO / best DSO / ADDB / CEI trend (DOMAIN.md) of the total and, for the dimensions the
 * ledger carries, of each group. Two set-wise statements over the whole portfolio.
 */
export async function getPortfolioView(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  groupBy?: PortfolioDimension | undefined;
  months?: number | undefined;
  limit?: number | undefined;
  now?: Date | undefined;
  /** Already loaded positions of this as-of (shared with concentration and EL). */
  positions?: readonly PortfolioPosition[] | undefined;
  trendSource?: "auto" | "direct" | undefined;
}): Promise<PortfolioView> {
  const { handle, asOf, baseCurrency } = options;
  const groupBy = options.groupBy ?? "industry";
  const months = options.months ?? 12;
  const t0 = performance.now();
  const positions =
    options.positions ?? (await loadPositions({ handle, asOf, baseCurrency, now: options.now }));
  const t1 = performance.now();
  const trendDimension: TrendDimension = (TREND_DIMENSIONS as readonly string[]).includes(groupBy)
    ? (groupBy as TrendDimension)
    : "total";
  const { rows, source } = await loadTrendRows({
    handle,
    asOf,
    baseCurrency,
    months,
    dimension: trendDimension,
    source: options.trendSource,
  });
  const t2 = performance.now();

  const { total: totalTrend, byGroup } = assembleTrend(rows, asOf, months);
  const view = groupPortfolio(positions, groupBy);
  const limit = options.limit ?? (groupBy === "customer" ? 100 : 1_000);
  const missing = new Set(positions.flatMap((p) => p.missingFxCurrencies));
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    asOf,
    baseCurrency,
    groupBy,
    total: { ...view.total, trend: totalTrend },
    groups: view.groups.slice(0, limit).map((g) => {
      const t = trendDimension !== "total" ? byGroup.get(g.key) : undefined;
      return t ? { ...g, trend: t } : g;
    }),
    groupCount: view.groups.length,
    missingFxCurrencies: [...missing].sort(),
    seconds: { positions: s(t1 - t0), trend: s(t2 - t1) },
    trendSource: source,
  };
}

/**
 * The monthly DSO / best DSO / ADDB / CEI series (oldest first) of the total and of each group from
 * the flows of `loadReceivablesTrend`: AR at each period end is the opening balance (k = months)
 * plus the flows of the periods up to it.
 */
export function assembleTrend(
  rows: readonly TrendRow[],
  asOf: string,
  months: number,
): { total: CollectionMetrics[]; byGroup: Map<string, CollectionMetrics[]> } {
  // Per group: flows by period (k = months holds everything older, the opening balance).
  const byGroup = new Map<string, { flow: number[]; sales: number[]; current: number[] }>();
  const total = {
    flow: new Array(months + 1).fill(0),
    sales: new Array(months + 1).fill(0),
    current: new Array(months).fill(0),
  };
  for (const r of rows) {
    let g = byGroup.get(r.grp);
    if (!g) {
      g = {
        flow: new Array(months + 1).fill(0),
        sales: new Array(months + 1).fill(0),
        current: new Array(months).fill(0),
      };
      byGroup.set(r.grp, g);
    }
    const k = Number(r.k);
    for (const target of [g, total]) {
      if (r.kind === "flow") {
        target.flow[k] += Number(r.amountMinor);
        target.sales[k] += Number(r.salesMinor);
      } else if (k < months) {
        target.current[k] += Number(r.amountMinor);
      }
    }
  }
  const trendOf = (g: { flow: number[]; sales: number[]; current: number[] }): CollectionMetrics[] => {
    const out: CollectionMetrics[] = [];
    let balance = g.flow[months]!;
    for (let k = months - 1; k >= 0; k--) {
      const opening = balance;
      balance += g.flow[k]!;
      const p = period(asOf, k);
      out.push(
        collectionMetrics({
          monthEnd: p.end,
          days: p.days,
          openingArMinor: opening,
          creditSalesMinor: g.sales[k]!,
          closingArMinor: balance,
          closingCurrentArMinor: g.current[k]!,
        }),
      );
    }
    return out;
  };
  const out = new Map<string, CollectionMetrics[]>();
  for (const [k, g] of byGroup) {
    out.set(k, trendOf(g));
  }
  return { total: trendOf(total), byGroup: out };
}
