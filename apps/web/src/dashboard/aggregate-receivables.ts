/**
 * Receivables figures for the dashboard from open invoices: open and overdue amounts per currency
 * and the aging buckets of DOMAIN.md (current, 1–30, 31–60, 61–90, 91–180, > 180 days past due).
 * Sums are integer minor units; amounts are never converted between currencies here.
 */
export const AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "d180plus"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface OpenInvoiceLike {
  dueOn: string;
  currency: string;
  amountMinor: number;
  /** What is still open after payments and credit notes, when the API reports it. */
  openMinor?: number | null;
}

export interface CurrencyReceivables {
  currency: string;
  openMinor: number;
  overdueMinor: number;
  invoices: number;
  overdueInvoices: number;
  aging: Record<AgingBucket, number>;
}

export function agingBucket(daysPastDue: number): AgingBucket {
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
  return daysPastDue <= 180 ? "d91_180" : "d180plus";
}

const DAY_MS = 86_400_000;

/** Days from the due date to `asOf` (both ISO calendar dates). */
export function daysBetween(dueOn: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / DAY_MS);
}

/** Per-currency totals, largest open amount first. */
export function aggregateReceivables(
  invoices: readonly OpenInvoiceLike[],
  asOf: string,
): CurrencyReceivables[] {
  const byCurrency = new Map<string, CurrencyReceivables>();
  for (const invoice of invoices) {
    const open = invoice.openMinor ?? invoice.amountMinor;
    if (open <= 0) {
      continue;
    }
    let entry = byCurrency.get(invoice.currency);
    if (!entry) {
      entry = {
        currency: invoice.currency,
        openMinor: 0,
        overdueMinor: 0,
        invoices: 0,
        overdueInvoices: 0,
        aging: { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, d180plus: 0 },
      };
      byCurrency.set(invoice.currency, entry);
    }
    const bucket = agingBucket(daysBetween(invoice.dueOn, asOf));
    entry.openMinor += open;
    entry.invoices += 1;
    entry.aging[bucket] += open;
    if (bucket !== "current") {
      entry.overdueMinor += open;
      entry.overdueInvoices += 1;
    }
  }
  return [...byCurrency.values()].sort((a, b) => b.openMinor - a.openMinor);
}
