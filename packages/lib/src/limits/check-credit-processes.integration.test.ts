import {
  creditAccounts,
  creditChecks,
  creditHolds,
  customers,
  type DatabaseHandle,
  openDatabase,
} from "@creditdesk/db";
import {
  type CheckContextRow,
  loadCheckContext,
  type NewBatchedCreditCheck,
  recordCreditChecksIfCurrent,
} from "@creditdesk/db/limits";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../audit/verify-audit.ts";
import { customerWithLimit } from "../testing/customer-with-limit.ts";
import { checkCredit } from "./check-credit.ts";
import { setCreditLimit } from "./set-credit-limit.ts";

// The credit check decides a batch on one unlocked read and records it only if that read is still
// current under the account's lock (check-credit.ts). Batching is per process (per database handle):
// a second handle is a second process — on PostgreSQL its own connection pool, on PGlite a second
// queue over the same instance (statements of the two interleave).
let t: TestDatabase;
let other: DatabaseHandle;

beforeAll(async () => {
  t = await createTestDatabase();
  other = t.url
    ? await openDatabase({ databaseUrl: t.url, poolSize: 4 })
    : { kind: t.kind, db: t.db, transaction: (fn) => t.transaction(fn), close: async () => {} };
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe("credit checks of one customer from two processes", () => {
  it("approve exactly what the limit allows, never more, and answer every check", async () => {
    await customerWithLimit(t, "TWOPROC", 1_000_00);
    const audit = { actor: "sales" };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        checkCredit({
          handle: i % 2 === 0 ? t : other,
          input: { customer: "TWOPROC", amountMinor: 70_00, currency: "CNY", orderReference: `SO-P${i}` },
          audit,
        }),
      ),
    );
    expect(results).toHaveLength(60);
    const approved = results.filter((r) => r.outcome === "approved");
    // 14 × 70 = 980 ≤ 1,000 < 15 × 70: a stale view would approve a 15th or block a 14th.
    expect(approved).toHaveLength(14);
    const reservations = await t.db
      .select({ total: sql<number>`coalesce(sum(${creditChecks.reservedMinor}), 0)::int8` })
      .from(creditChecks)
      .where(
        and(eq(creditChecks.reservationStatus, "active"), sql`${creditChecks.orderReference} like 'SO-P%'`),
      );
    expect(reservations[0]?.total).toBe(980_00);
    const [account] = await t.db
      .select({ reserved: creditAccounts.reservedByCurrency })
      .from(creditAccounts)
      .innerJoin(customers, eq(customers.id, creditAccounts.customerId))
      .where(eq(customers.code, "TWOPROC"));
    expect(account?.reserved).toEqual({ CNY: 980_00 });
    expect((await verifyAudit({ handle: t })).ok).toBe(true);
  });

  it("decide one order once when both check it at the same moment", async () => {
    const id = await customerWithLimit(t, "TWOSAME", 1_000_00);
    for (let round = 0; round < 5; round++) {
      const input = {
        customer: "TWOSAME",
        amountMinor: 10_00,
        currency: "CNY",
        orderReference: `SO-S${round}`,
      };
      const pair = await Promise.all([t, other, t, other].map((handle) => checkCredit({ handle, input })));
      expect(pair.filter((r) => !r.idempotent)).toHaveLength(1);
      expect(new Set(pair.map((r) => r.id)).size).toBe(1);
    }
    const rows = await t.db.select().from(creditChecks).where(eq(creditChecks.customerId, id));
    expect(rows).toHaveLength(5);
  });
});

