import {
  AGING_BUCKETS,
  type AgingBuckets,
  exposureOf,
  keyOf,
  type PortfolioDimension,
  type PortfolioPosition,
} from "./position.ts";

export interface PortfolioGroup {
  readonly key: string;
  readonly customers: number;
  readonly openReceivablesMinor: number;
  readonly overdueMinor: number;
  readonly undeliveredOrdersMinor: number;
  readonly deliveredNotInvoicedMinor: number;
  readonly reservationsMinor: number;
  readonly exposureMinor: number;
  /** Sum of the limits of customers that have one. */
  readonly limitMinor: number;
  /** Exposure of the customers that have a limit ÷ their limits (null = no limit in the group). */
  readonly utilisation: number | null;
  /** Customers whose exposure exceeds their limit. */
  readonly overLimit: number;
  readonly customersWithoutLimit: number;
  readonly aging: AgingBuckets;
  /** Customers by grade of the latest assessment (`unassessed` for none). */
  readonly grades: Readonly<Record<string, number>>;
  /** Exposure-weighted mean PD of the assessed customers (null = none assessed). */
  readonly weightedPd: number | null;
}

interface Acc {
  customers: number;
  openReceivablesMinor: number;
  overdueMinor: number;
  undeliveredOrdersMinor: number;
  deliveredNotInvoicedMinor: number;
  reservationsMinor: number;
  exposureMinor: number;
  limitMinor: number;
  exposureWithLimit: number;
  overLimit: number;
  customersWithoutLimit: number;
  aging: Record<(typeof AGING_BUCKETS)[number], number>;
  grades: Record<string, number>;
  pdWeighted: number;
  pdExposure: number;
}

const empty = (): Acc => ({
  customers: 0,
  openReceivablesMinor: 0,
  overdueMinor: 0,
  undeliveredOrdersMinor: 0,
  deliveredNotInvoicedMinor: 0,
  reservationsMinor: 0,
  exposureMinor: 0,
  limitMinor: 0,
  exposureWithLimit: 0,
  overLimit: 0,
  customersWithoutLimit: 0,
  aging: { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
  grades: {},
  pdWeighted: 0,
  pdExposure: 0,
});

function add(a: Acc, p: PortfolioPosition): void {
  const exposure = exposureOf(p);
  a.customers++;
  a.openReceivablesMinor += p.openReceivablesMinor;
  a.overdueMinor += p.overdueMinor;
  a.undeliveredOrdersMinor += p.undeliveredOrdersMinor;
  a.deliveredNotInvoicedMinor += p.deliveredNotInvoicedMinor;
  a.reservationsMinor += p.reservationsMinor;
  a.exposureMinor += exposure;
  if (p.limitMinor === null) {
    a.customersWithoutLimit++;
  } else {
    a.limitMinor += p.limitMinor;
    a.exposureWithLimit += exposure;
    if (exposure > p.limitMinor) {
      a.overLimit++;
    }
  }
  for (const b of AGING_BUCKETS) {
    a.aging[b] += p.aging[b];
  }
  const grade = p.grade ?? "unassessed";
  a.grades[grade] = (a.grades[grade] ?? 0) + 1;
  if (p.pd !== null) {
    a.pdWeighted += p.pd * exposure;
    a.pdExposure += exposure;
  }
}

function finish(key: string, a: Acc): PortfolioGroup {
  const { exposureWithLimit, pdWeighted, pdExposure, ...rest } = a;
  return {
    key,
    ...rest,
    utilisation: a.limitMinor === 0 ? null : exposureWithLimit / a.limitMinor,
    weightedPd: pdExposure === 0 ? null : pdWeighted / pdExposure,
  };
}

/**
 * The portfolio view: totals and one row per value of `dimension` (largest exposure first) with
 * exposure parts, limits and utilisation, aging and grade distribution.
 */
export function groupPortfolio(
  positions: Iterable<PortfolioPosition>,
  dimension: PortfolioDimension,
): { total: PortfolioGroup; groups: PortfolioGroup[] } {
  const total = empty();
  const groups = new Map<string, Acc>();
  for (const p of positions) {
    add(total, p);
    const key = keyOf(p, dimension);
    let g = groups.get(key);
    if (!g) {
      g = empty();
      groups.set(key, g);
    }
    add(g, p);
  }
  return {
    total: finish("total", total),
    groups: [...groups]
      .map(([k, a]) => finish(k, a))
      .sort((a, b) => b.exposureMinor - a.exposureMinor || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** One month of receivables flows of a group, in minor units of the base currency. */
export interface ReceivablesMonth {
  /** Month end, YYYY-MM-DD. */
  readonly monthEnd: string;
  readonly days: number;
  readonly openingArMinor: number;
  readonly creditSalesMinor: number;
  readonly closingArMinor: number;
  /** Closing AR not yet due at month end. */
  readonly closingCurrentArMinor: number;
}

export interface CollectionMetrics {
  readonly monthEnd: string;
  readonly closingArMinor: number;
  readonly creditSalesMinor: number;
  /** Null when the month had no credit sales. */
  readonly dso: number | null;
  readonly bestDso: number | null;
  readonly addb: number | null;
  /** Null when the denominator is not positive. */
  readonly cei: number | null;
}

/**
 * DSO, best possible DSO, ADDB and CEI of a month (DOMAIN.md "Receivables and payment behaviour"):
 * DSO = ending AR ÷ credit sales × days; best DSO = current AR ÷ credit sales × days;
 * ADDB = DSO − best DSO; CEI = (opening AR + sales − closing AR) ÷ (opening AR + sales − closing
 * current AR) × 100.
 */
export function collectionMetrics(m: ReceivablesMonth): CollectionMetrics {
  const dso = m.creditSalesMinor > 0 ? (m.closingArMinor / m.creditSalesMinor) * m.days : null;
  const bestDso = m.creditSalesMinor > 0 ? (m.closingCurrentArMinor / m.creditSalesMinor) * m.days : null;
  const collectible = m.openingArMinor + m.creditSalesMinor;
  const den = collectible - m.closingCurrentArMinor;
  return {
    monthEnd: m.monthEnd,
    closingArMinor: m.closingArMinor,
    creditSalesMinor: m.creditSalesMinor,
    dso,
    bestDso,
    addb: dso === null || bestDso === null ? null : dso - bestDso,
    cei: den > 0 ? ((collectible - m.closingArMinor) / den) * 100 : null,
  };
}
