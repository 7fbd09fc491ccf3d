import { addDays, addMonths, type IsoDate, inWindow } from "../shared/dates.ts";
import { combineMetrics, notComputable, ok, ratio } from "../shared/metric.ts";
import { AGING_BUCKETS, type AgingBucket, ageReceivables } from "./aging.ts";
import type { BehaviourMetrics } from "./behaviour-metrics.ts";
import {
  daysBeyondTermsSums,
  type LatePaymentSums,
  latePaidShares,
  latePaymentSums,
  openOverdueSums,
  type WeightedDaysSums,
  weightedDaysBeyondTerms,
} from "./days-beyond-terms.ts";
import { collectionRatios, DEFAULT_COLLECTION_PERIOD_DAYS } from "./dso.ts";
import { type CustomerLedger, indexLedger, receivablesAt } from "./ledger.ts";

/**
 * The additive sums every BehaviourMetric is derived from. The bulk path fills this object with one
 * set-wise SQL query; `computeBehaviourAggregates` fills it from a ledger; `behaviourFromAggregates`
 * turns either into BehaviourMetrics, so both paths share every division and edge rule.
 * Windows as in BehaviourMetrics; amounts in minor units of the reporting currency.
 */
export interface BehaviourAggregates {
  readonly asOf: IsoDate;
  readonly collectionPeriodDays: number;
  /** Open amount per aging bucket at as-of. */
  readonly aging: Readonly<Record<AgingBucket, number>>;
  readonly maxDaysPastDue: number;
  /** Unallocated credit notes dated ≤ asOf + amounts paid/credited beyond invoice amounts. */
  readonly unallocatedCreditMinor: number;
  /** Invoices issued in (asOf − N days, asOf]. */
  readonly creditSalesMinor: number;
  /** AR at the end of asOf − N days. */
  readonly openingArMinor: number;
  /** Paid days beyond terms: Σ amount × max(0, paid − due) and Σ amount over allocations of the last 3/6/12 months. */
  readonly dbt: {
    readonly m3: WeightedDaysSums;
    readonly m6: WeightedDaysSums;
    readonly m12: WeightedDaysSums;
  };
  /** When present, still-open overdue invoices (open × (asOf − due)) are added to every dbt window. */
  readonly openOverdue?: WeightedDaysSums;
  /** Allocations of the last 12 months: totals and those paid after the due date. */
  readonly payments12m: LatePaymentSums;
  readonly openDisputeCount: number;
  readonly openDisputeAmountMinor: number;
  readonly complaintCount12m: number;
  readonly invoiceCount12m: number;
  /** Orders dated in (asOf − 3 months, asOf]. */
  readonly orderVolume3mMinor: number;
  /** Orders dated in (asOf − 15 months, asOf − 3 months] (the 12 months before the last 3). */
  readonly orderTrailing12mMinor: number;
  /**
   * Broken promises to pay whose deadline (promised date + grace) fell in the last 6 / 12 months
   * (collections); absent = none recorded.
   */
  readonly brokenPromises?: { readonly m6: number; readonly m12: number };
}

export interface BehaviourOptions {
  /** N of DSO/ADDB/CEI, default 90 days. */
  readonly collectionPeriodDays?: number;
  /** Count still-open overdue invoices in days beyond terms (default false; see computeDaysBeyondTerms). */
  readonly includeOpenOverdueInDaysBeyondTerms?: boolean;
}

