import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { customers, queryRows } from "@creditdesk/db";
import { alerts } from "@creditdesk/db/monitoring";
import { notificationDeliveries } from "@creditdesk/db/notifications";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addNotificationChannel } from "./channels.ts";
import { dispatchNotifications } from "./dispatch-notifications.ts";
import { enqueueAlertNotifications } from "./enqueue-alert-notifications.ts";
import { listInbox } from "./inbox.ts";
import { signWebhook } from "./send-webhook.ts";

let t: TestDatabase;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { from: string; to: string[]; raw: string }[] = [];
let hooks: Server;
let hookUrl = "";
const hookCalls: { status: number; headers: Record<string, string | string[] | undefined>; body: string }[] =
  [];
const SECRET = "a-very-secret-webhook-key";

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  // Fails twice with 500, then accepts.
  hooks = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      const status = hookCalls.length < 2 ? 500 : 204;
      hookCalls.push({ status, headers: req.headers, body });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hooks.close(() => r()));
  await t.close();
});

async function raise(severity: "critical" | "warning", department: "finance" | "credit") {
  const [c] = await t.db
    .insert(customers)
    .values({ code: `N-${severity}-${department}`, legalName: "南京万家福商贸有限公司" })
    .returning();
  const [a] = await t.db
    .insert(alerts)
    .values({
      customerId: c!.id,
      ruleCode: "overdue_days_critical",
      ruleVersion: 1,
      severity,
      department,
      title: "An invoice more than 90 days past due",
      measuredValue: 120,
      threshold: 90,
      lastValue: 120,
      recommendedAction: "reduce_limit",
      asOf: "2025-06-30",
      assignee: "li.wei",
    })
    .returning();
  await enqueueAlertNotifications(t.db, [a!]);
  return a!;
}

describe("notifications", () => {
  it("sends a critical alert by e-mail at once through the SMTP server", async () => {
    await addNotificationChannel({
      handle: t,
      input: { kind: "email", target: "credit@example.com", department: "credit" },
    });
    const a = await raise("critical", "credit");
    const sent = await dispatchNotifications({
      handle: t,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, smtpFrom: "creditdesk@example.com" },
      mode: "immediate",
    });
    expect(sent).toEqual({ sent: 1, failed: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["credit@example.com"]);
    expect(mails[0]!.from).toBe("creditdesk@example.com");
    const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mails[0]!.raw)?.[1] ?? "";
    expect(decodeRfc2047(subject)).toBe(
      "[CreditDesk critical] N-critical-credit 南京万家福商贸有限公司: An invoice more than 90 days past due",
    );
    const inbox = await listInbox({ handle: t, departments: ["credit"] });
    expect(inbox.items.map((i) => i.alertId)).toEqual([a.id]);
    expect((await listInbox({ handle: t, user: "li.wei" })).items).toHaveLength(1);
    expect((await listInbox({ handle: t, departments: ["sales"] })).items).toHaveLength(0);
  });

  it("queues a warning for the digest instead of sending it at once", async () => {
    await raise("warning", "credit");
    const immediate = await dispatchNotifications({
      handle: t,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}` },
      mode: "immediate",
    });
    expect(immediate.sent).toBe(0);
    const digest = await dispatchNotifications({
      handle: t,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}` },
      mode: "digest",
    });
    expect(digest.sent).toBe(1);
    expect(mails.at(-1)!.raw).toMatch(/daily alert digest: 1 alerts/);
  });

  it("signs webhooks, retries after two 500s, and logs the delivery", async () => {
    await addNotificationChannel({
      handle: t,
      input: { kind: "webhook", target: hookUrl, department: "finance", secret: SECRET, digest: false },
    });
    const a = await raise("warning", "finance");
    const r = await dispatchNotifications({
      handle: t,
      config: { webhookBaseDelayMs: 20 },
      mode: "immediate",
    });
    expect(r).toEqual({ sent: 1, failed: 0 });
    expect(hookCalls.map((c) => c.status)).toEqual([500, 500, 204]);
    const last = hookCalls[2]!;
    const ts = String(last.headers["x-creditdesk-timestamp"]);
    expect(last.headers["x-creditdesk-signature"]).toBe(signWebhook(SECRET, ts, last.body));
    // Verifiable independently of our helper: HMAC-SHA256 over "<ts>.<body>".
    const { createHmac } = await import("node:crypto");
    expect(last.headers["x-creditdesk-signature"]).toBe(
      `sha256=${createHmac("sha256", SECRET).update(`${ts}.${last.body}`).digest("hex")}`,
    );
    expect(JSON.parse(last.body).alerts[0].alertId).toBe(a.id);
    const [log] = await queryRows<{ status: string; attempts: number; last_status_code: number }>(
      t.db,
      sql`select status, attempts, last_status_code from ${notificationDeliveries} where alert_id = ${a.id}`,
    );
    expect(log).toEqual({ status: "sent", attempts: 3, last_status_code: 204 });
  });
});

/** Decodes RFC 2047 Q-encoded words (what nodemailer writes for a non-ASCII subject). */
function decodeRfc2047(header: string): string {
  const words = [...header.matchAll(/=\?UTF-8\?Q\?([^?]*)\?=/gi)].map((m) => m[1]!);
  if (words.length === 0) {
    return header;
  }
  const bytes: number[] = [];
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      if (w[i] === "=") {
        bytes.push(Number.parseInt(w.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push((w[i] === "_" ? " " : w[i]!).charCodeAt(0));
      }
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
