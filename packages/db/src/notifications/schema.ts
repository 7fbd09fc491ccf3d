import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { alerts } from "../monitoring/schema.ts";
import { id } from "../shared/columns.ts";

/** The in-app inbox: one row per recipient user, or per department (seen by everyone in it). */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    recipient: text(),
    department: text(),
    alertId: bigint({ mode: "number" }).references(() => alerts.id, { onDelete: "cascade" }),
    severity: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipient, t.id),
    index("notifications_department_idx").on(t.department, t.id),
    check("notifications_target_ck", sql`${t.recipient} is not null or ${t.department} is not null`),
  ],
);

/**
 * Outbound channels: e-mail recipients and webhooks per department (null = every department).
 * `severityModes` says per severity whether an alert goes out at once, in the daily digest or not
 * at all (`{"info":"off","warning":"digest","critical":"immediate"}`); rows without it follow the
 * first release's rule: `minSeverity` filters, critical alerts go out immediately, the others in
 * the digest unless `digest` is false.
 */
export const notificationChannels = pgTable(
  "notification_channels",
  {
    id: id(),
    kind: text().notNull(),
    /** E-mail: the recipients, comma-separated; webhook: the URL. */
    target: text().notNull(),
    department: text(),
    minSeverity: text().notNull().default("info"),
    digest: boolean().notNull().default(true),
    /** HMAC-SHA256 key of a webhook. */
    secret: text(),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    name: text(),
    severityModes: jsonb().$type<Record<string, "immediate" | "digest" | "off">>(),
    createdBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text(),
  },
  (t) => [check("notification_channels_kind_ck", sql`${t.kind} in ('email', 'webhook')`)],
);

/** Delivery log and digest queue: one row per alert (or digest) and channel. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    channelId: bigint({ mode: "number" })
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    alertId: bigint({ mode: "number" }).references(() => alerts.id, { onDelete: "cascade" }),
    mode: text().notNull(),
    status: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    payload: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notification_deliveries_pending_idx").on(t.channelId, t.id).where(sql`${t.status} = 'pending'`),
    index("notification_deliveries_channel_idx").on(t.channelId, t.id),
    check("notification_deliveries_mode_ck", sql`${t.mode} in ('immediate', 'digest')`),
    check("notification_deliveries_status_ck", sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);