describe("recording a batch only if its read is still current", () => {
  const now = new Date();
  const asOf = now.toISOString().slice(0, 10);

  async function read(code: string, orderReference: string): Promise<CheckContextRow> {
    const rows = await loadCheckContext(t.db, {
      customer: code,
      segment: "default",
      asOf,
      now,
      currency: "CNY",
      orderReferences: [orderReference],
      allocateIds: 1,
    });
    return rows[0]!;
  }

  function decision(head: CheckContextRow, orderReference: string): NewBatchedCreditCheck {
    return {
      id: head.ids[0]!,
      customerId: head.customerId!,
      accountId: head.accountId,
      segment: "default",
      orderReference,
      amountMinor: 10_00,
      currency: "CNY",
      orderTotalMinor: 10_00,
      deliveryDate: null,
      outcome: "approved",
      reasons: [],
      decision: {},
      limitId: head.limitId,
      limitCurrency: "CNY",
      reservedMinor: 10_00,
      expiresAt: new Date(now.getTime() + 3_600_000),
      checkedBy: null,
      checkedAt: now,
      lastCheckId: head.checkedByReference?.[orderReference]?.[1] ?? null,
    };
  }

  const record = (head: CheckContextRow, orderReference: string) =>
    recordCreditChecksIfCurrent(
      t.db,
      {
        accountId: head.accountId,
        exposureSeq: head.ownExposureSeq,
        reservedByCurrency: head.ownReservedByCurrency,
        status: head.status,
        now,
      },
      [decision(head, orderReference)],
      [],
    );

  const countOf = async (orderReference: string) =>
    (await t.db.select().from(creditChecks).where(eq(creditChecks.orderReference, orderReference))).length;

  it("records a batch whose read nothing changed since", async () => {
    await customerWithLimit(t, "CUR-OK", 1_000_00);
    const head = await read("CUR-OK", "SO-C0");
    expect(head).toMatchObject({ status: "ok", horizonEnd: null, ownReservedByCurrency: {} });
    expect(await record(head, "SO-C0")).toEqual({ current: true, inserted: 1, auditSeqs: [] });
    expect(await countOf("SO-C0")).toBe(1);
  });

  it("records nothing after a limit was set, a reservation taken, a hold placed or the order checked", async () => {
    const id = await customerWithLimit(t, "CUR-X", 1_000_00);
    const stale: Array<[string, () => Promise<unknown>]> = [
      [
        "limit lowered",
        () =>
          setCreditLimit({
            handle: t,
            input: { customer: "CUR-X", currency: "CNY", amountMinor: 500_00, validFrom: yesterday },
            actorId: "admin",
          }),
      ],
      [
        "reservation taken",
        () =>
          checkCredit({
            handle: t,
            input: { customer: "CUR-X", amountMinor: 5_00, currency: "CNY", orderReference: "SO-R" },
          }),
      ],
      [
        "check blocked (no total changed)",
        () =>
          checkCredit({
            handle: t,
            input: { customer: "CUR-X", amountMinor: 9_000_00, currency: "CNY", orderReference: "SO-BIG" },
          }),
      ],
      [
        "hold placed",
        () =>
          t.db
            .insert(creditHolds)
            .values({ customerId: id, reason: "critical alert", placedBy: "monitoring" }),
      ],
    ];
    for (const [what, change] of stale) {
      const reference = `SO-X-${what}`;
      const head = await read("CUR-X", reference);
      await change();
      expect({ what, ...(await record(head, reference)) }).toEqual({
        what,
        current: false,
        inserted: 0,
        auditSeqs: [],
      });
      expect(await countOf(reference)).toBe(0);
    }
    await t.db
      .update(creditHolds)
      .set({ releasedAt: new Date(), releasedBy: "manager" })
      .where(eq(creditHolds.customerId, id));
    // The order itself checked since the read (by a process that did not touch the account's row).
    const head = await read("CUR-X", "SO-X-same");
    await t.db.insert(creditChecks).values({
      customerId: id,
      segment: "default",
      orderReference: "SO-X-same",
      amountMinor: 10_00,
      currency: "CNY",
      orderTotalMinor: 10_00,
      outcome: "blocked",
      reasons: [],
      decision: {},
      reservedMinor: 0,
      reservationStatus: "none",
      checkedAt: now,
    });
    expect(await record(head, "SO-X-same")).toMatchObject({ current: false, inserted: 0 });
    expect(await countOf("SO-X-same")).toBe(1);
  });
});
