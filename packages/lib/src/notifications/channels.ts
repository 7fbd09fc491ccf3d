import { randomBytes } from "node:crypto";
import { DEPARTMENTS, SEVERITIES, type Severity } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { notificationChannels, notificationDeliveries } from "@creditdesk/db/notifications";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../shared/app-error.ts";

/** How a channel sends alerts of one severity: at once, in the daily digest, or not at all. */
export const DELIVERY_MODES = ["immediate", "digest", "off"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export type SeverityModes = Record<Severity, DeliveryMode>;

/** A new channel's default: critical at once, warnings in the digest, info not sent. */
export const DEFAULT_SEVERITY_MODES: SeverityModes = {
  info: "off",
  warning: "digest",
  critical: "immediate",
};

const mode = z.enum(DELIVERY_MODES);
const severityModes = z
  .object({ info: mode.optional(), warning: mode.optional(), critical: mode.optional() })
  .strict()
  .describe("per severity: immediate | digest | off (unnamed severities keep their mode)");
const recipients = z
  .array(z.email({ message: "not an e-mail address" }))
  .min(1, "name at least one recipient")
  .max(50)
  .refine(
    (list) => new Set(list.map((r) => r.toLowerCase())).size === list.length,
    "a recipient is listed twice",
  );
const url = z
  .url({ protocol: /^https?$/, message: "a webhook URL is http:// or https://" })
  .max(2000)
  .describe("the URL the signed POST goes to");
const secret = z
  .string()
  .min(16, "a webhook secret has at least 16 characters")
  .max(256)
  .describe("HMAC-SHA256 key; generated when absent and shown once");
const common = {
  name: z.string().trim().min(1).max(100).optional(),
  department: z.enum(DEPARTMENTS).nullable().optional().describe("null or absent = every department"),
  severities: severityModes.optional(),
  enabled: z.boolean().optional(),
};

export const channelCreateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), recipients, ...common }).strict(),
  z.object({ kind: z.literal("webhook"), url, secret: secret.optional(), ...common }).strict(),
]);
export type ChannelCreateInput = z.input<typeof channelCreateSchema>;

export const channelUpdateSchema = z
  .object({
    ...common,
    recipients: recipients.optional(),
    url: url.optional(),
    secret: secret.optional(),
    rotateSecret: z.boolean().optional().describe("generate a new webhook secret (shown once)"),
  })
  .strict();
export type ChannelUpdateInput = z.input<typeof channelUpdateSchema>;

type Row = typeof notificationChannels.$inferSelect;

/** A channel as shown: never the secret itself (only whether one is set). */
export interface ChannelView {
  id: number;
  name: string | null;
  kind: "email" | "webhook";
  recipients: string[] | null;
  url: string | null;
  department: string | null;
  severities: SeverityModes;
  secretSet: boolean;
  enabled: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** The effective per-severity modes of a row (rows from the first release: minSeverity + digest). */
export function severityModesOf(row: Pick<Row, "severityModes" | "minSeverity" | "digest">): SeverityModes {
  if (row.severityModes) {
    return { ...DEFAULT_SEVERITY_MODES, ...row.severityModes };
  }
  const min = SEVERITIES.indexOf(row.minSeverity as Severity);
  const legacy = (s: Severity): DeliveryMode =>
    SEVERITIES.indexOf(s) < min ? "off" : s === "critical" || !row.digest ? "immediate" : "digest";
  return { info: legacy("info"), warning: legacy("warning"), critical: legacy("critical") };
}

const splitRecipients = (target: string) =>
  target
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);

export function channelView(row: Row): ChannelView {
  const email = row.kind === "email";
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as "email" | "webhook",
    recipients: email ? splitRecipients(row.target) : null,
    url: email ? null : row.target,
    department: row.department,
    severities: severityModesOf(row),
    secretSet: row.secret !== null,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      "the notification channel is invalid",
    );
  }
  return parsed.data;
}

/** The columns kept for the first release's readers, derived from the per-severity modes. */
function legacyColumns(modes: SeverityModes) {
  const on = SEVERITIES.filter((s) => modes[s] !== "off");
  if (on.length === 0) {
    throw AppError.validation([
      { path: "severities", message: "every severity is off: disable the channel instead" },
    ]);
  }
  return {
    severityModes: modes,
    minSeverity: on[0]!,
    digest: on.some((s) => modes[s] === "digest"),
  };
}

const newSecret = () => randomBytes(32).toString("hex");

/** `base` with the severities named in `patch` replaced. */
const mergeModes = (
  base: SeverityModes,
  patch?: { [S in Severity]?: DeliveryMode | undefined },
): SeverityModes => ({
  info: patch?.info ?? base.info,
  warning: patch?.warning ?? base.warning,
  critical: patch?.critical ?? base.critical,
});

