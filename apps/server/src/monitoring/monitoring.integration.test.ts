import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { customers } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { writeDemoPortfolio } from "@creditdesk/lib/demo";
import { isOnCreditHold, placeCreditHold } from "@creditdesk/lib/monitoring";
import { signWebhook } from "@creditdesk/lib/notifications";
import { eq, ne } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

const AS_OF = "2025-06-30";
let t: TestDatabase;
let s: TestServer;
let smtp: SMTPServer;
let hooks: Server;
let hookUrl = "";
const mails: { to: string[]; raw: string }[] = [];
const hookCalls: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
/** The customer the sales user owns (one with alerts) and one they do not own (also with alerts). */
let own: { id: number; code: string };
let other: { id: number; code: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await writeDemoPortfolio({ handle: t, options: { seed: 42, customers: 16, years: 3, asOf: AS_OF } });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  hooks = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      hookCalls.push({ headers: req.headers, body });
      res.statusCode = 202;
      res.end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/creditdesk`;
  s = await startTestServer(t);
  // Channel tests read SMTP_URL per call (as the running server does).
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.SMTP_FROM = "creditdesk@example.com";

  const run = await s.request("POST", "/monitoring/runs", { asOf: AS_OF });
  expect(run.status).toBe(201);
  const alerted = (await s.request("GET", "/alerts?limit=500")).body.items as {
    customer: { id: number; code: string };
  }[];
  const byCustomer = [...new Map(alerted.map((a) => [a.customer.id, a.customer])).values()];
  expect(byCustomer.length).toBeGreaterThanOrEqual(2);
  [own, other] = byCustomer as [typeof own, typeof other];
  // The sales user (test-sales) owns `own` only; everyone else belongs to another salesperson.
  await t.db.update(customers).set({ salesOwner: "wang.fang" }).where(ne(customers.id, own.id));
  await t.db.update(customers).set({ salesOwner: "test-sales" }).where(eq(customers.id, own.id));
}, 180_000);

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await s?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hooks.close(() => r()));
  await t?.close();
});

describe("alert permissions", () => {
  it("lets roles with alerts:write act on alerts and refuses roles with only alerts:read", async () => {
    const [first] = (await s.request("GET", `/alerts?customer=${other.code}&state=open`)).body.items;
    const viewer = await s.as("viewer");
    expect((await viewer.request("GET", `/alerts/${first.id}`)).status).toBe(200);
    const refused = await viewer.request("POST", `/alerts/${first.id}/acknowledge`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("alerts:write");
    const finance = await s.as("finance_ar");
    const ack = await finance.request("POST", `/alerts/${first.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: "acknowledged", acknowledgedBy: "test-finance-ar" });
  });

  it("keeps rules, runs and channels to monitoring:configure", async () => {
    const analyst = await s.as("credit_analyst");
    expect((await analyst.request("GET", "/monitoring/rules")).status).toBe(200);
    expect((await analyst.request("POST", "/monitoring/runs", { asOf: AS_OF })).status).toBe(403);
    expect((await analyst.request("GET", "/notification-channels")).status).toBe(403);
    const rule = (await analyst.request("GET", "/monitoring/rules")).body[0];
    expect((await analyst.request("POST", "/monitoring/rules", rule.rule)).status).toBe(403);
    const manager = await s.as("credit_manager");
    const saved = await manager.request("POST", "/monitoring/rules", rule.rule);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      code: rule.code,
      version: rule.version + 1,
      createdBy: "test-credit-manager",
    });
    const runs = await analyst.request("GET", "/monitoring/runs");
    expect(runs.status).toBe(200);
    expect(runs.body.items[0]).toMatchObject({ asOf: AS_OF, trigger: "api", status: "finished" });
  });

  it("assigns only to an active user, who finds the alert in their inbox", async () => {
    const [a] = (await s.request("GET", `/alerts?customer=${other.code}`)).body.items;
    const manager = await s.as("credit_manager");
    const analyst = await s.as("credit_analyst");
    const unknown = await manager.request("POST", `/alerts/${a.id}/assign`, { assignee: "nobody.here" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: "assignee", message: "no active user 'nobody.here'" }]);
    const assigned = await manager.request("POST", `/alerts/${a.id}/assign`, { assignee: analyst.login });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe("test-credit-analyst");
    const inbox = await analyst.request("GET", "/inbox?unread=true");
    const entry = inbox.body.items.find((i: { recipient: string | null }) => i.recipient === analyst.login);
    expect(entry).toMatchObject({ alertId: a.id, link: `/alerts/${a.id}` });
    // Someone else cannot mark it read; its addressee can.
    const finance = await s.as("finance_ar");
    expect((await finance.request("POST", `/inbox/${entry.id}/read`, {})).status).toBe(404);
    expect((await analyst.request("POST", `/inbox/${entry.id}/read`, {})).status).toBe(204);
    // A department inbox that is not the caller's is refused.
    expect((await analyst.request("GET", "/inbox?department=finance")).status).toBe(403);
  });
});

