import { daysBetween } from "../shared/dates.ts";
import { difference, type Metric, mapMetric, notComputable, ratio, ratioOf } from "../shared/metric.ts";
import type { FinancialStatement } from "./statement.ts";

/**
 * The ratios of DOMAIN.md "Financial statement analysis" for one statement. A ratio needing a missing
 * line is not computable with the reason "<line> is missing" (never computed as if the line were 0). Ratios are plain
 * fractions (0.25 = 25 %), days are calendar days, `…Minor` fields are minor units.
 */
export interface FinancialRatios {
  /** currentAssets / currentLiabilities */
  readonly currentRatio: Metric;
  /** (currentAssets − inventory) / currentLiabilities */
  readonly quickRatio: Metric;
  /** totalLiabilities / totalAssets */
  readonly debtRatio: Metric;
  /** totalLiabilities / equity; not computable when equity ≤ 0 (the ratio loses its meaning). */
  readonly debtToEquity: Metric;
  /** ebit / interestExpense; not computable without interest expense. */
  readonly interestCoverage: Metric;
  /** netIncome / revenue */
  readonly netMargin: Metric;
  /** netIncome / totalAssets (ending assets) */
  readonly returnOnAssets: Metric;
  /** netIncome / equity; not computable when equity ≤ 0. */
  readonly returnOnEquity: Metric;
  /** operatingCashFlow / totalLiabilities */
  readonly ocfToTotalLiabilities: Metric;
  /** revenue / totalAssets */
  readonly assetTurnover: Metric;
  /** revenue / receivables */
  readonly receivableTurnover: Metric;
  /** receivables / revenue × days in period */
  readonly receivableDays: Metric;
  /** costOfSales / inventory */
  readonly inventoryTurnover: Metric;
  /** inventory / costOfSales × days in period */
  readonly inventoryDays: Metric;
  /** currentAssets − currentLiabilities, minor units */
  readonly workingCapitalMinor: Metric;
  /** equity − intangibleAssets, minor units */
  readonly tangibleNetWorthMinor: Metric;
}

export const FINANCIAL_RATIO_NAMES = [
  "currentRatio",
  "quickRatio",
  "debtRatio",
  "debtToEquity",
  "interestCoverage",
  "netMargin",
  "returnOnAssets",
  "returnOnEquity",
  "ocfToTotalLiabilities",
  "assetTurnover",
  "receivableTurnover",
  "receivableDays",
  "inventoryTurnover",
  "inventoryDays",
  "workingCapitalMinor",
  "tangibleNetWorthMinor",
] as const satisfies readonly (keyof FinancialRatios)[];
export type FinancialRatioName = (typeof FINANCIAL_RATIO_NAMES)[number];

/** Days covered by a statement, both ends inclusive (a calendar year = 365 or 366). */
export function periodDays(statement: FinancialStatement): number {
  return daysBetween(statement.periodStart, statement.periodEnd) + 1;
}

function overPositiveEquity(numerator: number | undefined, equity: number | undefined, name: string): Metric {
  if (numerator === undefined) {
    return notComputable(`${name} is missing`);
  }
  if (equity === undefined) {
    return notComputable("equity is missing");
  }
  if (equity <= 0) {
    return notComputable(equity === 0 ? "equity is zero" : "equity is negative");
  }
  return ratio(numerator, equity, { numerator: name, denominator: "equity" });
}

export function computeFinancialRatios(s: FinancialStatement): FinancialRatios {
  const days = periodDays(s);
  const receivableShare = ratio(s.receivables, s.revenue, {
    numerator: "receivables",
    denominator: "revenue",
  });
  const inventoryShare = ratio(s.inventory, s.costOfSales, {
    numerator: "inventory",
    denominator: "cost of sales",
  });
  return {
    currentRatio: ratio(s.currentAssets, s.currentLiabilities, {
      numerator: "current assets",
      denominator: "current liabilities",
    }),
    quickRatio: ratioOf(
      difference(s.currentAssets, s.inventory, { a: "current assets", b: "inventory" }),
      s.currentLiabilities,
      { denominator: "current liabilities" },
    ),
    debtRatio: ratio(s.totalLiabilities, s.totalAssets, {
      numerator: "total liabilities",
      denominator: "total assets",
    }),
    debtToEquity: overPositiveEquity(s.totalLiabilities, s.equity, "total liabilities"),
    interestCoverage: ratio(s.ebit, s.interestExpense, {
      numerator: "EBIT",
      denominator: "interest expense",
    }),
    netMargin: ratio(s.netIncome, s.revenue, { numerator: "net income", denominator: "revenue" }),
    returnOnAssets: ratio(s.netIncome, s.totalAssets, {
      numerator: "net income",
      denominator: "total assets",
    }),
    returnOnEquity: overPositiveEquity(s.netIncome, s.equity, "net income"),
    ocfToTotalLiabilities: ratio(s.operatingCashFlow, s.totalLiabilities, {
      numerator: "operating cash flow",
      denominator: "total liabilities",
    }),
    assetTurnover: ratio(s.revenue, s.totalAssets, { numerator: "revenue", denominator: "total assets" }),
    receivableTurnover: ratio(s.revenue, s.receivables, { numerator: "revenue", denominator: "receivables" }),
    receivableDays: mapMetric(receivableShare, (share) => share * days),
    inventoryTurnover: ratio(s.costOfSales, s.inventory, {
      numerator: "cost of sales",
      denominator: "inventory",
    }),
    inventoryDays: mapMetric(inventoryShare, (share) => share * days),
    workingCapitalMinor: difference(s.currentAssets, s.currentLiabilities, {
      a: "current assets",
      b: "current liabilities",
    }),
    tangibleNetWorthMinor: difference(s.equity, s.intangibleAssets, { a: "equity", b: "intangible assets" }),
  };
}
