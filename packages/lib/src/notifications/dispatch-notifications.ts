import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import { sendEmail } from "./send-email.ts";
import { sendWebhook, type WebhookResult } from "./send-webhook.ts";

/** Outbound delivery settings (SMTP_URL, SMTP_FROM; webhook retry policy). */
export interface DispatchConfig {
  smtpUrl?: string;
  smtpFrom?: string;
  webhookRetries?: number;
  webhookBaseDelayMs?: number;
  webhookTimeoutMs?: number;
}

interface Pending {
  delivery_id: number;
  channel_id: number;
  kind: "email" | "webhook";
  target: string;
  secret: string | null;
  alert_id: number;
  severity: string;
  department: string;
  title: string;
  measured_value: number;
  threshold: number;
  recommended_action: string;
  code: string;
  legal_name: string;
}

export interface DispatchSummary {
  sent: number;
  failed: number;
}

/**
 * Sends pending deliveries: `immediate` ones one message per alert; `digest` ones grouped into one
 * message per channel. Every outcome is logged on the delivery row (status, attempts, last HTTP
 * status or error). Without an SMTP server configured, e-mails stay queued (not failed).
 */
export async function dispatchNotifications(options: {
  handle: DatabaseHandle;
  config: DispatchConfig;
  mode: "immediate" | "digest";
}): Promise<DispatchSummary> {
  const rows = await queryRows<Pending>(
    options.handle.db,
    sql`
    select d.id as delivery_id, c.id as channel_id, c.kind, c.target, c.secret, a.id as alert_id, a.severity,
      a.department, a.title, a.measured_value, a.threshold, a.recommended_action, cu.code, cu.legal_name
    from notification_deliveries d
    join notification_channels c on c.id = d.channel_id and c.enabled
    join alerts a on a.id = d.alert_id
    join customers cu on cu.id = a.customer_id
    where d.status = 'pending' and d.mode = ${options.mode}
      ${options.config.smtpUrl ? sql`` : sql`and c.kind <> 'email'`}
    order by c.id, d.id`,
  );
  const groups = new Map<number, Pending[]>();
  for (const r of rows) {
    const key = options.mode === "digest" ? Number(r.channel_id) : Number(r.delivery_id);
    const group = groups.get(key);
    if (group) {
      group.push(r);
    } else {
      groups.set(key, [r]);
    }
  }
  const summary: DispatchSummary = { sent: 0, failed: 0 };
  for (const items of groups.values()) {
    const first = items[0]!;
    const ids = items.map((i) => Number(i.delivery_id));
    const { subject, text } = renderEmail(items, options.mode);
    const r = await deliverToChannel({
      channel: { kind: first.kind, target: first.target, secret: first.secret },
      email: { subject, text },
      webhookBody: JSON.stringify({
        type: options.mode === "digest" ? "alerts.digest" : "alert.raised",
        alerts: items.map(toPayload),
      }),
      config: options.config,
    });
    await options.handle.db.execute(sql`
      update notification_deliveries set status = ${r.ok ? "sent" : "failed"}, attempts = attempts + ${r.attempts},
        last_status_code = ${r.statusCode}, last_error = ${r.error}, delivered_at = ${r.ok ? sql`now()` : sql`null`}
      where id = any(${sql.param(ids)}::bigint[])`);
    if (r.ok) {
      summary.sent += ids.length;
    } else {
      summary.failed += ids.length;
    }
  }
  return summary;
}

/**
 * Sends one message through one channel: an e-mail to its recipients (SMTP), or the signed webhook
 * POST with retries. Never throws: the outcome (attempts, HTTP status, error) is what gets logged.
 */
export async function deliverToChannel(options: {
  channel: { kind: "email" | "webhook"; target: string; secret: string | null };
  email: { subject: string; text: string };
  webhookBody: string;
  config: DispatchConfig;
}): Promise<WebhookResult> {
  const { channel, config } = options;
  try {
    if (channel.kind === "email") {
      if (!config.smtpUrl) {
        throw new Error("SMTP_URL is not configured");
      }
      await sendEmail({
        smtpUrl: config.smtpUrl,
        from: config.smtpFrom ?? "creditdesk@localhost",
        to: channel.target,
        subject: options.email.subject,
        text: options.email.text,
      });
      return { ok: true, attempts: 1, statusCode: null, error: null };
    }
    return await sendWebhook({
      url: channel.target,
      secret: channel.secret,
      body: options.webhookBody,
      ...(config.webhookRetries !== undefined ? { retries: config.webhookRetries } : {}),
      ...(config.webhookBaseDelayMs !== undefined ? { baseDelayMs: config.webhookBaseDelayMs } : {}),
      ...(config.webhookTimeoutMs !== undefined ? { timeoutMs: config.webhookTimeoutMs } : {}),
    });
  } catch (e) {
    return { ok: false, attempts: 1, statusCode: null, error: (e as Error).message };
  }
}

function toPayload(p: Pending) {
  return {
    alertId: Number(p.alert_id),
    customer: { code: p.code, name: p.legal_name },
    rule: p.title,
    severity: p.severity,
    department: p.department,
    measuredValue: p.measured_value,
    threshold: p.threshold,
    recommendedAction: p.recommended_action,
    link: `/alerts/${Number(p.alert_id)}`,
  };
}

function renderEmail(items: readonly Pending[], mode: "immediate" | "digest") {
  const line = (p: Pending) =>
    `[${p.severity}] ${p.code} ${p.legal_name}: ${p.title} — measured ${Math.round(p.measured_value * 100) / 100}, threshold ${Math.round(p.threshold * 100) / 100}; recommended: ${p.recommended_action.replaceAll("_", " ")}`;
  if (mode === "immediate" && items.length === 1) {
    const p = items[0]!;
    return {
      subject: `[CreditDesk ${p.severity}] ${p.code} ${p.legal_name}: ${p.title}`,
      text: `${line(p)}\n`,
    };
  }
  return {
    subject: `[CreditDesk] daily alert digest: ${items.length} alerts`,
    text: `${items.map(line).join("\n")}\n`,
  };
}
