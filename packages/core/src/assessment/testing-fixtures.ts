import type { BehaviourMetrics } from "./behaviour/behaviour-metrics.ts";
import type { FinancialStatement } from "./financial/statement.ts";
import { notComputable, ok } from "./shared/metric.ts";

/** Test helper: a statement of 10,000,000 total assets with the given lines (minor units). */
export function statement(lines: Partial<FinancialStatement>): FinancialStatement {
  return {
    periodStart: "2024-01-01",
    periodEnd: "2024-12-31",
    currency: "CNY",
    currentAssets: 0,
    cash: 0,
    inventory: 1_500_000,
    receivables: 2_000_000,
    totalAssets: 10_000_000,
    intangibleAssets: 200_000,
    currentLiabilities: 0,
    totalLiabilities: 0,
    equity: 0,
    retainedEarnings: 0,
    revenue: 0,
    costOfSales: 0,
    ebit: 0,
    interestExpense: 0,
    netIncome: 0,
    operatingCashFlow: 0,
    ...lines,
  };
}

/**
 * Test helper: BehaviourMetrics as the SQL path would fill them, with the scored fields given. The
 * overdue share sits in 1–30 days past due, except `overdue90Share` of the open balance (default 0),
 * which sits over 180 days; `maxDaysPastDue` defaults to 20, or 200 when something is over 180 days.
 */
export function behaviour(
  asOf: string,
  m: {
    dbt6m: number;
    dbtTrend: number;
    overdueShare: number;
    lateShare: number;
    disputes: number;
    orderTrend: number;
    complaintRate: number;
    overdue90Share?: number;
    maxDaysPastDue?: number;
  },
): BehaviourMetrics {
  const over90 = m.overdue90Share ?? 0;
  if (over90 > m.overdueShare) {
    throw new RangeError("overdue90Share cannot exceed overdueShare");
  }
  return {
    asOf,
    collectionPeriodDays: 90,
    openBalanceMinor: 1_000_000,
    aging: {
      current: Math.round(1_000_000 * (1 - m.overdueShare)),
      d1_30: Math.round(1_000_000 * (m.overdueShare - over90)),
      d31_60: 0,
      d61_90: 0,
      d91_180: 0,
      over180: Math.round(1_000_000 * over90),
    },
    overdueMinor: Math.round(1_000_000 * m.overdueShare),
    overdueShare: ok(m.overdueShare),
    overdue90Share: ok(over90),
    maxDaysPastDue: m.maxDaysPastDue ?? (over90 > 0 ? 200 : 20),
    unallocatedCreditMinor: 0,
    creditSalesMinor: 2_000_000,
    dso: ok(45),
    bestPossibleDso: ok(30),
    addb: ok(15),
    cei: ok(85),
    daysBeyondTerms3m: ok(m.dbt6m + m.dbtTrend),
    daysBeyondTerms6m: ok(m.dbt6m),
    daysBeyondTerms12m: ok(m.dbt6m),
    daysBeyondTermsTrend: ok(m.dbtTrend),
    daysBeyondTermsIncludeOpen: false,
    latePaidShareByAmount12m: ok(m.lateShare),
    latePaidShareByCount12m: ok(m.lateShare),
    openDisputeCount: m.disputes,
    openDisputeAmountMinor: m.disputes * 10_000,
    complaintCount12m: m.complaintRate,
    invoiceCount12m: 100,
    complaintRatePer100Invoices12m: ok(m.complaintRate),
    orderVolume3mMinor: 3_000_000 * m.orderTrend,
    orderTrailingMonthlyAverageMinor: 1_000_000,
    orderTrendRatio: m.orderTrend === 0 ? notComputable("no orders") : ok(m.orderTrend),
    brokenPromiseCount6m: 0,
    brokenPromiseCount12m: 0,
  };
}