describe("sales data scope on alerts, holds and the inbox", () => {
  it("shows a sales user only their own customers' alerts, full pages included", async () => {
    const sales = await s.as("sales");
    const mine = (await sales.request("GET", "/alerts?limit=500")).body.items as {
      customer: { code: string };
    }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.customer.code))).toEqual(new Set([own.code]));
    // A page of one is still one of theirs (filtered in SQL, not after paging).
    const page = await sales.request("GET", "/alerts?limit=1");
    expect(page.body.items.map((a: { customer: { code: string } }) => a.customer.code)).toEqual([own.code]);
    const [foreign] = (await s.request("GET", `/alerts?customer=${other.code}`)).body.items;
    expect((await sales.request("GET", `/alerts/${foreign.id}`)).status).toBe(404);
    expect((await sales.request("GET", `/alerts?customer=${other.code}`)).body.items).toEqual([]);
  });

  it("refuses a sales user's writes on alerts (the shipped table gives sales alerts:read only)", async () => {
    const sales = await s.as("sales");
    const [mine] = (await sales.request("GET", "/alerts")).body.items;
    expect((await sales.request("POST", `/alerts/${mine.id}/comments`, { body: "called them" })).status).toBe(
      403,
    );
  });

  it("scopes credit holds and sales department inbox entries", async () => {
    await placeCreditHold(t.db, { customerId: own.id, reason: "test hold (own)", placedBy: "test" });
    await placeCreditHold(t.db, { customerId: other.id, reason: "test hold (other)", placedBy: "test" });
    const sales = await s.as("sales");
    const holds = (await sales.request("GET", "/credit-holds")).body.items as {
      customer: { code: string };
    }[];
    expect(holds.length).toBeGreaterThan(0);
    expect(new Set(holds.map((h) => h.customer.code))).toEqual(new Set([own.code]));
    const inbox = (await sales.request("GET", "/inbox?limit=500")).body.items as { alertId: number | null }[];
    const all = (await s.request("GET", "/alerts?limit=500")).body.items as {
      id: number;
      customer: { id: number };
    }[];
    const customerOf = new Map(all.map((a) => [a.id, a.customer.id]));
    for (const entry of inbox) {
      if (entry.alertId !== null) {
        expect(customerOf.get(entry.alertId)).toBe(own.id);
      }
    }
  });
});

