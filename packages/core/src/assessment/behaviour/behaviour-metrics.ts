import type { IsoDate } from "../shared/dates.ts";
import type { Metric } from "../shared/metric.ts";
import type { AgingBucket } from "./aging.ts";

/**
 * A customer's payment behaviour as of a date — what the scorecard consumes. It is filled either by
 * `computeBehaviourMetrics` from one ledger or by the set-wise SQL of the bulk run; both MUST follow
 * the definitions below. Windows "last N months" are (asOf − N months, asOf] with PostgreSQL month
 * arithmetic (end-of-month clamped); "last N days" is (asOf − N days, asOf]. Amounts are integer minor
 * units of the reporting currency; shares are fractions 0–1; days are calendar days.
 */
export interface BehaviourMetrics {
  readonly asOf: IsoDate;
  /** N of the DSO/ADDB/CEI period (default 90). */
  readonly collectionPeriodDays: number;

  /** Σ open amount of invoices issued ≤ asOf (amount − payments − allocated credit notes dated ≤ asOf, floored at 0). */
  readonly openBalanceMinor: number;
  /** Open amount per aging bucket (days past due = asOf − due date; due on asOf = current). */
  readonly aging: Readonly<Record<AgingBucket, number>>;
  /** Open amount past due (all buckets except current). */
  readonly overdueMinor: number;
  /** overdueMinor / openBalanceMinor; defined as 0 when there is no open balance (nothing is overdue). */
  readonly overdueShare: Metric;
  /**
   * (aging.d91_180 + aging.over180) / openBalanceMinor: the share of the open balance more than 90 days
   * past due; defined as 0 when there is no open balance. Computed from the buckets, so the SQL path
   * needs nothing new.
   */
  readonly overdue90Share: Metric;
  /** asOf − due date of the oldest overdue open invoice; 0 when nothing is overdue. */
  readonly maxDaysPastDue: number;
  /** Unallocated credit notes dated ≤ asOf plus over-payments; not in the buckets. */
  readonly unallocatedCreditMinor: number;

  /** Σ amount of invoices issued in the last collectionPeriodDays days. */
  readonly creditSalesMinor: number;
  /** openBalance / creditSales × N (days). */
  readonly dso: Metric;
  /** current (not yet due) open balance / creditSales × N (days). */
  readonly bestPossibleDso: Metric;
  /** dso − bestPossibleDso (days). */
  readonly addb: Metric;
  /** (opening AR + credit sales − closing AR) / (opening AR + credit sales − closing current AR) × 100 (%). */
  readonly cei: Metric;

  /** Amount-weighted max(0, payment date − due date) of allocations in the last 3 months (days). */
  readonly daysBeyondTerms3m: Metric;
  /** Same over the last 6 months. */
  readonly daysBeyondTerms6m: Metric;
  /** Same over the last 12 months. */
  readonly daysBeyondTerms12m: Metric;
  /** daysBeyondTerms3m − daysBeyondTerms12m (days; positive = paying later than usual). */
  readonly daysBeyondTermsTrend: Metric;
  /** Whether still-open overdue invoices were counted in the daysBeyondTerms* values (default false). */
  readonly daysBeyondTermsIncludeOpen: boolean;

  /** Σ amount of allocations in the last 12 months paid after due date / Σ amount of allocations. */
  readonly latePaidShareByAmount12m: Metric;
  /** Count of allocations in the last 12 months paid after due date / count of allocations. */
  readonly latePaidShareByCount12m: Metric;

  /** Disputes with openedOn ≤ asOf and (no resolvedOn or resolvedOn > asOf). */
  readonly openDisputeCount: number;
  readonly openDisputeAmountMinor: number;

  /** Complaints dated in the last 12 months. */
  readonly complaintCount12m: number;
  /** Invoices issued in the last 12 months. */
  readonly invoiceCount12m: number;
  /** complaintCount12m / invoiceCount12m × 100 — complaints per 100 invoices. */
  readonly complaintRatePer100Invoices12m: Metric;

  /** Σ order amount dated in the last 3 months. */
  readonly orderVolume3mMinor: number;
  /** Σ order amount dated in (asOf − 15 months, asOf − 3 months] ÷ 12 — the customer's own trailing monthly average (minor units, may be fractional). */
  readonly orderTrailingMonthlyAverageMinor: number;
  /** (orderVolume3mMinor ÷ 3) / orderTrailingMonthlyAverageMinor; 1 = as usual, < 1 = fewer orders. */
  readonly orderTrendRatio: Metric;

  /** Promises to pay broken (deadline = promised date + grace passed unpaid) in the last 6 months. */
  readonly brokenPromiseCount6m: number;
  /** Promises to pay broken in the last 12 months. */
  readonly brokenPromiseCount12m: number;
}

/** Names of the BehaviourMetrics fields a scorecard may read as numbers. */
export const BEHAVIOUR_NUMERIC_FIELDS = [
  "openBalanceMinor",
  "overdueMinor",
  "overdueShare",
  "overdue90Share",
  "maxDaysPastDue",
  "creditSalesMinor",
  "dso",
  "bestPossibleDso",
  "addb",
  "cei",
  "daysBeyondTerms3m",
  "daysBeyondTerms6m",
  "daysBeyondTerms12m",
  "daysBeyondTermsTrend",
  "latePaidShareByAmount12m",
  "latePaidShareByCount12m",
  "openDisputeCount",
  "openDisputeAmountMinor",
  "complaintCount12m",
  "complaintRatePer100Invoices12m",
  "orderVolume3mMinor",
  "orderTrendRatio",
] as const satisfies readonly (keyof BehaviourMetrics)[];
export type BehaviourNumericField = (typeof BEHAVIOUR_NUMERIC_FIELDS)[number];
