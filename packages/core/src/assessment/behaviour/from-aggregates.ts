import type { IsoDate } from "../shared/dates.ts";
import { combineMetrics, type Metric, mapMetric, notComputable, ok, ratio } from "../shared/metric.ts";
import type { AgingBucket } from "./aging.ts";
import type { BehaviourMetrics } from "./behaviour-metrics.ts";

/**
 * Sums over one customer's ledger from which every BehaviourMetric follows. The set-wise SQL of the
 * bulk run produces one of these per customer; `behaviourFromAggregates` then applies exactly the
 * definitions of `computeBehaviourMetrics` (and a test holds the two paths equal on the same ledger).
 */
export interface BehaviourAggregates {
  readonly asOf: IsoDate;
  readonly collectionPeriodDays: number;
  readonly aging: Readonly<Record<AgingBucket, number>>;
  readonly maxDaysPastDue: number;
  readonly unallocatedCreditMinor: number;
  readonly creditSalesMinor: number;
  readonly openingArMinor: number;
  /** Closing AR not yet due (due date ≥ as-of) = aging.current. */
  readonly dbt: Readonly<Record<"m3" | "m6" | "m12", { weightedDays: number; amountMinor: number }>>;
  readonly payments12m: {
    readonly amountMinor: number;
    readonly lateAmountMinor: number;
    readonly count: number;
    readonly lateCount: number;
  };
  readonly openDisputeCount: number;
  readonly openDisputeAmountMinor: number;
  readonly complaintCount12m: number;
  readonly invoiceCount12m: number;
  readonly orderVolume3mMinor: number;
  /** Σ orders dated in (asOf − 15 months, asOf − 3 months]. */
  readonly orderTrailing12mMinor: number;
}

export function behaviourFromAggregates(a: BehaviourAggregates): BehaviourMetrics {
  const N = a.collectionPeriodDays;
  const openBalanceMinor = Object.values(a.aging).reduce((x, y) => x + y, 0);
  const overdueMinor = openBalanceMinor - a.aging.current;
  const sales = { numerator: "receivables", denominator: `credit sales of the last ${N} days` };
  const dso = mapMetric(ratio(openBalanceMinor, a.creditSalesMinor, sales), (x) => x * N);
  const bestPossibleDso = mapMetric(ratio(a.aging.current, a.creditSalesMinor, sales), (x) => x * N);
  const ceiDenominator = a.openingArMinor + a.creditSalesMinor - a.aging.current;
  const cei =
    ceiDenominator === 0
      ? notComputable(
          "nothing was collectable in the period (opening AR + credit sales − current AR is zero)",
        )
      : mapMetric(
          ratio(a.openingArMinor + a.creditSalesMinor - openBalanceMinor, ceiDenominator, {
            numerator: "collections",
            denominator: "collectable amount",
          }),
          (x) => x * 100,
        );
  const dbt = (months: 3 | 6 | 12): Metric => {
    const w = a.dbt[`m${months}`];
    return w.amountMinor === 0
      ? notComputable(`no payments in the last ${months} months`)
      : ok(w.weightedDays / w.amountMinor);
  };
  const daysBeyondTerms3m = dbt(3);
  const daysBeyondTerms12m = dbt(12);
  const p = a.payments12m;
  const lateNames = { numerator: "late payments", denominator: "payments of the last 12 months" };
  const trailingAverage = a.orderTrailing12mMinor / 12;
  return {
    asOf: a.asOf,
    collectionPeriodDays: N,
    openBalanceMinor,
    aging: a.aging,
    overdueMinor,
    overdueShare: openBalanceMinor === 0 ? ok(0) : ok(overdueMinor / openBalanceMinor),
    maxDaysPastDue: a.maxDaysPastDue,
    unallocatedCreditMinor: a.unallocatedCreditMinor,
    creditSalesMinor: a.creditSalesMinor,
    dso,
    bestPossibleDso,
    addb: combineMetrics(dso, bestPossibleDso, (x, y) => x - y),
    cei,
    daysBeyondTerms3m,
    daysBeyondTerms6m: dbt(6),
    daysBeyondTerms12m,
    daysBeyondTermsTrend: combineMetrics(daysBeyondTerms3m, daysBeyondTerms12m, (x, y) => x - y),
    daysBeyondTermsIncludeOpen: false,
    latePaidShareByAmount12m:
      p.amountMinor === 0
        ? notComputable("no payments in the last 12 months")
        : ratio(p.lateAmountMinor, p.amountMinor, lateNames),
    latePaidShareByCount12m:
      p.count === 0
        ? notComputable("no payments in the last 12 months")
        : ratio(p.lateCount, p.count, lateNames),
    openDisputeCount: a.openDisputeCount,
    openDisputeAmountMinor: a.openDisputeAmountMinor,
    complaintCount12m: a.complaintCount12m,
    invoiceCount12m: a.invoiceCount12m,
    complaintRatePer100Invoices12m:
      a.invoiceCount12m === 0
        ? notComputable("no invoices in the last 12 months")
        : ratio(a.complaintCount12m * 100, a.invoiceCount12m, {
            numerator: "complaints",
            denominator: "invoices",
          }),
    orderVolume3mMinor: a.orderVolume3mMinor,
    orderTrailingMonthlyAverageMinor: trailingAverage,
    orderTrendRatio:
      a.orderTrailing12mMinor === 0
        ? notComputable("no orders in the 12 months before the last 3 months")
        : ok(a.orderVolume3mMinor / 3 / trailingAverage),
  };
}
