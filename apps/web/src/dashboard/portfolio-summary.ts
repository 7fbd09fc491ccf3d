/**
 * `GET /portfolio/summary` (apps/server/src/portfolio): the whole portfolio's receivables, aging
 * and grade distribution computed on the server in the base currency, and what the dashboard
 * draws from it. Amounts are integer minor units of `baseCurrency`.
 */
export interface PortfolioSummary {
  asOf: string;
  baseCurrency: string;
  customers: number;
  openReceivables: {
    baseMinor: number;
    byCurrency: { currency: string; openMinor: number; overdueMinor: number; convertible: boolean }[];
  };
  overdueBaseMinor: number;
  overdueShare: number;
  aging: Record<ServerAgingBucket, number>;
  grades: Record<PortfolioGrade, number>;
  defaults12m: number;
}

/** The aging buckets of DOMAIN.md, in the server's names, in order. */
export const SERVER_AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "over180"] as const;
export type ServerAgingBucket = (typeof SERVER_AGING_BUCKETS)[number];

/** Message keys of the buckets (`aging.<key>`). */
const BUCKET_LABEL: Record<ServerAgingBucket, string> = {
  current: "current",
  d1_30: "d1_30",
  d31_60: "d31_60",
  d61_90: "d61_90",
  d91_180: "d91_180",
  over180: "d180plus",
};

export const PORTFOLIO_GRADES = ["low", "medium", "high", "unassessed"] as const;
export type PortfolioGrade = (typeof PORTFOLIO_GRADES)[number];

/** The aging chart's bars: bucket label key and amount, in DOMAIN.md order (missing = 0). */
export function agingRows(summary: Pick<PortfolioSummary, "aging">): { label: string; minor: number }[] {
  return SERVER_AGING_BUCKETS.map((bucket) => ({
    label: BUCKET_LABEL[bucket],
    minor: summary.aging[bucket] ?? 0,
  }));
}

/** The grade chart's slices: every grade with at least one customer, low to high, then unassessed. */
export function gradeRows(
  summary: Pick<PortfolioSummary, "grades">,
): { grade: PortfolioGrade; count: number }[] {
  return PORTFOLIO_GRADES.map((grade) => ({ grade, count: summary.grades[grade] ?? 0 })).filter(
    (row) => row.count > 0,
  );
}

/** Overdue share of the open receivables, or null when nothing is open (no 0/0). */
export function overdueShareOf(
  summary: Pick<PortfolioSummary, "openReceivables" | "overdueShare">,
): number | null {
  return summary.openReceivables.baseMinor > 0 && Number.isFinite(summary.overdueShare)
    ? summary.overdueShare
    : null;
}

/** Open amounts in currencies other than the base one (shown beside the converted total). */
export function foreignCurrencies(summary: Pick<PortfolioSummary, "baseCurrency" | "openReceivables">) {
  return summary.openReceivables.byCurrency.filter(
    (row) => row.currency !== summary.baseCurrency && row.openMinor > 0,
  );
}
