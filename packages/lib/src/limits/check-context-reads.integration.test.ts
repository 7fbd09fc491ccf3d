import { queryRows } from "@creditdesk/db";
import { loadCheckContext } from "@creditdesk/db/limits";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerWithLimit } from "../testing/customer-with-limit.ts";

// The credit check's context read runs once per batch on the hot path: what it reads of
// credit_checks must not grow with the customer's history (a semi join against the batch's
// references once read every check of the customer, and the check slowed down with every check
// recorded). Measured in rows, not time: pg_stat_xact_user_tables counts what this transaction's
// statements read, on PostgreSQL and on PGlite.
let t: TestDatabase;
const HISTORY = 3_000;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("the credit check's context read", () => {
  it("reads the earlier checks of the batch's orders without reading the customer's whole history", async () => {
    const customerId = await customerWithLimit(t, "HIST", 1_000_000_00);
    await t.db.execute(sql`
      insert into credit_checks (customer_id, account_id, segment, order_reference, amount_minor, currency,
        order_total_minor, outcome, reasons, decision, reserved_minor, reservation_status, checked_at)
      select ${customerId}, a.id, 'default', 'H-' || g, 100, 'CNY', 100,
        case when g % 2 = 0 then 'approved' else 'blocked' end, '[]'::jsonb, '{}'::jsonb, 0, 'none',
        now() - make_interval(mins => g)
      from credit_accounts a cross join generate_series(1, ${HISTORY}::int4) g
      where a.customer_id = ${customerId}`);
    await t.db.execute(sql`analyze credit_checks`);
    const now = new Date();
    const { rows, read } = await t.transaction(async (tx) => {
      const context = await loadCheckContext(tx.db, {
        customer: "HIST",
        segment: "default",
        asOf: now.toISOString().slice(0, 10),
        now,
        currency: "CNY",
        orderReferences: ["H-10", "H-11", "SO-NEW"],
        allocateIds: 3,
      });
      const [stats] = await queryRows<{ read: number }>(
        tx.db,
        sql`select (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int8 as read
          from pg_stat_xact_user_tables where relname = 'credit_checks'`,
      );
      return { rows: context, read: Number(stats?.read ?? 0) };
    });
    const byReference = rows[0]?.checkedByReference ?? {};
    expect(Object.keys(byReference).sort()).toEqual(["H-10", "H-11"]);
    expect(byReference["H-10"]?.[0]).toBe(100);
    expect(byReference["H-10"]?.[2]).toBe("approved");
    expect(byReference["H-11"]?.[2]).toBe("blocked");
    // The two earlier checks (2 on both databases when written), never a share of the 3,000 in
    // the history (the semi join read all 3,000).
    expect(read).toBeLessThanOrEqual(10);
  });
});
