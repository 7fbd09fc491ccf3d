import type { IsoDate } from "../shared/dates.ts";

/**
 * One customer's receivables ledger, every amount in integer minor units of ONE reporting currency
 * (the caller converts beforehand). Dates are ISO "YYYY-MM-DD"; all day arithmetic is in UTC days.
 * Only events dated on or before the as-of date are taken into account.
 */
export interface LedgerInvoice {
  readonly id: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly amountMinor: number;
  readonly currency: string;
}

/** Cash received and applied to one invoice. */
export interface PaymentAllocation {
  readonly invoiceId: string;
  readonly date: IsoDate;
  readonly amountMinor: number;
}

/** A credit note reduces the open amount of `invoiceId`, or the account as a whole when unallocated. */
export interface CreditNote {
  readonly invoiceId?: string;
  readonly date: IsoDate;
  readonly amountMinor: number;
}

export interface Dispute {
  readonly invoiceId: string;
  readonly openedOn: IsoDate;
  readonly resolvedOn?: IsoDate;
  readonly amountMinor: number;
}

export interface Complaint {
  readonly date: IsoDate;
}

export interface Order {
  readonly date: IsoDate;
  readonly amountMinor: number;
}

export interface CustomerLedger {
  readonly invoices: readonly LedgerInvoice[];
  readonly allocations: readonly PaymentAllocation[];
  readonly creditNotes: readonly CreditNote[];
  readonly disputes: readonly Dispute[];
  readonly complaints: readonly Complaint[];
  readonly orders: readonly Order[];
  /** Promises to pay that were broken, by deadline (promised date + grace days); absent = none recorded. */
  readonly brokenPromises?: readonly BrokenPromise[];
}

/** A promise to pay the customer did not keep, dated by its deadline (promised date + grace). */
export interface BrokenPromise {
  readonly deadline: IsoDate;
}

/** Reductions (payments + allocated credit notes) per invoice, for repeated as-of queries. */
export interface LedgerIndex {
  readonly ledger: CustomerLedger;
  readonly reductionsByInvoice: ReadonlyMap<string, readonly { date: IsoDate; amountMinor: number }[]>;
}

export function indexLedger(ledger: CustomerLedger): LedgerIndex {
  const reductionsByInvoice = new Map<string, { date: IsoDate; amountMinor: number }[]>();
  const add = (invoiceId: string, date: IsoDate, amountMinor: number) => {
    const list = reductionsByInvoice.get(invoiceId) ?? [];
    list.push({ date, amountMinor });
    reductionsByInvoice.set(invoiceId, list);
  };
  for (const a of ledger.allocations) {
    add(a.invoiceId, a.date, a.amountMinor);
  }
  for (const c of ledger.creditNotes) {
    if (c.invoiceId !== undefined) {
      add(c.invoiceId, c.date, c.amountMinor);
    }
  }
  return { ledger, reductionsByInvoice };
}

/**
 * Open amount of an invoice at the end of `asOf`: amount − payments − allocated credit notes dated on
 * or before as-of, floored at 0 (an over-payment is not a negative receivable). 0 for invoices issued
 * after as-of.
 */
export function openAmountAt(index: LedgerIndex, invoice: LedgerInvoice, asOf: IsoDate): number {
  if (invoice.issueDate > asOf) {
    return 0;
  }
  let open = invoice.amountMinor;
  for (const r of index.reductionsByInvoice.get(invoice.id) ?? []) {
    if (r.date <= asOf) {
      open -= r.amountMinor;
    }
  }
  return Math.max(0, open);
}

/** Total accounts receivable at the end of `asOf` (sum of invoice open amounts; unallocated credits excluded). */
export function receivablesAt(
  index: LedgerIndex,
  asOf: IsoDate,
): { totalMinor: number; notDueMinor: number } {
  let totalMinor = 0;
  let notDueMinor = 0;
  for (const invoice of index.ledger.invoices) {
    const open = openAmountAt(index, invoice, asOf);
    totalMinor += open;
    if (invoice.dueDate >= asOf) {
      notDueMinor += open;
    }
  }
  return { totalMinor, notDueMinor };
}