/**
 * Adds an outbound channel: e-mail recipients (one message to all of them) or a webhook URL with
 * its HMAC secret, for one department or all, with a delivery mode per severity. A webhook
 * created without a secret gets a generated one, returned in `secret` this once.
 */
export async function createNotificationChannel(options: {
  handle: DatabaseHandle;
  input: unknown;
  by: string;
}): Promise<ChannelView & { secret?: string }> {
  const input = parse(channelCreateSchema, options.input);
  const modes = mergeModes(DEFAULT_SEVERITY_MODES, input.severities);
  const generated = input.kind === "webhook" && input.secret === undefined ? newSecret() : undefined;
  const [row] = await options.handle.db
    .insert(notificationChannels)
    .values({
      kind: input.kind,
      target: input.kind === "email" ? input.recipients.join(", ") : input.url,
      secret: input.kind === "webhook" ? (input.secret ?? generated!) : null,
      department: input.department ?? null,
      name: input.name ?? null,
      enabled: input.enabled ?? true,
      createdBy: options.by,
      updatedBy: options.by,
      ...legacyColumns(modes),
    })
    .returning();
  return { ...channelView(row!), ...(generated ? { secret: generated } : {}) };
}

async function channelRow(handle: DatabaseHandle, id: number): Promise<Row> {
  const [row] = await handle.db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  if (!row) {
    throw AppError.notFound("notification channel", id);
  }
  return row;
}

/** Every channel, oldest first. */
export async function listNotificationChannels(options: { handle: DatabaseHandle }): Promise<ChannelView[]> {
  const rows = await options.handle.db
    .select()
    .from(notificationChannels)
    .orderBy(asc(notificationChannels.id));
  return rows.map(channelView);
}

export async function getNotificationChannel(options: { handle: DatabaseHandle; id: number }) {
  return channelView(await channelRow(options.handle, options.id));
}

/**
 * Changes a channel: name, department, per-severity modes (named severities only), recipients of
 * an e-mail channel, URL and secret of a webhook (`rotateSecret` generates one, returned once),
 * enabled. Fields of the other kind are rejected.
 */
export async function updateNotificationChannel(options: {
  handle: DatabaseHandle;
  id: number;
  input: unknown;
  by: string;
}): Promise<ChannelView & { secret?: string }> {
  const input = parse(channelUpdateSchema, options.input);
  const current = await channelRow(options.handle, options.id);
  const wrongKind = (field: string) =>
    AppError.validation([{ path: field, message: `not a field of a ${current.kind} channel` }]);
  if (current.kind === "email") {
    for (const field of ["url", "secret", "rotateSecret"] as const) {
      if (input[field] !== undefined) {
        throw wrongKind(field);
      }
    }
  } else if (input.recipients !== undefined) {
    throw wrongKind("recipients");
  }
  if (input.secret !== undefined && input.rotateSecret) {
    throw AppError.validation([{ path: "rotateSecret", message: "give a secret or rotate it, not both" }]);
  }
  const generated = input.rotateSecret ? newSecret() : undefined;
  const secretValue = input.secret ?? generated;
  const [row] = await options.handle.db
    .update(notificationChannels)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.department !== undefined ? { department: input.department } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.recipients ? { target: input.recipients.join(", ") } : {}),
      ...(input.url ? { target: input.url } : {}),
      ...(secretValue ? { secret: secretValue } : {}),
      ...(input.severities ? legacyColumns(mergeModes(severityModesOf(current), input.severities)) : {}),
      updatedAt: new Date(),
      updatedBy: options.by,
    })
    .where(eq(notificationChannels.id, options.id))
    .returning();
  return { ...channelView(row!), ...(generated ? { secret: generated } : {}) };
}

/**
 * Stops a channel: nothing new is queued for it and what was still pending is logged as not sent
 * (`channel disabled`); its delivery log stays. Enabling it again (update) resumes new alerts only.
 */
export async function disableNotificationChannel(options: {
  handle: DatabaseHandle;
  id: number;
  by: string;
}) {
  await channelRow(options.handle, options.id);
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .update(notificationChannels)
      .set({ enabled: false, updatedAt: new Date(), updatedBy: options.by })
      .where(eq(notificationChannels.id, options.id))
      .returning();
    await tx.db
      .update(notificationDeliveries)
      .set({ status: "failed", lastError: "channel disabled" })
      .where(
        and(eq(notificationDeliveries.channelId, options.id), eq(notificationDeliveries.status, "pending")),
      );
    return channelView(row!);
  });
}
