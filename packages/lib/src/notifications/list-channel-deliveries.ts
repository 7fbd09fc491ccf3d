import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryLogEntry {
  id: number;
  channelId: number;
  alertId: number | null;
  customerCode: string | null;
  alertTitle: string | null;
  mode: "immediate" | "digest";
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** What a test message sent (alert deliveries carry their alert instead). */
  payload: unknown;
  createdAt: string;
  deliveredAt: string | null;
}

/**
 * A channel's delivery log, newest first, keyset-paged by id: every alert queued or sent to it and
 * every test message, with status, attempts, the last HTTP status (webhooks) and the last error.
 */
export async function listChannelDeliveries(options: {
  handle: DatabaseHandle;
  channelId: number;
  status?: DeliveryStatus;
  limit?: number;
  beforeId?: number;
}): Promise<{ items: DeliveryLogEntry[]; nextCursor: string | null }> {
  const limit = Math.min(options.limit ?? 50, 500);
  const rows = await queryRows<{
    id: number;
    channel_id: number;
    alert_id: number | null;
    code: string | null;
    title: string | null;
    mode: "immediate" | "digest";
    status: DeliveryStatus;
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    payload: unknown;
    created_at: Date | string;
    delivered_at: Date | string | null;
  }>(
    options.handle.db,
    sql`
    select d.id, d.channel_id, d.alert_id, c.code, a.title, d.mode, d.status, d.attempts, d.last_status_code,
      d.last_error, d.payload, d.created_at, d.delivered_at
    from notification_deliveries d
    left join alerts a on a.id = d.alert_id
    left join customers c on c.id = a.customer_id
    where d.channel_id = ${options.channelId}
      ${options.status ? sql`and d.status = ${options.status}` : sql``}
      ${options.beforeId !== undefined ? sql`and d.id < ${options.beforeId}` : sql``}
    order by d.id desc
    limit ${limit + 1}`,
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: Number(r.id),
      channelId: Number(r.channel_id),
      alertId: r.alert_id === null ? null : Number(r.alert_id),
      customerCode: r.code,
      alertTitle: r.title,
      mode: r.mode,
      status: r.status,
      attempts: Number(r.attempts),
      lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
      lastError: r.last_error,
      payload: r.payload,
      createdAt: iso(r.created_at)!,
      deliveredAt: iso(r.delivered_at),
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
