import { creditAccounts, creditChecks, invoices, salesOrders } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerWithLimit } from "../testing/customer-with-limit.ts";
import { checkCredit } from "./check-credit.ts";
import { expireReservations, releaseReservation } from "./release-reservation.ts";

let t: TestDatabase;
const today = new Date().toISOString().slice(0, 10);
const ORDER = 50_000_00;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** The account's stored totals beside a recount of its active reservation rows. */
async function totals(customerId: number): Promise<{ stored: number; counted: number }> {
  const [account] = await t.db.select().from(creditAccounts).where(eq(creditAccounts.customerId, customerId));
  const stored = Number((account?.reservedByCurrency as Record<string, number> | undefined)?.CNY ?? 0);
  const [row] = await t.db
    .select({ counted: sql<number>`coalesce(sum(${creditChecks.reservedMinor}), 0)::int8` })
    .from(creditChecks)
    .where(and(eq(creditChecks.customerId, customerId), eq(creditChecks.reservationStatus, "active")));
  return { stored, counted: row?.counted ?? 0 };
}

/** The order goes out as an invoice: invoice posted and order marked invoiced in one transaction. */
async function convertToInvoice(customerId: number, orderNumber: string): Promise<void> {
  await t.transaction(async (tx) => {
    await tx.db.insert(invoices).values({
      invoiceNumber: `INV-${orderNumber}`,
      customerId,
      issuedOn: today,
      dueOn: today,
      currency: "CNY",
      amountMinor: ORDER,
    });
    await tx.db
      .update(salesOrders)
      .set({ status: "invoiced", invoicedMinor: ORDER, deliveredMinor: ORDER })
      .where(and(eq(salesOrders.customerId, customerId), eq(salesOrders.orderNumber, orderNumber)));
  });
}

async function cancelOrder(customerId: number, orderNumber: string): Promise<void> {
  await t.db
    .update(salesOrders)
    .set({ status: "cancelled" })
    .where(and(eq(salesOrders.customerId, customerId), eq(salesOrders.orderNumber, orderNumber)));
}

