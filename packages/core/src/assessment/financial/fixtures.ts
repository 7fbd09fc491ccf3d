import type { FinancialStatement } from "./statement.ts";

/**
 * A round-number statement used by several tests (minor units; ratios are scale-free):
 * TA 1,000,000 · CA 400,000 · CL 200,000 · TL 500,000 · equity 500,000 · RE 150,000 ·
 * EBIT 100,000 · sales 1,500,000 · market value of equity 1,000,000. Calendar year 2024 (366 days).
 */
export const ROUND_STATEMENT: FinancialStatement = {
  periodStart: "2024-01-01",
  periodEnd: "2024-12-31",
  currency: "CNY",
  currentAssets: 400_000,
  cash: 50_000,
  inventory: 100_000,
  receivables: 200_000,
  totalAssets: 1_000_000,
  intangibleAssets: 50_000,
  currentLiabilities: 200_000,
  totalLiabilities: 500_000,
  equity: 500_000,
  retainedEarnings: 150_000,
  revenue: 1_500_000,
  costOfSales: 1_000_000,
  ebit: 100_000,
  interestExpense: 20_000,
  netIncome: 60_000,
  operatingCashFlow: 80_000,
  marketValueEquity: 1_000_000,
};
