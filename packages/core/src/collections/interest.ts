import { daysBetween, type IsoDate } from "../assessment/index.ts";
import { lateInterestMinor } from "../limits/late-interest.ts";

/** One invoice on a late-payment interest statement, with its late payments. */
export interface InterestInvoice {
  invoiceId: number;
  invoiceNumber: string;
  dueOn: IsoDate;
  currency: string;
  /** Invoice amount less credit notes (minor units). */
  principalMinor: number;
  /** Payments allocated to the invoice, in the invoice currency. */
  payments: readonly { receivedOn: IsoDate; amountMinor: number }[];
  /** The contract rate valid on the due date (annual, exact decimal), null without a contract. */
  annualRate: string | null;
  contractReference: string | null;
}

export interface InterestSegment {
  /** "paid": a payment received after the due date; "open": still unpaid at as-of. */
  kind: "paid" | "open";
  principalMinor: number;
  from: IsoDate;
  to: IsoDate;
  days: number;
  interestMinor: number;
}

export interface InterestLine {
  invoiceId: number;
  invoiceNumber: string;
  dueOn: IsoDate;
  currency: string;
  annualRate: string | null;
  contractReference: string | null;
  segments: InterestSegment[];
  interestMinor: number;
}

/**
 * The late-payment interest of each invoice (DOMAIN.md: principal × annual rate × days / 365,
 * `lateInterestMinor` of the limits capability, rounded half-even per segment): every payment
 * received after the due date bears interest for its days late, and what is still open at as-of
 * bears interest up to as-of. Payments on or before the due date bear none. An invoice without a
 * contract rate is listed with no interest. Totals are per currency.
 */
export function computeInterestStatement(
  invoices: readonly InterestInvoice[],
  asOf: IsoDate,
): { lines: InterestLine[]; totals: { currency: string; interestMinor: number }[] } {
  const lines: InterestLine[] = [];
  const totals = new Map<string, number>();
  for (const inv of invoices) {
    const segments: InterestSegment[] = [];
    let open = inv.principalMinor;
    const ordered = [...inv.payments]
      .filter((p) => p.receivedOn <= asOf)
      .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
    for (const p of ordered) {
      const paid = Math.min(p.amountMinor, Math.max(0, open));
      open -= paid;
      const days = daysBetween(inv.dueOn, p.receivedOn);
      if (paid > 0 && days > 0) {
        segments.push({
          kind: "paid",
          principalMinor: paid,
          from: inv.dueOn,
          to: p.receivedOn,
          days,
          interestMinor:
            inv.annualRate === null
              ? 0
              : lateInterestMinor({ principalMinor: paid, annualRate: inv.annualRate, days }),
        });
      }
    }
    const openDays = daysBetween(inv.dueOn, asOf);
    if (open > 0 && openDays > 0) {
      segments.push({
        kind: "open",
        principalMinor: open,
        from: inv.dueOn,
        to: asOf,
        days: openDays,
        interestMinor:
          inv.annualRate === null
            ? 0
            : lateInterestMinor({ principalMinor: open, annualRate: inv.annualRate, days: openDays }),
      });
    }
    if (segments.length === 0) {
      continue;
    }
    const interestMinor = segments.reduce((s, x) => s + x.interestMinor, 0);
    totals.set(inv.currency, (totals.get(inv.currency) ?? 0) + interestMinor);
    lines.push({
      invoiceId: inv.invoiceId,
      invoiceNumber: inv.invoiceNumber,
      dueOn: inv.dueOn,
      currency: inv.currency,
      annualRate: inv.annualRate,
      contractReference: inv.contractReference,
      segments,
      interestMinor,
    });
  }
  return {
    lines,
    totals: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, interestMinor]) => ({ currency, interestMinor })),
  };
}
