import { customers, type DatabaseHandle } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { appendAudit, appendAuditNow, verifyAudit } from "@creditdesk/lib/audit";
import { createUser } from "@creditdesk/lib/identity";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe("audit trail", () => {
  it("records customer create and update with before/after, and generic entries for other writes", async () => {
    await server.request("POST", "/customers", { code: "AUD-1", legalName: "审计一" });
    await server.request("PATCH", "/customers/AUD-1", { industry: "machinery" });
    await server.request("POST", "/fx-rates", {
      rateDate: "2025-01-02",
      fromCurrency: "USD",
      toCurrency: "CNY",
      rate: "7.1",
    });
    const list = await server.request("GET", "/audit?entity=customer&entityId=AUD-1");
    expect(list.body.items.map((e: { action: string }) => e.action)).toEqual([
      "customer.update",
      "customer.create",
    ]);
    const update = list.body.items[0];
    expect(update.actor).toBe(server.login);
    expect(update.before.industry).toBeNull();
    expect(update.after.industry).toBe("machinery");
    const fx = await server.request("GET", "/audit?action=api.post&entity=/fx-rates");
    expect(fx.body.items[0].after).toMatchObject({ route: "POST /fx-rates", status: 201 });
    expect(fx.body.items[0].after.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes nothing when the change fails (same transaction)", async () => {
    const before = (await server.request("GET", "/audit?limit=500")).body.items.length;
    const dup = await server.request("POST", "/customers", { code: "AUD-1", legalName: "重复" });
    expect(dup.status).toBe(409);
    expect((await server.request("GET", "/audit?limit=500")).body.items.length).toBe(before);
  });

  it("is readable only by auditors and admins", async () => {
    expect((await (await server.as("auditor")).request("GET", "/audit")).status).toBe(200);
    expect((await (await server.as("credit_manager")).request("GET", "/audit")).status).toBe(403);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit entries in the database itself", async () => {
    const before = await verifyAudit({ handle: t });
    for (const statement of [
      sql`update audit_log set reason = 'rewritten' where seq = 1`,
      sql`delete from audit_log where seq = 1`,
      sql`truncate audit_log`,
      sql`delete from audit_head`,
      sql`update audit_head set seq = 1`,
    ]) {
      // Drizzle wraps the database error: the trigger's message is the cause.
      const error = await t.db.execute(statement).then(
        () => null,
        (e: Error) => e,
      );
      expect(String((error?.cause as Error | undefined)?.message)).toMatch(
        /audit_log is append-only|audit_head (cannot be removed|moves forward)/,
      );
    }
    expect(await verifyAudit({ handle: t })).toEqual(before);
  });

  it("verifies, then names the entry changed or deleted behind the application's back", async () => {
    expect(await verifyAudit({ handle: t })).toMatchObject({ ok: true });
    expect((await server.request("GET", "/audit/verify")).body.ok).toBe(true);
    // Only a database owner who switches the append-only trigger off can forge; the chain shows it.
    await behindTheTrigger(sql`update audit_log set after = '{"forged": true}'::jsonb where seq = 3`);
    expect(await verifyAudit({ handle: t })).toMatchObject({
      ok: false,
      break: { seq: 3, kind: "hash_mismatch" },
    });
    await behindTheTrigger(sql`delete from audit_log where seq = 3`);
    expect(await verifyAudit({ handle: t })).toMatchObject({ ok: false, break: { seq: 4, kind: "gap" } });
  });

  it("detects the newest entries removed (the chain head remembers the last one)", async () => {
    const db = await createTestDatabase();
    try {
      await appendAuditNow(db, { actor: "a", action: "x.one" });
      await appendAuditNow(db, { actor: "a", action: "x.two" });
      expect(await verifyAudit({ handle: db })).toMatchObject({ ok: true, entries: 2 });
      await behindTheTrigger(sql`delete from audit_log where seq = 2`, db);
      expect(await verifyAudit({ handle: db })).toMatchObject({
        ok: false,
        break: { seq: 2, kind: "head_mismatch" },
      });
    } finally {
      await db.close();
    }
  });

  it("keeps one gapless chain under concurrent writers, and a rolled-back write leaves no entry", async () => {
    const db = await createTestDatabase();
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          db
            .transaction(async (tx) => {
              await appendAudit(tx.db, { actor: `w${i % 5}`, action: "x.concurrent", entityId: i });
              if (i % 4 === 0) {
                throw new Error("rolled back");
              }
            })
            .catch(() => undefined),
        ),
      );
      expect(await verifyAudit({ handle: db })).toEqual({
        ok: true,
        entries: 30,
        lastHash: expect.any(String),
      });
    } finally {
      await db.close();
    }
  });
});

/** Runs `statement` with the append-only trigger disabled (as the table owner could), in one transaction. */
async function behindTheTrigger(statement: SQL, handle: DatabaseHandle = t): Promise<void> {
  await handle.transaction(async (tx) => {
    await tx.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.db.execute(statement);
    await tx.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe("data scope", () => {
  it("shows a sales user only the customers of their team, 404 for others, ledger filtered the same", async () => {
    const admin = server;
    await createUser({
      handle: t,
      actor: "test",
      input: { login: "li", role: "sales", team: "east", displayName: "李雷" },
    });
    await createUser({
      handle: t,
      actor: "test",
      input: { login: "test-sales", role: "sales", team: "east" },
    });
    const mine = (
      await admin.request("POST", "/customers", { code: "SC-1", legalName: "我的", salesOwner: "test-sales" })
    ).body;
    const mate = (
      await admin.request("POST", "/customers", { code: "SC-2", legalName: "同组", salesOwner: "李雷" })
    ).body;
    const other = (
      await admin.request("POST", "/customers", { code: "SC-3", legalName: "别人", salesOwner: "wang" })
    ).body;
    for (const [i, c] of [mine, other].entries()) {
      await admin.request("POST", "/invoices", {
        invoiceNumber: `SC-INV-${i}`,
        customerId: c.id,
        issuedOn: "2025-01-01",
        dueOn: "2025-01-31",
        currency: "CNY",
        amountMinor: 100,
      });
    }
    expect(mate.salesOwner).toBe("李雷");
    const sales = await server.as("sales");
    const list = await sales.request("GET", "/customers?limit=500");
    expect(list.body.items.map((c: { code: string }) => c.code).sort()).toEqual(["SC-1", "SC-2"]);
    expect((await sales.request("GET", "/customers/SC-1")).status).toBe(200);
    expect((await sales.request("GET", "/customers/SC-3")).status).toBe(404);
    expect((await sales.request("GET", `/customers/${other.id}/contacts`)).status).toBe(404);
    const invoices = await sales.request("GET", "/invoices?limit=500");
    expect(invoices.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual(["SC-INV-0"]);
    const all = await admin.request("GET", "/customers?limit=500");
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const count = await t.db.select({ n: sql<number>`count(*)::int` }).from(customers);
    expect(count[0]?.n).toBe(all.body.items.length);
  });
});
