import {
  creditChecks,
  creditHolds,
  creditNotes,
  customers,
  fxRates,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../audit/verify-audit.ts";
import { checkCredit } from "./check-credit.ts";
import { setCreditLimit } from "./set-credit-limit.ts";

let t: TestDatabase;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function customer(code: string): Promise<number> {
  const [row] = await t.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司` })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("credit check", () => {
  it("blocks a customer without a limit and records the decision", async () => {
    await customer("NOLIM");
    const r = await checkCredit({
      handle: t,
      input: { customer: "NOLIM", amountMinor: 1_000, currency: "CNY", orderReference: "SO-N1" },
    });
    expect(r.outcome).toBe("blocked");
    expect(r.reasons.map((x) => x.code)).toContain("NO_LIMIT");
    const rows = await t.db.select().from(creditChecks).where(eq(creditChecks.orderReference, "SO-N1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.blockStatus).toBe("open");
  });

  it("counts receivables net of partial payments and credit notes, orders and FX in the limit currency", async () => {
    const id = await customer("EXPO");
    await setCreditLimit({
      handle: t,
      input: { customer: "EXPO", currency: "CNY", amountMinor: 10_000_00, validFrom: daysAgo(10) },
      actorId: "admin",
    });
    await t.db
      .insert(fxRates)
      .values({ rateDate: daysAgo(3), fromCurrency: "USD", toCurrency: "CNY", rate: "7.2" });
    const [inv] = await t.db
      .insert(invoices)
      .values([
        {
          invoiceNumber: "E-1",
          customerId: id,
          issuedOn: daysAgo(5),
          dueOn: today,
          currency: "CNY",
          amountMinor: 3_000_00,
        },
        {
          invoiceNumber: "E-2",
          customerId: id,
          issuedOn: daysAgo(5),
          dueOn: today,
          currency: "USD",
          amountMinor: 100_00,
        },
      ])
      .returning();
    const [pay] = await t.db
      .insert(payments)
      .values({
        reference: "P-E1",
        customerId: id,
        receivedOn: daysAgo(1),
        currency: "CNY",
        amountMinor: 1_000_00,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: pay!.id, invoiceId: inv!.id, amountMinor: 1_000_00 });
    await t.db.insert(creditNotes).values({
      noteNumber: "CN-E1",
      customerId: id,
      invoiceId: inv!.id,
      issuedOn: daysAgo(1),
      currency: "CNY",
      amountMinor: 500_00,
    });
    await t.db.insert(salesOrders).values({
      orderNumber: "SO-E-OPEN",
      customerId: id,
      orderedOn: daysAgo(2),
      currency: "CNY",
      orderedMinor: 2_000_00,
      deliveredMinor: 800_00,
      invoicedMinor: 300_00,
      status: "partially_delivered",
    });
    const r = await checkCredit({
      handle: t,
      input: { customer: "EXPO", amountMinor: 10_00, currency: "USD", orderReference: "SO-E1" },
    });
    // receivables: 3,000 − 1,000 − 500 = 1,500 CNY + 100 USD × 7.2 = 720 CNY → 2,220.00
    expect(r.exposure?.openReceivablesMinor).toBe(2_220_00);
    expect(r.exposure?.undeliveredOrdersMinor).toBe(1_200_00);
    expect(r.exposure?.deliveredNotInvoicedMinor).toBe(500_00);
    expect(r.exposureMinor).toBe(3_920_00);
    expect(r.amountInLimitCurrencyMinor).toBe(72_00);
    expect(r.outcome).toBe("approved");
    expect(r.reservation).toMatchObject({ status: "active", reservedMinor: 72_00 });
    // The reservation now counts for the next order.
    const next = await checkCredit({
      handle: t,
      input: { customer: "EXPO", amountMinor: 6_009_00, currency: "CNY", orderReference: "SO-E2" },
    });
    expect(next.exposure?.reservationsMinor).toBe(72_00);
    expect(next.availableMinor).toBe(10_000_00 - 3_920_00 - 72_00);
    expect(next.outcome).toBe("blocked");
    expect(next.reasons.map((x) => x.code)).toContain("LIMIT_EXCEEDED");
  });

  it("is idempotent per order reference and re-checks only an increase", async () => {
    await customer("IDEM");
    await setCreditLimit({
      handle: t,
      input: { customer: "IDEM", currency: "CNY", amountMinor: 1_000_00, validFrom: daysAgo(1) },
      actorId: "admin",
    });
    const input = { customer: "IDEM", amountMinor: 600_00, currency: "CNY", orderReference: "SO-I1" };
    const first = await checkCredit({ handle: t, input });
    const again = await checkCredit({ handle: t, input });
    expect(again).toMatchObject({ id: first.id, idempotent: true, outcome: "approved" });
    const raised = await checkCredit({ handle: t, input: { ...input, amountMinor: 900_00 } });
    expect(raised).toMatchObject({ idempotent: false, amountMinor: 300_00, outcome: "approved" });
    expect(raised.exposure?.reservationsMinor).toBe(600_00);
    const tooMuch = await checkCredit({ handle: t, input: { ...input, amountMinor: 1_100_00 } });
    expect(tooMuch).toMatchObject({ amountMinor: 200_00, outcome: "blocked" });
  });

  it("blocks a customer that monitoring put on credit hold, and approves again once released", async () => {
    const id = await customer("HOLD");
    await setCreditLimit({
      handle: t,
      input: { customer: "HOLD", currency: "CNY", amountMinor: 1_000_00, validFrom: daysAgo(1) },
      actorId: "admin",
    });
    const [hold] = await t.db
      .insert(creditHolds)
      .values({ customerId: id, reason: "critical alert", placedBy: "monitoring" })
      .returning();
    const blocked = await checkCredit({
      handle: t,
      input: { customer: "HOLD", amountMinor: 10_00, currency: "CNY", orderReference: "SO-H1" },
    });
    expect(blocked.outcome).toBe("blocked");
    expect(blocked.creditStatus).toBe("hold");
    await t.db
      .update(creditHolds)
      .set({ releasedAt: new Date(), releasedBy: "manager" })
      .where(eq(creditHolds.id, hold!.id));
    const approved = await checkCredit({
      handle: t,
      input: { customer: "HOLD", amountMinor: 10_00, currency: "CNY", orderReference: "SO-H2" },
    });
    expect(approved.outcome).toBe("approved");
  });

  it("lets reservations expire after the segment's lifetime", async () => {
    await customer("EXPIRE");
    await setCreditLimit({
      handle: t,
      input: { customer: "EXPIRE", currency: "CNY", amountMinor: 1_000_00, validFrom: daysAgo(1) },
      actorId: "admin",
    });
    const now = new Date();
    const first = await checkCredit({
      handle: t,
      input: { customer: "EXPIRE", amountMinor: 800_00, currency: "CNY", orderReference: "SO-X1" },
      now,
    });
    expect(first.outcome).toBe("approved");
    const input = { customer: "EXPIRE", amountMinor: 800_00, currency: "CNY", orderReference: "SO-X2" };
    const blocked = await checkCredit({ handle: t, input: { ...input, orderReference: "SO-X2a" }, now });
    expect(blocked.outcome).toBe("blocked");
    // Default lifetime 7 days: one minute after, the first reservation no longer counts.
    const later = new Date(now.getTime() + 7 * 86_400_000 + 60_000);
    const after = await checkCredit({ handle: t, input, now: later });
    expect(after.exposure?.reservationsMinor).toBe(0);
    expect(after.outcome).toBe("approved");
  });

  it("decides concurrent checks of one order once, then only the increase, with a whole audit chain", async () => {
    await customer("BATCH");
    await setCreditLimit({
      handle: t,
      input: { customer: "BATCH", currency: "CNY", amountMinor: 1_000_00, validFrom: daysAgo(1) },
      actorId: "admin",
    });
    const input = { customer: "BATCH", amountMinor: 400_00, currency: "CNY", orderReference: "SO-B1" };
    const audit = { actor: "sales" };
    // Started together, identical checks queue on the account and are decided in one batch or two:
    // either way exactly one of them is a new decision and the other repeats it.
    const firstPair = await Promise.all([1, 2].map(() => checkCredit({ handle: t, input, audit })));
    const fresh = firstPair.filter((r) => !r.idempotent);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ outcome: "approved", amountMinor: 400_00 });
    expect(new Set(firstPair.map((r) => r.id)).size).toBe(1);
    const raised = { ...input, amountMinor: 700_00 };
    const secondPair = await Promise.all([1, 2].map(() => checkCredit({ handle: t, input: raised, audit })));
    const increase = secondPair.filter((r) => !r.idempotent);
    expect(increase).toHaveLength(1);
    expect(increase[0]).toMatchObject({ outcome: "approved", amountMinor: 300_00 });
    expect(increase[0]?.exposure?.reservationsMinor).toBe(400_00);
    expect(new Set(secondPair.map((r) => r.id)).size).toBe(1);
    const rows = await t.db.select().from(creditChecks).where(eq(creditChecks.orderReference, "SO-B1"));
    expect(rows.map((r) => r.amountMinor).sort()).toEqual([300_00, 400_00]);
    expect((await verifyAudit({ handle: t })).ok).toBe(true);
  });

  it("never approves more than the limit under concurrent checks", async () => {
    await customer("HOT");
    await setCreditLimit({
      handle: t,
      input: { customer: "HOT", currency: "CNY", amountMinor: 1_000_00, validFrom: daysAgo(1) },
      actorId: "admin",
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        checkCredit({
          handle: t,
          input: { customer: "HOT", amountMinor: 70_00, currency: "CNY", orderReference: `SO-H${i}` },
        }),
      ),
    );
    const approved = results.filter((r) => r.outcome === "approved");
    expect(approved).toHaveLength(14);
    expect(approved.reduce((a, r) => a + r.amountMinor, 0)).toBeLessThanOrEqual(1_000_00);
  });
});
