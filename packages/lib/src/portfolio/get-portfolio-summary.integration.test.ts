import {
  creditNotes,
  customerDefaults,
  customers,
  fxRates,
  invoices,
  paymentAllocations,
  payments,
} from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAssessments } from "../assessment/run-assessments.ts";
import { getPortfolioSummary } from "./get-portfolio-summary.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const [a, b, c] = await t.db
    .insert(customers)
    .values([
      { code: "A", legalName: "甲" },
      { code: "B", legalName: "乙" },
      { code: "C", legalName: "丙" },
    ])
    .returning();
  await t.db.insert(fxRates).values([
    { rateDate: "2025-05-31", fromCurrency: "USD", toCurrency: "CNY", rate: "7.0000000000" },
    { rateDate: "2025-06-28", fromCurrency: "USD", toCurrency: "CNY", rate: "7.2000000000" },
    // After as-of: must not be used.
    { rateDate: "2025-07-15", fromCurrency: "USD", toCurrency: "CNY", rate: "9.0000000000" },
  ]);
  const inv = await t.db
    .insert(invoices)
    .values([
      // Not yet due at 2025-06-30: 1,000.00 CNY, of which 400.00 paid → 600.00 current.
      {
        invoiceNumber: "I1",
        customerId: a!.id,
        issuedOn: "2025-06-01",
        dueOn: "2025-07-01",
        currency: "CNY",
        amountMinor: 100_000,
      },
      // 45 days past due: 500.00 CNY less a 100.00 credit note → 400.00 in 31–60.
      {
        invoiceNumber: "I2",
        customerId: a!.id,
        issuedOn: "2025-04-16",
        dueOn: "2025-05-16",
        currency: "CNY",
        amountMinor: 50_000,
      },
      // 200 days past due: 100.00 USD at 7.2 → 720.00 CNY over 180.
      {
        invoiceNumber: "I3",
        customerId: b!.id,
        issuedOn: "2024-11-01",
        dueOn: "2024-12-12",
        currency: "USD",
        amountMinor: 10_000,
      },
      // Fully paid: contributes nothing.
      {
        invoiceNumber: "I4",
        customerId: c!.id,
        issuedOn: "2025-01-01",
        dueOn: "2025-02-01",
        currency: "CNY",
        amountMinor: 70_000,
      },
    ])
    .returning();
  const [p1, p2] = await t.db
    .insert(payments)
    .values([
      { reference: "P1", customerId: a!.id, receivedOn: "2025-06-20", currency: "CNY", amountMinor: 40_000 },
      { reference: "P2", customerId: c!.id, receivedOn: "2025-02-01", currency: "CNY", amountMinor: 70_000 },
    ])
    .returning();
  await t.db.insert(paymentAllocations).values([
    { paymentId: p1!.id, invoiceId: inv[0]!.id, amountMinor: 40_000 },
    { paymentId: p2!.id, invoiceId: inv[3]!.id, amountMinor: 70_000 },
  ]);
  await t.db.insert(creditNotes).values({
    noteNumber: "CN1",
    customerId: a!.id,
    invoiceId: inv[1]!.id,
    issuedOn: "2025-05-20",
    currency: "CNY",
    amountMinor: 10_000,
  });
  await t.db
    .insert(customerDefaults)
    .values({ customerId: b!.id, defaultedOn: "2025-03-01", kind: "past_due_90" });
});
afterAll(async () => {
  await t.close();
});

describe("portfolio summary", () => {
  it("ages open receivables in the base currency at the rate recorded on or before as-of", async () => {
    const s = await getPortfolioSummary({ handle: t, asOf: "2025-06-30", baseCurrency: "CNY" });
    expect(s.customers).toBe(3);
    expect(s.aging).toEqual({
      current: 60_000,
      d1_30: 0,
      d31_60: 40_000,
      d61_90: 0,
      d91_180: 0,
      over180: 72_000,
    });
    expect(s.openReceivables.baseMinor).toBe(172_000);
    expect(s.overdueBaseMinor).toBe(112_000);
    expect(s.openReceivables.byCurrency).toEqual([
      { currency: "CNY", openMinor: 100_000, overdueMinor: 40_000, convertible: true },
      { currency: "USD", openMinor: 10_000, overdueMinor: 10_000, convertible: true },
    ]);
    expect(s.defaults12m).toBe(1);
    expect(s.grades).toEqual({ low: 0, medium: 0, high: 0, unassessed: 3 });
  });

  it("counts each customer's latest grade once assessed", async () => {
    const run = await runAssessments({
      handle: t,
      asOf: "2025-06-30",
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
    });
    const s = await getPortfolioSummary({ handle: t, asOf: "2025-06-30", baseCurrency: "CNY" });
    expect(s.grades).toEqual({ ...run.byGrade, unassessed: 0 });
  });
});
