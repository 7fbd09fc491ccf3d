import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { customers, queryRows } from "@creditdesk/db";
import { alerts } from "@creditdesk/db/monitoring";
import { notificationDeliveries } from "@creditdesk/db/notifications";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNotificationChannel,
  disableNotificationChannel,
  listNotificationChannels,
  updateNotificationChannel,
} from "./channels.ts";
import { dispatchNotifications } from "./dispatch-notifications.ts";
import { enqueueAlertNotifications } from "./enqueue-alert-notifications.ts";
import { listInbox } from "./inbox.ts";
import { listChannelDeliveries } from "./list-channel-deliveries.ts";
import { sendTestNotification } from "./send-test-notification.ts";
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

let raised = 0;
async function raise(severity: "critical" | "warning" | "info", department: "finance" | "credit" | "sales") {
  raised++;
  const [c] = await t.db
    .insert(customers)
    .values({
      code: raised === 1 ? `N-${severity}-${department}` : `N-${raised}`,
      legalName: "南京万家福商贸有限公司",
    })
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
  await enqueueAlertNotifications(t.db, { alertIds: [a!.id] });
  return a!;
}

describe("notifications", () => {
  it("sends a critical alert by e-mail at once through the SMTP server", async () => {
    await createNotificationChannel({
      handle: t,
      input: { kind: "email", recipients: ["credit@example.com"], department: "credit" },
      by: "admin",
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
    await createNotificationChannel({
      handle: t,
      input: {
        kind: "webhook",
        url: hookUrl,
        department: "finance",
        secret: SECRET,
        severities: { warning: "immediate" },
      },
      by: "admin",
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

const deliveriesOf = (alertId: number) =>
  queryRows<{ channel_id: number; mode: string }>(
    t.db,
    sql`select channel_id, mode from ${notificationDeliveries} where alert_id = ${alertId} order by channel_id`,
  );

describe("notification channels", () => {
  it("routes each severity by the channel's own mode: immediate, digest or not at all", async () => {
    const channel = await createNotificationChannel({
      handle: t,
      input: {
        kind: "email",
        name: "sales desk",
        recipients: ["sales@example.com", "head.of.sales@example.com"],
        department: "sales",
        severities: { info: "immediate", warning: "off", critical: "digest" },
      },
      by: "admin",
    });
    expect(channel).toMatchObject({
      kind: "email",
      recipients: ["sales@example.com", "head.of.sales@example.com"],
      url: null,
      severities: { info: "immediate", warning: "off", critical: "digest" },
      createdBy: "admin",
      enabled: true,
    });
    const info = await raise("info", "sales");
    const warning = await raise("warning", "sales");
    const critical = await raise("critical", "sales");
    expect(await deliveriesOf(info.id)).toEqual([{ channel_id: channel.id, mode: "immediate" }]);
    expect(await deliveriesOf(warning.id)).toEqual([]);
    expect(await deliveriesOf(critical.id)).toEqual([{ channel_id: channel.id, mode: "digest" }]);

    const before = mails.length;
    await dispatchNotifications({
      handle: t,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}` },
      mode: "immediate",
    });
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.to).toEqual(["sales@example.com", "head.of.sales@example.com"]);
  });

  it("keeps the first release's rule for channels saved without per-severity modes", async () => {
    await t.db.execute(sql`
      insert into notification_channels (kind, target, department, min_severity, digest)
      values ('email', 'legacy@example.com', 'finance', 'warning', false)`);
    const legacy = (await listNotificationChannels({ handle: t })).find(
      (c) => c.recipients?.[0] === "legacy@example.com",
    );
    expect(legacy?.severities).toEqual({ info: "off", warning: "immediate", critical: "immediate" });
    const info = await raise("info", "finance");
    const warning = await raise("warning", "finance");
    expect((await deliveriesOf(info.id)).filter((d) => d.channel_id === legacy!.id)).toEqual([]);
    expect((await deliveriesOf(warning.id)).filter((d) => d.channel_id === legacy!.id)).toEqual([
      { channel_id: legacy!.id, mode: "immediate" },
    ]);
  });

  it.each([
    [{ kind: "email", recipients: ["not-an-address"] }, "recipients.0"],
    [{ kind: "email", recipients: [] }, "recipients"],
    [{ kind: "email", recipients: ["a@example.com", "A@example.com"] }, "recipients"],
    [{ kind: "webhook", url: "ftp://example.com/hook" }, "url"],
    [{ kind: "webhook", url: hookUrlPlaceholder(), secret: "short" }, "secret"],
    [{ kind: "email", recipients: ["a@example.com"], department: "legal" }, "department"],
    [{ kind: "email", recipients: ["a@example.com"], severities: { info: "sometimes" } }, "severities.info"],
    [
      {
        kind: "email",
        recipients: ["a@example.com"],
        severities: { info: "off", warning: "off", critical: "off" },
      },
      "severities",
    ],
    [{ kind: "sms", target: "+86 10 1234 5678" }, "kind"],
  ])("rejects an invalid channel %j naming %s", async (input, path) => {
    const count = (await listNotificationChannels({ handle: t })).length;
    await expect(createNotificationChannel({ handle: t, input, by: "admin" })).rejects.toMatchObject({
      code: "VALIDATION",
      errors: expect.arrayContaining([expect.objectContaining({ path })]),
    });
    expect((await listNotificationChannels({ handle: t })).length).toBe(count);
  });

  it("generates a webhook secret shown once, rotates it, and rejects fields of the other kind", async () => {
    const created = await createNotificationChannel({
      handle: t,
      input: { kind: "webhook", url: hookUrl, department: "credit" },
      by: "admin",
    });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.secretSet).toBe(true);
    const listed = (await listNotificationChannels({ handle: t })).find((c) => c.id === created.id)!;
    expect(listed).not.toHaveProperty("secret");
    const rotated = await updateNotificationChannel({
      handle: t,
      id: created.id,
      input: { rotateSecret: true, name: "credit hook" },
      by: "manager",
    });
    expect(rotated.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated).toMatchObject({ name: "credit hook", updatedBy: "manager" });
    await expect(
      updateNotificationChannel({
        handle: t,
        id: created.id,
        input: { recipients: ["a@example.com"] },
        by: "m",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      errors: [expect.objectContaining({ path: "recipients" })],
    });
    await expect(
      updateNotificationChannel({ handle: t, id: 999_999, input: { name: "x" }, by: "m" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await disableNotificationChannel({ handle: t, id: created.id, by: "m" });
  });

  it("disabling a channel logs its pending deliveries as not sent and queues nothing new", async () => {
    const channel = await createNotificationChannel({
      handle: t,
      input: { kind: "email", recipients: ["credit.digest@example.com"], department: "credit" },
      by: "admin",
    });
    const queued = await raise("warning", "credit");
    expect((await deliveriesOf(queued.id)).some((d) => d.channel_id === channel.id)).toBe(true);
    const disabled = await disableNotificationChannel({ handle: t, id: channel.id, by: "admin" });
    expect(disabled.enabled).toBe(false);
    const log = await listChannelDeliveries({ handle: t, channelId: channel.id });
    expect(log.items.map((d) => [d.alertId, d.status, d.lastError])).toEqual([
      [queued.id, "failed", "channel disabled"],
    ]);
    const later = await raise("critical", "credit");
    expect((await deliveriesOf(later.id)).some((d) => d.channel_id === channel.id)).toBe(false);
  });

  it("sends a test message by SMTP and by signed webhook and logs both, and logs why one failed", async () => {
    const email = await createNotificationChannel({
      handle: t,
      input: { kind: "email", recipients: ["test.desk@example.com"] },
      by: "admin",
    });
    const before = mails.length;
    const sent = await sendTestNotification({
      handle: t,
      channelId: email.id,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, smtpFrom: "creditdesk@example.com" },
      by: "admin",
    });
    expect(sent).toMatchObject({ status: "sent", attempts: 1, alertId: null });
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.to).toEqual(["test.desk@example.com"]);
    expect(mails.at(-1)!.raw).toMatch(/Subject: \[CreditDesk\] test message/);

    const hook = await createNotificationChannel({
      handle: t,
      input: { kind: "webhook", url: hookUrl },
      by: "admin",
    });
    const calls = hookCalls.length;
    const posted = await sendTestNotification({ handle: t, channelId: hook.id, config: {}, by: "admin" });
    expect(posted).toMatchObject({ status: "sent", lastStatusCode: 204 });
    const call = hookCalls[calls]!;
    expect(JSON.parse(call.body)).toMatchObject({
      type: "channel.test",
      channelId: hook.id,
      requestedBy: "admin",
    });
    const ts = String(call.headers["x-creditdesk-timestamp"]);
    expect(call.headers["x-creditdesk-signature"]).toBe(signWebhook(hook.secret!, ts, call.body));

    // Nothing listens on the port of a closed server: the attempts and the error are logged.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = await createNotificationChannel({
      handle: t,
      input: { kind: "webhook", url: deadUrl },
      by: "admin",
    });
    const failed = await sendTestNotification({
      handle: t,
      channelId: dead.id,
      config: { webhookRetries: 1, webhookBaseDelayMs: 10 },
      by: "admin",
    });
    expect(failed).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: null });
    expect(failed.lastError).toBeTruthy();
    const log = await listChannelDeliveries({ handle: t, channelId: dead.id, status: "failed" });
    expect(log.items.map((d) => d.id)).toEqual([failed.id]);
    expect((await listChannelDeliveries({ handle: t, channelId: dead.id, status: "sent" })).items).toEqual(
      [],
    );
  });

  it("leaves e-mails queued while no SMTP server is configured", async () => {
    const channel = await createNotificationChannel({
      handle: t,
      input: {
        kind: "email",
        recipients: ["queue@example.com"],
        department: "finance",
        severities: { warning: "immediate" },
      },
      by: "admin",
    });
    const a = await raise("warning", "finance");
    await dispatchNotifications({ handle: t, config: {}, mode: "immediate" });
    const log = await listChannelDeliveries({ handle: t, channelId: channel.id });
    expect(log.items.map((d) => [d.alertId, d.status])).toEqual([[a.id, "pending"]]);
    await dispatchNotifications({
      handle: t,
      config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}` },
      mode: "immediate",
    });
    const after = await listChannelDeliveries({ handle: t, channelId: channel.id });
    expect(after.items.map((d) => [d.alertId, d.status])).toEqual([[a.id, "sent"]]);
  });
});

/** Any syntactically valid webhook URL (validation cases that fail on another field). */
function hookUrlPlaceholder(): string {
  return "http://127.0.0.1:9/hook";
}

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
