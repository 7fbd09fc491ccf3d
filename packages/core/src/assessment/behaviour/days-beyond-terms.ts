import { addMonths, daysBetween, type IsoDate } from "../shared/dates.ts";
import { type Metric, notComputable, ok, ratio } from "../shared/metric.ts";
import { type LedgerIndex, openAmountAt } from "./ledger.ts";

/**
 * Amount-weighted average days beyond terms over the last `months` calendar months, i.e. payments
 * dated in (asOf − months, asOf]:
 *   DBT = Σ (allocation amount × max(0, payment date − due date)) / Σ allocation amount   (days)
 * Early payment counts as 0 days, so paying one invoice early does not hide paying another late.
 * Credit notes are not payments and do not count.
 *
 * With `includeOpenOverdue` (default false) every invoice still open and overdue at as-of also counts,
 * weighted by its open amount, with "days beyond terms so far" = asOf − due date. The default keeps the
 * metric to what the customer actually paid; non-payers are caught by the overdue share and aging
 * measures instead.
 */
export function computeDaysBeyondTerms(options: {
  index: LedgerIndex;
  asOf: IsoDate;
  months: number;
  includeOpenOverdue?: boolean;
}): Metric {
  const paid = daysBeyondTermsSums(options);
  const open =
    options.includeOpenOverdue === true ? openOverdueSums(options) : { weightedDays: 0, amountMinor: 0 };
  return weightedDaysBeyondTerms({
    weightedDays: paid.weightedDays + open.weightedDays,
    amountMinor: paid.amountMinor + open.amountMinor,
    months: options.months,
  });
}

/** Σ amount × days and Σ amount behind a days-beyond-terms figure (also what the SQL path sums). */
export interface WeightedDaysSums {
  readonly weightedDays: number;
  readonly amountMinor: number;
}

/** Σ weighted days / Σ amount, or not computable without payments. */
export function weightedDaysBeyondTerms(options: {
  weightedDays: number;
  amountMinor: number;
  months: number;
}): Metric {
  if (options.amountMinor === 0) {
    return notComputable(`no payments in the last ${options.months} months`);
  }
  return ok(options.weightedDays / options.amountMinor);
}

/** Sums over still-open overdue invoices at as-of: open amount × (asOf − due date). */
export function openOverdueSums(options: { index: LedgerIndex; asOf: IsoDate }): WeightedDaysSums {
  let weightedDays = 0;
  let amountMinor = 0;
  for (const invoice of options.index.ledger.invoices) {
    const open = openAmountAt(options.index, invoice, options.asOf);
    const late = daysBetween(invoice.dueDate, options.asOf);
    if (open > 0 && late > 0) {
      weightedDays += open * late;
      amountMinor += open;
    }
  }
  return { weightedDays, amountMinor };
}

/** Sums over payment allocations dated in (asOf − months, asOf]. */
export function daysBeyondTermsSums(options: {
  index: LedgerIndex;
  asOf: IsoDate;
  months: number;
}): WeightedDaysSums {
  const { index, asOf, months } = options;
  const after = addMonths(asOf, -months);
  const dueById = new Map(index.ledger.invoices.map((i) => [i.id, i.dueDate]));
  let weighted = 0;
  let amount = 0;
  for (const a of index.ledger.allocations) {
    const due = dueById.get(a.invoiceId);
    if (due === undefined || a.date <= after || a.date > asOf) {
      continue;
    }
    weighted += a.amountMinor * Math.max(0, daysBetween(due, a.date));
    amount += a.amountMinor;
  }
  return { weightedDays: weighted, amountMinor: amount };
}

/** Counts and amounts of payments (allocations) in a window, and those made after the due date. */
export interface LatePaymentSums {
  readonly amountMinor: number;
  readonly lateAmountMinor: number;
  readonly count: number;
  readonly lateCount: number;
}

/** Sums over allocations dated in (asOf − months, asOf]; late = payment date after the due date. */
export function latePaymentSums(options: {
  index: LedgerIndex;
  asOf: IsoDate;
  months: number;
}): LatePaymentSums {
  const { index, asOf, months } = options;
  const after = addMonths(asOf, -months);
  const dueById = new Map(index.ledger.invoices.map((i) => [i.id, i.dueDate]));
  let amountMinor = 0;
  let lateAmountMinor = 0;
  let count = 0;
  let lateCount = 0;
  for (const a of index.ledger.allocations) {
    const due = dueById.get(a.invoiceId);
    if (due === undefined || a.date <= after || a.date > asOf) {
      continue;
    }
    count++;
    amountMinor += a.amountMinor;
    if (a.date > due) {
      lateCount++;
      lateAmountMinor += a.amountMinor;
    }
  }
  return { amountMinor, lateAmountMinor, count, lateCount };
}

/** Share paid late by amount (Σ late amount / Σ amount) and by count (late / all allocations); fractions 0–1. */
export function latePaidShares(sums: LatePaymentSums, months: number): { byAmount: Metric; byCount: Metric } {
  const none = notComputable(`no payments in the last ${months} months`);
  const names = { numerator: "late payments", denominator: `payments of the last ${months} months` };
  return {
    byAmount: sums.amountMinor === 0 ? none : ratio(sums.lateAmountMinor, sums.amountMinor, names),
    byCount: sums.count === 0 ? none : ratio(sums.lateCount, sums.count, names),
  };
}
