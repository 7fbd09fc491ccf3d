import type { DatabaseHandle } from "@creditdesk/db";
import { notificationChannels, notificationDeliveries } from "@creditdesk/db/notifications";
import { eq } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { type DispatchConfig, deliverToChannel } from "./dispatch-notifications.ts";
import type { DeliveryLogEntry } from "./list-channel-deliveries.ts";

/**
 * Sends a test message through one channel now — an e-mail to its recipients or a signed webhook
 * POST of type `channel.test` (retried like any delivery) — and logs it in the channel's delivery
 * log, so whoever configures a channel sees at once whether it works and why not.
 */
export async function sendTestNotification(options: {
  handle: DatabaseHandle;
  channelId: number;
  config: DispatchConfig;
  by: string;
}): Promise<DeliveryLogEntry> {
  const [channel] = await options.handle.db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.id, options.channelId));
  if (!channel) {
    throw AppError.notFound("notification channel", options.channelId);
  }
  const payload = {
    type: "channel.test",
    channelId: channel.id,
    requestedBy: options.by,
    sentAt: new Date().toISOString(),
  };
  const r = await deliverToChannel({
    channel: { kind: channel.kind as "email" | "webhook", target: channel.target, secret: channel.secret },
    email: {
      subject: "[CreditDesk] test message",
      text: `This is a test of the CreditDesk notification channel #${channel.id}${channel.name ? ` (${channel.name})` : ""}, requested by ${options.by}.\n`,
    },
    webhookBody: JSON.stringify(payload),
    config: options.config,
  });
  const [row] = await options.handle.db
    .insert(notificationDeliveries)
    .values({
      channelId: channel.id,
      mode: "immediate",
      status: r.ok ? "sent" : "failed",
      attempts: r.attempts,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      payload,
      ...(r.ok ? { deliveredAt: new Date() } : {}),
    })
    .returning();
  return {
    id: row!.id,
    channelId: row!.channelId,
    alertId: null,
    customerCode: null,
    alertTitle: null,
    mode: "immediate",
    status: row!.status as DeliveryLogEntry["status"],
    attempts: row!.attempts,
    lastStatusCode: row!.lastStatusCode,
    lastError: row!.lastError,
    payload: row!.payload,
    createdAt: row!.createdAt.toISOString(),
    deliveredAt: row!.deliveredAt?.toISOString() ?? null,
  };
}