describe("reservation totals on the credit account", () => {
  it("never approves beyond the limit while orders are converted to invoices and cancelled concurrently", async () => {
    const id = await customerWithLimit(t, "CONV", 1_000_000_00);
    // 10 orders of 50,000.00 approved and reserved (500,000.00), entered as open orders.
    for (let i = 1; i <= 10; i++) {
      const r = await checkCredit({
        handle: t,
        input: { customer: "CONV", amountMinor: ORDER, currency: "CNY", orderReference: `SO-C${i}` },
      });
      expect(r.reasons).toEqual([]);
      await t.db.insert(salesOrders).values({
        orderNumber: `SO-C${i}`,
        customerId: id,
        orderedOn: today,
        currency: "CNY",
        orderedMinor: ORDER,
        status: "open",
      });
    }
    // Concurrently: 6 orders invoiced (their reservations released by the order's status, the
    // invoices count instead), 4 cancelled (2 by the order's status, 2 through the API and then the order's status), and 30 new
    // orders checked.
    const work: Array<Promise<unknown>> = [];
    const checks: Array<Promise<{ outcome: string }>> = [];
    for (let i = 0; i < 30; i++) {
      if (i < 6) {
        work.push(convertToInvoice(id, `SO-C${i + 1}`));
      } else if (i < 8) {
        work.push(cancelOrder(id, `SO-C${i + 1}`));
      } else if (i < 10) {
        // Released through the API first, the order row cancelled afterwards.
        work.push(
          releaseReservation({
            handle: t,
            customer: "CONV",
            orderReference: `SO-C${i + 1}`,
            reason: "cancelled",
          }).then(() => cancelOrder(id, `SO-C${i + 1}`)),
        );
      }
      checks.push(
        checkCredit({
          handle: t,
          input: { customer: "CONV", amountMinor: ORDER, currency: "CNY", orderReference: `SO-N${i}` },
        }),
      );
    }
    await Promise.all(work);
    const results = await Promise.all(checks);
    const approved = results.filter((r) => r.outcome === "approved").length;
    // Exposure at the end: 6 invoices + the 4 cancelled orders' reservations are gone + new ones.
    const { stored, counted } = await totals(id);
    expect(stored).toBe(counted);
    expect(counted).toBe(approved * ORDER);
    expect(6 * ORDER + counted).toBeLessThanOrEqual(1_000_000_00);
    // The conversions freed nothing (the invoice replaces the reservation), so at least the
    // 10 orders the limit had room for before were approved, at most those plus the cancellations.
    expect(approved).toBeGreaterThanOrEqual(10);
    expect(approved).toBeLessThanOrEqual(14);
    // Settled: one more check sees exactly the room left (none once full).
    const next = await checkCredit({
      handle: t,
      input: { customer: "CONV", amountMinor: ORDER, currency: "CNY", orderReference: "SO-LAST" },
    });
    const room = 1_000_000_00 - 6 * ORDER - counted;
    expect(next.outcome).toBe(room >= ORDER ? "approved" : "blocked");
    expect(next.exposureMinor).toBe(6 * ORDER + counted);
  });

  it("takes expired and released reservations off the totals, and the next check counts what is left", async () => {
    const id = await customerWithLimit(t, "EXPT", 200_000_00);
    const now = new Date();
    const first = await checkCredit({
      handle: t,
      input: { customer: "EXPT", amountMinor: ORDER, currency: "CNY", orderReference: "SO-T1" },
      now,
    });
    await checkCredit({
      handle: t,
      input: { customer: "EXPT", amountMinor: ORDER, currency: "CNY", orderReference: "SO-T2" },
      now: new Date(now.getTime() + 60_000),
    });
    expect(await totals(id)).toEqual({ stored: 2 * ORDER, counted: 2 * ORDER });
    await releaseReservation({ handle: t, customer: "EXPT", orderReference: "SO-T2", reason: "cancelled" });
    expect(await totals(id)).toEqual({ stored: ORDER, counted: ORDER });
    // The housekeeping job marks SO-T1 expired at its expiry: off the totals as well.
    const expiry = new Date(first.reservation?.expiresAt ?? 0);
    // (Other tests' reservations of this database expire by then too.)
    expect(await expireReservations({ handle: t, now: expiry })).toBeGreaterThanOrEqual(1);
    expect(await totals(id)).toEqual({ stored: 0, counted: 0 });
    const after = await checkCredit({
      handle: t,
      input: { customer: "EXPT", amountMinor: 4 * ORDER, currency: "CNY", orderReference: "SO-T3" },
      now: new Date(expiry.getTime() + 1),
    });
    expect(after.outcome).toBe("approved");
    expect(after.exposure?.reservationsMinor).toBe(0);
  });

  it("sweeps due reservations under the lock when no job has expired them", async () => {
    const id = await customerWithLimit(t, "SWEEP", 100_000_00);
    const now = new Date();
    const first = await checkCredit({
      handle: t,
      input: { customer: "SWEEP", amountMinor: 2 * ORDER, currency: "CNY", orderReference: "SO-W1" },
      now,
    });
    expect(first.outcome).toBe("approved");
    const later = new Date(new Date(first.reservation?.expiresAt ?? 0).getTime() + 1);
    const second = await checkCredit({
      handle: t,
      input: { customer: "SWEEP", amountMinor: 2 * ORDER, currency: "CNY", orderReference: "SO-W2" },
      now: later,
    });
    expect(second.outcome).toBe("approved");
    const rows = await t.db.select().from(creditChecks).where(eq(creditChecks.orderReference, "SO-W1"));
    expect(rows[0]?.reservationStatus).toBe("expired");
    expect(await totals(id)).toEqual({ stored: 2 * ORDER, counted: 2 * ORDER });
  });
});
