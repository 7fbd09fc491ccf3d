import {
  behaviourFromAggregates,
  type CustomerLedger,
  computeBehaviourMetrics,
} from "@creditdesk/core/assessment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  complaints,
  creditNotes,
  customers,
  disputes,
  invoices,
  paymentAllocations,
  paymentPromises,
  payments,
  salesOrders,
} from "../schema.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import { loadBehaviourAggregates } from "./behaviour-aggregates.ts";

/** Small deterministic PRNG (mulberry32) so the ledgers are random but reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const day = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

interface Built {
  customerId: number;
  ledger: CustomerLedger;
}

/** Writes a random but realistic ledger for one customer and returns the same ledger in memory. */
async function buildLedger(t: TestDatabase, code: string, seed: number): Promise<Built> {
  const r = rng(seed);
  const [c] = await t.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司` })
    .returning();
  const customerId = c!.id;
  const ledger: { [K in keyof CustomerLedger]-?: NonNullable<CustomerLedger[K]>[number][] } = {
    invoices: [],
    allocations: [],
    creditNotes: [],
    disputes: [],
    complaints: [],
    orders: [],
    brokenPromises: [],
  };
  for (let i = 0; i < 60; i++) {
    const issued = day("2023-01-01", Math.floor(r() * 900));
    const due = day(issued, [30, 45, 60][Math.floor(r() * 3)]!);
    const amount = 1000 + Math.floor(r() * 500_000);
    const [inv] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: `${code}-I${i}`,
        customerId,
        issuedOn: issued,
        dueOn: due,
        currency: "CNY",
        amountMinor: amount,
      })
      .returning();
    ledger.invoices.push({
      id: String(inv!.id),
      issueDate: issued,
      dueDate: due,
      amountMinor: amount,
      currency: "CNY",
    });
    await t.db.insert(salesOrders).values({
      orderNumber: `${code}-O${i}`,
      customerId,
      orderedOn: day(issued, -7),
      currency: "CNY",
      orderedMinor: amount,
    });
    ledger.orders.push({ date: day(issued, -7), amountMinor: amount });
    // Zero, one or two (partial) payments, early or late.
    const parts = Math.floor(r() * 3);
    let left = amount;
    for (let p = 0; p < parts && left > 0; p++) {
      const paid = p === parts - 1 ? left : Math.floor(left * r());
      if (paid <= 0) {
        continue;
      }
      left -= paid;
      const date = day(due, Math.floor(r() * 120) - 20);
      const [pay] = await t.db
        .insert(payments)
        .values({
          reference: `${code}-P${i}-${p}`,
          customerId,
          receivedOn: date,
          currency: "CNY",
          amountMinor: paid,
        })
        .returning();
      await t.db
        .insert(paymentAllocations)
        .values({ paymentId: pay!.id, invoiceId: inv!.id, amountMinor: paid });
      ledger.allocations.push({ invoiceId: String(inv!.id), date, amountMinor: paid });
    }
    if (r() < 0.15) {
      const cnAmount = Math.max(1, Math.floor(amount * 0.1));
      const date = day(issued, 10);
      await t.db.insert(creditNotes).values({
        noteNumber: `${code}-C${i}`,
        customerId,
        invoiceId: inv!.id,
        issuedOn: date,
        currency: "CNY",
        amountMinor: cnAmount,
      });
      ledger.creditNotes.push({ invoiceId: String(inv!.id), date, amountMinor: cnAmount });
    }
    if (r() < 0.1) {
      const openedOn = day(issued, 20);
      const resolvedOn = r() < 0.5 ? day(openedOn, 40) : undefined;
      await t.db.insert(disputes).values({
        reference: `${code}-D${i}`,
        customerId,
        invoiceId: inv!.id,
        openedOn,
        resolvedOn: resolvedOn ?? null,
        currency: "CNY",
        amountMinor: amount,
      });
      ledger.disputes.push({
        invoiceId: String(inv!.id),
        openedOn,
        amountMinor: amount,
        ...(resolvedOn ? { resolvedOn } : {}),
      });
    }
    if (r() < 0.1) {
      const date = day(issued, 5);
      await t.db.insert(complaints).values({ reference: `${code}-K${i}`, customerId, receivedOn: date });
      ledger.complaints.push({ date });
    }
  }
  // Promises to pay: broken, kept, open or cancelled; only the broken ones count, by deadline.
  for (let k = 0; k < 12; k++) {
    const madeOn = day("2023-01-01", Math.floor(r() * 900));
    const promisedOn = day(madeOn, Math.floor(r() * 30));
    const graceDays = Math.floor(r() * 8);
    const status = (["broken", "broken", "kept", "open", "cancelled"] as const)[Math.floor(r() * 5)]!;
    await t.db.insert(paymentPromises).values({
      customerId,
      currency: "CNY",
      promisedMinor: 10_000,
      madeOn,
      promisedOn,
      graceDays,
      status,
      createdBy: "test",
    });
    if (status === "broken") {
      ledger.brokenPromises.push({ deadline: day(promisedOn, graceDays) });
    }
  }
  // An unallocated credit note (account-level).
  await t.db.insert(creditNotes).values({
    noteNumber: `${code}-CU`,
    customerId,
    issuedOn: "2024-06-30",
    currency: "CNY",
    amountMinor: 777,
  });
  ledger.creditNotes.push({ date: "2024-06-30", amountMinor: 777 });
  return { customerId, ledger };
}

let t: TestDatabase;
let built: Built[];
beforeAll(async () => {
  t = await createTestDatabase();
  built = [];
  for (let k = 0; k < 4; k++) {
    built.push(await buildLedger(t, `PAR${k}`, 1000 + k));
  }
  // A customer with no ledger at all.
  const [empty] = await t.db.insert(customers).values({ code: "EMPTY", legalName: "空白公司" }).returning();
  built.push({
    customerId: empty!.id,
    ledger: { invoices: [], allocations: [], creditNotes: [], disputes: [], complaints: [], orders: [] },
  });
});
afterAll(async () => {
  await t.close();
});

describe("behaviour metrics in SQL (bulk path)", () => {
  it.each(["2024-02-29", "2024-06-30", "2025-03-31"])(
    "equal the pure ledger computation for every customer as of %s",
    async (asOf) => {
      const aggregates = await loadBehaviourAggregates(t.db, { asOf, baseCurrency: "CNY" });
      expect(aggregates.size).toBe(built.length);
      for (const b of built) {
        const fromSql = behaviourFromAggregates(aggregates.get(b.customerId)!);
        const pure = computeBehaviourMetrics({ ledger: b.ledger, asOf });
        expect(fromSql).toEqual(pure);
      }
    },
  );

  it("restricts the query to the given customers", async () => {
    const one = built[1]!.customerId;
    const aggregates = await loadBehaviourAggregates(t.db, {
      asOf: "2024-06-30",
      baseCurrency: "CNY",
      customerIds: [one],
    });
    expect([...aggregates.keys()]).toEqual([one]);
  });
});
