import type { CustomerLedger } from "./ledger.ts";

/**
 * A small ledger, hand-checked in behaviour tests at as-of 2024-06-30 (amounts in fen):
 * - A issued 03-01 due 03-31, 100,000: paid 40,000 on 04-10 (10 days late), 60,000 on 05-20 (50 late)
 * - B issued 04-15 due 05-15, 200,000: paid in full on 05-15 (on time)
 * - C issued 05-10 due 06-09, 150,000: paid 50,000 on 06-19 (10 late), credit note 20,000 on 06-25 → open 80,000
 * - D issued 06-10 due 07-10, 120,000: open, not yet due
 * - E issued 01-05 due 02-04, 30,000: open, 147 days past due at 06-30 (its payment on 07-05 is after as-of)
 * - F issued 2023-09-01 due 2023-10-01, 50,000: paid on time on 2023-10-01
 * - an unallocated credit note of 5,000 on 06-28
 * - promises to pay broken with deadlines 2024-05-02 (last 6 months), 2023-11-20 (last 12 months),
 *   2023-06-30 (just outside 12 months) and 2024-07-03 (after as-of)
 */
export const SMALL_LEDGER: CustomerLedger = {
  invoices: [
    { id: "A", issueDate: "2024-03-01", dueDate: "2024-03-31", amountMinor: 100_000, currency: "CNY" },
    { id: "B", issueDate: "2024-04-15", dueDate: "2024-05-15", amountMinor: 200_000, currency: "CNY" },
    { id: "C", issueDate: "2024-05-10", dueDate: "2024-06-09", amountMinor: 150_000, currency: "CNY" },
    { id: "D", issueDate: "2024-06-10", dueDate: "2024-07-10", amountMinor: 120_000, currency: "CNY" },
    { id: "E", issueDate: "2024-01-05", dueDate: "2024-02-04", amountMinor: 30_000, currency: "CNY" },
    { id: "F", issueDate: "2023-09-01", dueDate: "2023-10-01", amountMinor: 50_000, currency: "CNY" },
  ],
  allocations: [
    { invoiceId: "A", date: "2024-04-10", amountMinor: 40_000 },
    { invoiceId: "A", date: "2024-05-20", amountMinor: 60_000 },
    { invoiceId: "B", date: "2024-05-15", amountMinor: 200_000 },
    { invoiceId: "C", date: "2024-06-19", amountMinor: 50_000 },
    { invoiceId: "E", date: "2024-07-05", amountMinor: 30_000 },
    { invoiceId: "F", date: "2023-10-01", amountMinor: 50_000 },
  ],
  creditNotes: [
    { invoiceId: "C", date: "2024-06-25", amountMinor: 20_000 },
    { date: "2024-06-28", amountMinor: 5_000 },
  ],
  disputes: [
    { invoiceId: "C", openedOn: "2024-06-20", amountMinor: 30_000 },
    { invoiceId: "A", openedOn: "2024-04-12", resolvedOn: "2024-05-01", amountMinor: 10_000 },
    { invoiceId: "D", openedOn: "2024-07-02", amountMinor: 120_000 },
  ],
  complaints: [{ date: "2024-05-05" }, { date: "2024-01-10" }, { date: "2023-05-01" }],
  orders: [
    { date: "2023-03-30", amountMinor: 999_999 }, // exactly on the trailing window's open edge: excluded
    { date: "2023-06-15", amountMinor: 240_000 },
    { date: "2024-01-20", amountMinor: 360_000 },
    { date: "2024-04-10", amountMinor: 90_000 },
    { date: "2024-06-01", amountMinor: 30_000 },
    { date: "2024-07-01", amountMinor: 500_000 }, // after as-of: excluded
  ],
  brokenPromises: [
    { deadline: "2024-05-02" },
    { deadline: "2023-11-20" },
    { deadline: "2023-06-30" }, // on the 12-month window's open edge: excluded
    { deadline: "2024-07-03" }, // after as-of: excluded
  ],
};
