import { daysBetween, type IsoDate } from "../shared/dates.ts";
import { type CustomerLedger, indexLedger, type LedgerIndex, openAmountAt } from "./ledger.ts";

/** DOMAIN.md aging buckets by days past due (as-of − due date). */
export const AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "over180"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) {
    return "current";
  }
  if (daysPastDue <= 30) {
    return "d1_30";
  }
  if (daysPastDue <= 60) {
    return "d31_60";
  }
  if (daysPastDue <= 90) {
    return "d61_90";
  }
  return daysPastDue <= 180 ? "d91_180" : "over180";
}

export interface AgingReport {
  readonly asOf: IsoDate;
  /** Open amount per bucket, minor units. An invoice due ON as-of is current (0 days past due). */
  readonly buckets: Readonly<Record<AgingBucket, number>>;
  /** Σ buckets: gross open receivables. */
  readonly totalOpenMinor: number;
  /** Σ buckets except current. */
  readonly overdueMinor: number;
  /**
   * Credit notes without an invoice dated on or before as-of, plus amounts paid or credited beyond an
   * invoice's amount. Reported apart (not spread over buckets), as usual on aging reports.
   */
  readonly unallocatedCreditMinor: number;
  /** totalOpenMinor − unallocatedCreditMinor */
  readonly netOpenMinor: number;
  /** Days past due of the oldest overdue open invoice; 0 when nothing is overdue. */
  readonly maxDaysPastDue: number;
  readonly openInvoiceCount: number;
}

/** Ages the open balance at the end of `asOf` (partial payments and credit notes on or before as-of reduce it). */
export function ageReceivables(options: {
  ledger: CustomerLedger | LedgerIndex;
  asOf: IsoDate;
}): AgingReport {
  const index = "reductionsByInvoice" in options.ledger ? options.ledger : indexLedger(options.ledger);
  const { asOf } = options;
  const buckets: Record<AgingBucket, number> = {
    current: 0,
    d1_30: 0,
    d31_60: 0,
    d61_90: 0,
    d91_180: 0,
    over180: 0,
  };
  let unallocatedCreditMinor = 0;
  let maxDaysPastDue = 0;
  let openInvoiceCount = 0;
  for (const invoice of index.ledger.invoices) {
    if (invoice.issueDate > asOf) {
      continue;
    }
    const open = openAmountAt(index, invoice, asOf);
    let reductions = 0;
    for (const r of index.reductionsByInvoice.get(invoice.id) ?? []) {
      if (r.date <= asOf) {
        reductions += r.amountMinor;
      }
    }
    unallocatedCreditMinor += Math.max(0, reductions - invoice.amountMinor);
    if (open === 0) {
      continue;
    }
    openInvoiceCount++;
    const dpd = daysBetween(invoice.dueDate, asOf);
    buckets[agingBucketOf(dpd)] += open;
    maxDaysPastDue = Math.max(maxDaysPastDue, dpd);
  }
  for (const c of index.ledger.creditNotes) {
    if (c.invoiceId === undefined && c.date <= asOf) {
      unallocatedCreditMinor += c.amountMinor;
    }
  }
  const totalOpenMinor = Object.values(buckets).reduce((a, b) => a + b, 0);
  return {
    asOf,
    buckets,
    totalOpenMinor,
    overdueMinor: totalOpenMinor - buckets.current,
    unallocatedCreditMinor,
    netOpenMinor: totalOpenMinor - unallocatedCreditMinor,
    maxDaysPastDue,
    openInvoiceCount,
  };
}
