import type { DatabaseHandle } from "@creditdesk/db";
import { loadConfig } from "@creditdesk/lib/config";
import {
  type ChannelView,
  createNotificationChannel,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  disableNotificationChannel,
  listChannelDeliveries,
  listNotificationChannels,
  sendTestNotification,
  updateNotificationChannel,
} from "@creditdesk/lib/notifications";
import { AppError } from "@creditdesk/lib/shared";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const actor = () => `cli:${process.env.USER ?? "user"}`;

/** Options shared by `channels add` and `channels update` (commander's camel-cased names). */
export interface ChannelFlags {
  name?: string;
  to?: string;
  url?: string;
  secret?: string;
  rotateSecret?: boolean;
  department?: string;
  allDepartments?: boolean;
  info?: string;
  warning?: string;
  critical?: string;
  enable?: boolean;
  json?: boolean;
}

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openAppDatabase();
  try {
    return await fn(handle);
  } catch (error) {
    // Validation problems name the field: print them on the one line the CLI shows.
    if (error instanceof AppError && error.errors.length > 0) {
      throw new CliError(
        `${error.message}: ${error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
      );
    }
    throw error;
  } finally {
    await handle.close();
  }
}

function channelId(id: string): number {
  if (!/^\d+$/.test(id)) {
    throw new CliError(`channel id must be a number, got '${id}'`);
  }
  return Number(id);
}

/** The API input from the flags: only what was given (the use case validates values). */
function inputFrom(flags: ChannelFlags): Record<string, unknown> {
  const severities = Object.fromEntries(
    (["info", "warning", "critical"] as const).flatMap((s) => (flags[s] ? [[s, flags[s]]] : [])),
  );
  return {
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(flags.to !== undefined
      ? {
          recipients: flags.to
            .split(",")
            .map((r) => r.trim())
            .filter(Boolean),
        }
      : {}),
    ...(flags.url !== undefined ? { url: flags.url } : {}),
    ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
    ...(flags.rotateSecret ? { rotateSecret: true } : {}),
    ...(flags.allDepartments ? { department: null } : {}),
    ...(flags.department !== undefined ? { department: flags.department } : {}),
    ...(Object.keys(severities).length > 0 ? { severities } : {}),
    ...(flags.enable ? { enabled: true } : {}),
  };
}

function describeChannel(c: ChannelView & { secret?: string }): string {
  const target = c.kind === "email" ? (c.recipients ?? []).join(", ") : (c.url ?? "");
  const modes = `info ${c.severities.info}, warning ${c.severities.warning}, critical ${c.severities.critical}`;
  return `#${c.id} ${c.kind.padEnd(7)} ${c.enabled ? "enabled " : "disabled"} ${c.department ?? "all departments"} — ${target}${c.name ? ` (${c.name})` : ""}; ${modes}`;
}

function printChannel(c: ChannelView & { secret?: string }, json: boolean): void {
  if (json) {
    out(JSON.stringify(c));
    return;
  }
  out(describeChannel(c));
  if (c.secret) {
    out(`webhook secret (shown once; receivers verify X-CreditDesk-Signature with it): ${c.secret}`);
  }
}

export async function listChannelsCommand(o: { json: boolean }): Promise<void> {
  await withDatabase(async (handle) => {
    const channels = await listNotificationChannels({ handle });
    if (o.json) {
      out(JSON.stringify(channels));
      return;
    }
    for (const c of channels) {
      out(describeChannel(c));
    }
    out(`${channels.length} channels`);
  });
}

export async function addChannelCommand(kind: string, flags: ChannelFlags): Promise<void> {
  if (kind !== "email" && kind !== "webhook") {
    throw new CliError(`channel kind must be email or webhook, got '${kind}'`);
  }
  await withDatabase(async (handle) => {
    const created = await createNotificationChannel({
      handle,
      input: { kind, ...inputFrom(flags) },
      by: actor(),
    });
    printChannel(created, flags.json === true);
  });
}

export async function updateChannelCommand(id: string, flags: ChannelFlags): Promise<void> {
  const input = inputFrom(flags);
  if (Object.keys(input).length === 0) {
    throw new CliError("nothing to change: give at least one option (see --help)");
  }
  await withDatabase(async (handle) => {
    printChannel(
      await updateNotificationChannel({ handle, id: channelId(id), input, by: actor() }),
      flags.json === true,
    );
  });
}

export async function disableChannelCommand(id: string): Promise<void> {
  await withDatabase(async (handle) => {
    out(describeChannel(await disableNotificationChannel({ handle, id: channelId(id), by: actor() })));
  });
}

export async function testChannelCommand(id: string): Promise<void> {
  const config = loadConfig();
  await withDatabase(async (handle) => {
    const d = await sendTestNotification({
      handle,
      channelId: channelId(id),
      config: {
        ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
        smtpFrom: config.smtpFrom,
        webhookRetries: 2,
        webhookBaseDelayMs: 250,
      },
      by: actor(),
    });
    if (d.status !== "sent") {
      throw new CliError(
        `test message through channel #${id} failed after ${d.attempts} attempt(s): ${d.lastError ?? "unknown error"}`,
      );
    }
    out(
      `test message sent through channel #${id}${d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : ""}, logged as delivery #${d.id}`,
    );
  });
}

export async function deliveriesCommand(
  id: string,
  o: { status?: string; limit?: string; json: boolean },
): Promise<void> {
  if (o.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(o.status)) {
    throw new CliError(`--status must be one of ${DELIVERY_STATUSES.join(", ")}, got '${o.status}'`);
  }
  if (o.limit !== undefined && !/^\d+$/.test(o.limit)) {
    throw new CliError(`--limit must be a number, got '${o.limit}'`);
  }
  await withDatabase(async (handle) => {
    const page = await listChannelDeliveries({
      handle,
      channelId: channelId(id),
      ...(o.status ? { status: o.status as DeliveryStatus } : {}),
      ...(o.limit ? { limit: Number(o.limit) } : {}),
    });
    if (o.json) {
      out(JSON.stringify(page.items));
      return;
    }
    for (const d of page.items) {
      const what =
        d.alertId === null
          ? "test message"
          : `alert #${d.alertId} ${d.customerCode ?? ""} ${d.alertTitle ?? ""}`;
      out(
        `#${d.id} ${d.createdAt.slice(0, 19)} ${d.mode.padEnd(9)} ${d.status.padEnd(7)} ${d.attempts} attempt(s)${d.lastStatusCode ? ` HTTP ${d.lastStatusCode}` : ""}${d.lastError ? ` — ${d.lastError}` : ""} — ${what}`,
      );
    }
    out(`${page.items.length} deliveries`);
  });
}