describe("credit holds", () => {
  it("are released with a reason by those who approve limits, once", async () => {
    const [hold] = (await s.request("GET", `/credit-holds?customer=${other.code}`)).body.items;
    expect(hold).toBeDefined();
    const analyst = await s.as("credit_analyst");
    expect(
      (await analyst.request("POST", `/credit-holds/${hold.id}/release`, { reason: "paid" })).status,
    ).toBe(403);
    const manager = await s.as("credit_manager");
    const noReason = await manager.request("POST", `/credit-holds/${hold.id}/release`, {});
    expect(noReason.status).toBe(400);
    const released = await manager.request("POST", `/credit-holds/${hold.id}/release`, {
      reason: "overdue invoices paid on 2025-07-02",
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      releasedBy: "test-credit-manager",
      releaseReason: "overdue invoices paid on 2025-07-02",
    });
    expect(
      (await s.request("GET", `/credit-holds?customer=${other.code}`)).body.items.map(
        (h: { id: number }) => h.id,
      ),
    ).not.toContain(hold.id);
    const again = await manager.request("POST", `/credit-holds/${hold.id}/release`, { reason: "again" });
    expect(again.status).toBe(409);
    // Monitoring may have placed a hold of its own (a critical alert): lifting every one frees credit.
    for (const h of (await s.request("GET", `/credit-holds?customer=${other.code}`)).body.items) {
      expect(
        (await manager.request("POST", `/credit-holds/${h.id}/release`, { reason: "reviewed" })).status,
      ).toBe(200);
    }
    expect(await isOnCreditHold(t.db, other.id)).toBe(false);
    expect(await isOnCreditHold(t.db, own.id)).toBe(true);
    const audit = await s.request("GET", "/audit?limit=5");
    expect(JSON.stringify(audit.body)).toContain("/credit-holds/:id/release");
  });
});

describe("notification channels over HTTP", () => {
  it("creates, lists, changes, tests and disables channels, with their delivery log", async () => {
    const manager = await s.as("credit_manager");
    const email = await manager.request("POST", "/notification-channels", {
      kind: "email",
      name: "credit desk",
      recipients: ["credit@example.com", "risk@example.com"],
      department: "credit",
      severities: { warning: "immediate" },
    });
    expect(email.status).toBe(201);
    expect(email.body).toMatchObject({
      severities: { info: "off", warning: "immediate", critical: "immediate" },
      createdBy: "test-credit-manager",
    });
    const hook = await manager.request("POST", "/notification-channels", { kind: "webhook", url: hookUrl });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toMatch(/^[0-9a-f]{64}$/);

    const bad = await manager.request("POST", "/notification-channels", {
      kind: "email",
      recipients: ["not-an-address"],
      severities: { info: "sometimes" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "recipients.0",
      "severities.info",
    ]);

    const list = await manager.request("GET", "/notification-channels");
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([email.body.id, hook.body.id]);
    expect(JSON.stringify(list.body)).not.toContain(hook.body.secret);

    const changed = await manager.request("PATCH", `/notification-channels/${email.body.id}`, {
      recipients: ["credit@example.com"],
      severities: { info: "digest" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      recipients: ["credit@example.com"],
      severities: { info: "digest" },
    });
    const wrongKind = await manager.request("PATCH", `/notification-channels/${email.body.id}`, {
      url: hookUrl,
    });
    expect(wrongKind.status).toBe(400);

    const mailTest = await manager.request("POST", `/notification-channels/${email.body.id}/test`, {});
    expect(mailTest.status).toBe(200);
    expect(mailTest.body).toMatchObject({ status: "sent", alertId: null });
    expect(mails.at(-1)!.to).toEqual(["credit@example.com"]);
    const hookTest = await manager.request("POST", `/notification-channels/${hook.body.id}/test`, {});
    expect(hookTest.body).toMatchObject({ status: "sent", lastStatusCode: 202 });
    const call = hookCalls.at(-1)!;
    expect(call.headers["x-creditdesk-signature"]).toBe(
      signWebhook(hook.body.secret, String(call.headers["x-creditdesk-timestamp"]), call.body),
    );

    const disabled = await manager.request("POST", `/notification-channels/${hook.body.id}/disable`, {});
    expect(disabled.body.enabled).toBe(false);
    const log = await manager.request("GET", `/notification-channels/${hook.body.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((d: { id: number; status: string }) => [d.id, d.status])).toEqual([
      [hookTest.body.id, "sent"],
    ]);
    expect((await manager.request("GET", "/notification-channels/999999/deliveries")).status).toBe(404);
  });
});
