import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
let customerId: number;
let otherCustomerId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
  customerId = (await server.request("POST", "/customers", { code: "L-1", legalName: "账款测试公司" })).body
    .id;
  otherCustomerId = (await server.request("POST", "/customers", { code: "L-2", legalName: "另一家公司" }))
    .body.id;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function invoice(number: string, amountMinor: number, dueOn = "2025-03-31", extra: object = {}) {
  const r = await server.request("POST", "/invoices", {
    invoiceNumber: number,
    customerId,
    issuedOn: "2025-03-01",
    dueOn,
    currency: "CNY",
    amountMinor,
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body as { id: number; openMinor: number };
}

describe("invoices API", () => {
  it("round-trips an invoice with its open amount", async () => {
    const created = await invoice("INV-RT", 1_234_567);
    expect(created).toMatchObject({
      amountMinor: 1_234_567,
      allocatedMinor: 0,
      creditedMinor: 0,
      openMinor: 1_234_567,
    });
    const read = await server.request("GET", `/invoices/${created.id}`);
    expect(read.body).toEqual(created);
    const patched = await server.request("PATCH", `/invoices/${created.id}`, { dueOn: "2025-04-30" });
    expect(patched.body.dueOn).toBe("2025-04-30");
    const dup = await server.request("POST", "/invoices", {
      invoiceNumber: "INV-RT",
      customerId,
      issuedOn: "2025-03-01",
      dueOn: "2025-03-31",
      currency: "CNY",
      amountMinor: 1,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ path: "invoiceNumber", message: "already exists" }]);
  });

  it.each([
    [{ amountMinor: 10.5 }, "amountMinor"],
    [{ amountMinor: 2 ** 53 }, "amountMinor"],
    [{ currency: "yuan" }, "currency"],
    [{ dueOn: "2025-02-01" }, "dueOn"],
    [{ customerId: 999_999 }, "customerId"],
  ])("refuses %j naming %s", async (override, path) => {
    const r = await server.request("POST", "/invoices", {
      invoiceNumber: `BAD-${path}-${Math.random()}`,
      customerId,
      issuedOn: "2025-03-01",
      dueOn: "2025-03-31",
      currency: "CNY",
      amountMinor: 100,
      ...override,
    });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("filters by customer, status and due date range", async () => {
    await invoice("F-JAN", 100, "2025-03-15");
    await invoice("F-FEB", 200, "2025-04-15");
    await invoice("F-MAR", 300, "2025-05-15", { status: "cancelled" });
    const r = await server.request(
      "GET",
      `/invoices?customerId=${customerId}&status=open&dueFrom=2025-03-10&dueTo=2025-04-20&sort=-dueOn`,
    );
    const numbers = r.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber);
    expect(numbers).toContain("F-JAN");
    expect(numbers).toContain("F-FEB");
    expect(numbers).not.toContain("F-MAR");
    const dues = r.body.items.map((i: { dueOn: string }) => i.dueOn);
    expect(dues).toEqual([...dues].sort().reverse());
    const none = await server.request("GET", `/invoices?customerId=${otherCustomerId}`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });
});

describe("payments and allocations", () => {
  it("allocates partially and refuses to exceed the invoice's open amount or the payment", async () => {
    const a = await invoice("PAY-A", 10_000);
    const b = await invoice("PAY-B", 3_000);
    const pay = await server.request("POST", "/payments", {
      reference: "BANK-1",
      customerId,
      receivedOn: "2025-04-02",
      currency: "CNY",
      amountMinor: 8_000,
      allocations: [{ invoiceId: a.id, amountMinor: 6_000 }],
    });
    expect(pay.status).toBe(201);
    expect(pay.body).toMatchObject({ allocatedMinor: 6_000, unallocatedMinor: 2_000 });
    expect((await server.request("GET", `/invoices/${a.id}`)).body).toMatchObject({
      openMinor: 4_000,
      status: "open",
    });

    // 2,500 fits invoice B (3,000 open) but not the payment (2,000 left).
    const overPayment = await server.request("POST", `/payments/${pay.body.id}/allocations`, {
      allocations: [{ invoiceId: b.id, amountMinor: 2_500 }],
    });
    expect(overPayment.status).toBe(422);
    expect(overPayment.body.errors).toEqual([
      { path: "allocations.0.amountMinor", message: expect.stringContaining("unallocated amount 2000") },
    ]);

    // A second payment: 5,000 exceeds invoice A's open 4,000.
    const pay2 = await server.request("POST", "/payments", {
      reference: "BANK-2",
      customerId,
      receivedOn: "2025-04-03",
      currency: "CNY",
      amountMinor: 9_000,
    });
    const overInvoice = await server.request("POST", `/payments/${pay2.body.id}/allocations`, {
      allocations: [{ invoiceId: a.id, amountMinor: 4_001 }],
    });
    expect(overInvoice.status).toBe(422);
    expect(overInvoice.body.errors[0]).toEqual({
      path: "allocations.0.amountMinor",
      message: expect.stringContaining("open amount 4000"),
    });

    // Nothing was written by the refused requests; the exact open amount settles the invoice.
    const settle = await server.request("POST", `/payments/${pay2.body.id}/allocations`, {
      allocations: [
        { invoiceId: a.id, amountMinor: 4_000 },
        { invoiceId: b.id, amountMinor: 1_000 },
      ],
    });
    expect(settle.status).toBe(200);
    expect(settle.body).toMatchObject({ allocatedMinor: 5_000, unallocatedMinor: 4_000 });
    expect((await server.request("GET", `/invoices/${a.id}`)).body).toMatchObject({
      openMinor: 0,
      status: "paid",
    });
    expect((await server.request("GET", `/invoices/${b.id}`)).body).toMatchObject({
      openMinor: 2_000,
      status: "open",
    });
  });

  it("refuses a payment whose own allocations exceed it, writing nothing", async () => {
    const c = await invoice("PAY-C", 5_000);
    const r = await server.request("POST", "/payments", {
      reference: "BANK-3",
      customerId,
      receivedOn: "2025-04-04",
      currency: "CNY",
      amountMinor: 1_000,
      allocations: [{ invoiceId: c.id, amountMinor: 1_500 }],
    });
    expect(r.status).toBe(422);
    const list = await server.request("GET", `/payments?customerId=${customerId}`);
    expect(list.body.items.map((p: { reference: string }) => p.reference)).not.toContain("BANK-3");
  });

  it("refuses allocations across customers or currencies and counts credit notes as settled", async () => {
    const d = await invoice("PAY-D", 5_000);
    const foreign = await server.request("POST", "/payments", {
      reference: "BANK-OTHER",
      customerId: otherCustomerId,
      receivedOn: "2025-04-05",
      currency: "CNY",
      amountMinor: 5_000,
      allocations: [{ invoiceId: d.id, amountMinor: 100 }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].message).toContain("another customer");
    const usd = await server.request("POST", "/payments", {
      reference: "BANK-USD",
      customerId,
      receivedOn: "2025-04-05",
      currency: "USD",
      amountMinor: 5_000,
      allocations: [{ invoiceId: d.id, amountMinor: 100 }],
    });
    expect(usd.status).toBe(422);

    const note = await server.request("POST", "/credit-notes", {
      noteNumber: "CN-D",
      customerId,
      invoiceId: d.id,
      issuedOn: "2025-04-06",
      currency: "CNY",
      amountMinor: 4_500,
    });
    expect(note.status).toBe(201);
    expect((await server.request("GET", `/invoices/${d.id}`)).body).toMatchObject({
      creditedMinor: 4_500,
      openMinor: 500,
    });
    const tooMuch = await server.request("POST", "/payments", {
      reference: "BANK-4",
      customerId,
      receivedOn: "2025-04-07",
      currency: "CNY",
      amountMinor: 1_000,
      allocations: [{ invoiceId: d.id, amountMinor: 501 }],
    });
    expect(tooMuch.status).toBe(422);
    const lowered = await server.request("PATCH", `/invoices/${d.id}`, { amountMinor: 4_000 });
    expect(lowered.status).toBe(422);
    expect(lowered.body.errors[0].path).toBe("amountMinor");
  });
});