/** The aggregates of one customer's ledger as of a date (only events dated ≤ asOf count). */
export function computeBehaviourAggregates(options: {
  ledger: CustomerLedger;
  asOf: IsoDate;
  options?: BehaviourOptions;
}): BehaviourAggregates {
  const { ledger, asOf } = options;
  const periodDays = options.options?.collectionPeriodDays ?? DEFAULT_COLLECTION_PERIOD_DAYS;
  if (!Number.isInteger(periodDays) || periodDays <= 0) {
    throw new RangeError(`collectionPeriodDays must be a positive whole number, got ${periodDays}`);
  }
  const index = indexLedger(ledger);
  const aging = ageReceivables({ ledger: index, asOf });
  const periodOpensAfter = addDays(asOf, -periodDays);
  const last12mAfter = addMonths(asOf, -12);
  const last3mAfter = addMonths(asOf, -3);
  const trailingAfter = addMonths(asOf, -15);

  let creditSalesMinor = 0;
  for (const i of ledger.invoices) {
    if (inWindow(i.issueDate, periodOpensAfter, asOf)) {
      creditSalesMinor += i.amountMinor;
    }
  }
  let openDisputeCount = 0;
  let openDisputeAmountMinor = 0;
  for (const d of ledger.disputes) {
    if (d.openedOn <= asOf && (d.resolvedOn === undefined || d.resolvedOn > asOf)) {
      openDisputeCount++;
      openDisputeAmountMinor += d.amountMinor;
    }
  }
  let orderVolume3mMinor = 0;
  let orderTrailing12mMinor = 0;
  for (const o of ledger.orders) {
    if (inWindow(o.date, last3mAfter, asOf)) {
      orderVolume3mMinor += o.amountMinor;
    } else if (inWindow(o.date, trailingAfter, last3mAfter)) {
      orderTrailing12mMinor += o.amountMinor;
    }
  }
  const dbt = (months: number) => daysBeyondTermsSums({ index, asOf, months });
  const last6mAfter = addMonths(asOf, -6);
  const broken = ledger.brokenPromises ?? [];
  return {
    asOf,
    collectionPeriodDays: periodDays,
    aging: aging.buckets,
    maxDaysPastDue: aging.maxDaysPastDue,
    unallocatedCreditMinor: aging.unallocatedCreditMinor,
    creditSalesMinor,
    openingArMinor: receivablesAt(index, periodOpensAfter).totalMinor,
    dbt: { m3: dbt(3), m6: dbt(6), m12: dbt(12) },
    ...(options.options?.includeOpenOverdueInDaysBeyondTerms === true
      ? { openOverdue: openOverdueSums({ index, asOf }) }
      : {}),
    payments12m: latePaymentSums({ index, asOf, months: 12 }),
    openDisputeCount,
    openDisputeAmountMinor,
    complaintCount12m: ledger.complaints.filter((c) => inWindow(c.date, last12mAfter, asOf)).length,
    invoiceCount12m: ledger.invoices.filter((i) => inWindow(i.issueDate, last12mAfter, asOf)).length,
    orderVolume3mMinor,
    orderTrailing12mMinor,
    brokenPromises: {
      m6: broken.filter((b) => inWindow(b.deadline, last6mAfter, asOf)).length,
      m12: broken.filter((b) => inWindow(b.deadline, last12mAfter, asOf)).length,
    },
  };
}

/** BehaviourMetrics from their sums — the one place the behaviour ratios are computed. */
export function behaviourFromAggregates(a: BehaviourAggregates): BehaviourMetrics {
  const openBalanceMinor = AGING_BUCKETS.reduce((sum, bucket) => sum + a.aging[bucket], 0);
  const overdueMinor = openBalanceMinor - a.aging.current;
  const collection = collectionRatios({
    periodDays: a.collectionPeriodDays,
    creditSalesMinor: a.creditSalesMinor,
    openingArMinor: a.openingArMinor,
    closingArMinor: openBalanceMinor,
    closingCurrentArMinor: a.aging.current,
  });
  const open = a.openOverdue ?? { weightedDays: 0, amountMinor: 0 };
  const dbt = (sums: WeightedDaysSums, months: number) =>
    weightedDaysBeyondTerms({
      weightedDays: sums.weightedDays + open.weightedDays,
      amountMinor: sums.amountMinor + open.amountMinor,
      months,
    });
  const daysBeyondTerms3m = dbt(a.dbt.m3, 3);
  const daysBeyondTerms12m = dbt(a.dbt.m12, 12);
  const late = latePaidShares(a.payments12m, 12);
  const orderTrailingMonthlyAverageMinor = a.orderTrailing12mMinor / 12;
  return {
    asOf: a.asOf,
    collectionPeriodDays: a.collectionPeriodDays,
    openBalanceMinor,
    aging: { ...a.aging },
    overdueMinor,
    overdueShare: openBalanceMinor === 0 ? ok(0) : ok(overdueMinor / openBalanceMinor),
    overdue90Share:
      openBalanceMinor === 0 ? ok(0) : ok((a.aging.d91_180 + a.aging.over180) / openBalanceMinor),
    maxDaysPastDue: a.maxDaysPastDue,
    unallocatedCreditMinor: a.unallocatedCreditMinor,
    creditSalesMinor: a.creditSalesMinor,
    dso: collection.dso,
    bestPossibleDso: collection.bestPossibleDso,
    addb: collection.addb,
    cei: collection.cei,
    daysBeyondTerms3m,
    daysBeyondTerms6m: dbt(a.dbt.m6, 6),
    daysBeyondTerms12m,
    daysBeyondTermsTrend: combineMetrics(daysBeyondTerms3m, daysBeyondTerms12m, (x, y) => x - y),
    daysBeyondTermsIncludeOpen: a.openOverdue !== undefined,
    latePaidShareByAmount12m: late.byAmount,
    latePaidShareByCount12m: late.byCount,
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
    orderTrailingMonthlyAverageMinor,
    orderTrendRatio:
      a.orderTrailing12mMinor === 0
        ? notComputable("no orders in the 12 months before the last 3 months")
        : ok(a.orderVolume3mMinor / 3 / orderTrailingMonthlyAverageMinor),
    brokenPromiseCount6m: a.brokenPromises?.m6 ?? 0,
    brokenPromiseCount12m: a.brokenPromises?.m12 ?? 0,
  };
}
