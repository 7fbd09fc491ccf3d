import { customers, invoices, paymentAllocations, payments } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;

/**
 * Customer B-1 (CNY, fen), as of 2025-06-30:
 * - I-1 100,000 due 04-10, paid 04-20 (10 days late); I-2 50,000 due 04-30, paid 04-25 (early = 0)
 *   → April DBT = (100,000 × 10 + 50,000 × 0) / 150,000 = 6.666… days;
 * - May: no payment → no DBT;
 * - I-3 200,000 due 05-15, paid 120,000 on 06-14 (30 days) and 80,000 on 06-29 (45 days)
 *   → June DBT = (120,000 × 30 + 80,000 × 45) / 200,000 = 36 days;
 * - I-4 60,000 issued 06-10, due 07-10, open: June DSO = 60,000 / 60,000 × 30 = 30, all current.
 * Customer C-2 pays 1,023 days late in June — none of B-1's business.
 */
beforeAll(async () => {
  t = await createTestDatabase();
  const [b, c] = await t.db
    .insert(customers)
    .values([
      { code: "B-1", legalName: "乙一" },
      { code: "C-2", legalName: "丙二" },
    ])
    .returning();
  const inv = await t.db
    .insert(invoices)
    .values([
      {
        invoiceNumber: "I-1",
        customerId: b!.id,
        issuedOn: "2025-03-11",
        dueOn: "2025-04-10",
        currency: "CNY",
        amountMinor: 100_000,
        status: "paid",
      },
      {
        invoiceNumber: "I-2",
        customerId: b!.id,
        issuedOn: "2025-03-31",
        dueOn: "2025-04-30",
        currency: "CNY",
        amountMinor: 50_000,
        status: "paid",
      },
      {
        invoiceNumber: "I-3",
        customerId: b!.id,
        issuedOn: "2025-04-15",
        dueOn: "2025-05-15",
        currency: "CNY",
        amountMinor: 200_000,
        status: "paid",
      },
      {
        invoiceNumber: "I-4",
        customerId: b!.id,
        issuedOn: "2025-06-10",
        dueOn: "2025-07-10",
        currency: "CNY",
        amountMinor: 60_000,
      },
      {
        invoiceNumber: "X-1",
        customerId: c!.id,
        issuedOn: "2022-08-01",
        dueOn: "2022-09-01",
        currency: "CNY",
        amountMinor: 10_000,
        status: "paid",
      },
    ])
    .returning();
  const id = (n: string) => inv.find((i) => i.invoiceNumber === n)!.id;
  const pay = async (
    reference: string,
    customerId: number,
    receivedOn: string,
    invoice: string,
    amountMinor: number,
  ) => {
    const [p] = await t.db
      .insert(payments)
      .values({ reference, customerId, receivedOn, currency: "CNY", amountMinor })
      .returning();
    await t.db.insert(paymentAllocations).values({ paymentId: p!.id, invoiceId: id(invoice), amountMinor });
  };
  await pay("P-1", b!.id, "2025-04-20", "I-1", 100_000);
  await pay("P-2", b!.id, "2025-04-25", "I-2", 50_000);
  await pay("P-3", b!.id, "2025-06-14", "I-3", 120_000);
  await pay("P-4", b!.id, "2025-06-29", "I-3", 80_000);
  await pay("P-X", c!.id, "2025-06-20", "X-1", 10_000);
  server = await startTestServer(t);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe("behaviour trend API", () => {
  it("gives each month's days beyond terms and DSO, oldest first", async () => {
    const r = await server.request("GET", "/customers/B-1/behaviour-trend?asOf=2025-06-30&months=3");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.baseCurrency).toBe("CNY");
    const [apr, may, jun] = r.body.months;
    expect(r.body.months.map((m: { period: string }) => m.period)).toEqual([
      "2025-04-30",
      "2025-05-31",
      "2025-06-30",
    ]);
    expect(apr.dbt).toBeCloseTo(20 / 3, 10);
    expect(apr).toMatchObject({
      paidMinor: 150_000,
      payments: 2,
      latePayments: 1,
      creditSalesMinor: 200_000,
      closingArMinor: 200_000,
    });
    expect(apr.dso).toBeCloseTo(30, 10);
    expect(may).toMatchObject({ dbt: null, paidMinor: 0, payments: 0, creditSalesMinor: 0, dso: null });
    expect(jun).toMatchObject({ paidMinor: 200_000, payments: 2, latePayments: 2, closingArMinor: 60_000 });
    expect(jun.dbt).toBeCloseTo(36, 10);
    expect(jun.dso).toBeCloseTo(30, 10);
    expect(jun.addb).toBeCloseTo(0, 10);
  });

  it("cuts the window at the requested months and validates", async () => {
    const r = await server.request("GET", "/customers/B-1/behaviour-trend?asOf=2025-06-30&months=1");
    expect(r.body.months).toHaveLength(1);
    expect(r.body.months[0].dbt).toBeCloseTo(36, 10);
    const c = await server.request("GET", "/customers/C-2/behaviour-trend?asOf=2025-06-30&months=2");
    expect(c.body.months[1].dbt).toBeCloseTo(1023, 10);
    expect((await server.request("GET", "/customers/B-1/behaviour-trend?months=0")).status).toBe(400);
    expect((await server.request("GET", "/customers/NOPE/behaviour-trend")).status).toBe(404);
  });
});
