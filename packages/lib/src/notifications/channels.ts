import { DEPARTMENTS, SEVERITIES } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { notificationChannels } from "@creditdesk/db/notifications";
import { z } from "zod";
import { AppError } from "../shared/app-error.ts";

export const channelInputSchema = z
  .object({
    kind: z.enum(["email", "webhook"]),
    target: z.string().min(3),
    department: z.enum(DEPARTMENTS).nullable().default(null),
    minSeverity: z.enum(SEVERITIES).default("info"),
    digest: z.boolean().default(true),
    secret: z.string().min(16).nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "webhook" && !/^https?:\/\//.test(c.target)) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "a webhook target is an http(s) URL" });
    }
    if (c.kind === "email" && !/^[^@\s]+@[^@\s]+$/.test(c.target)) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "an e-mail target is an address" });
    }
  });

/** Adds an outbound channel (e-mail address or webhook URL with its HMAC secret). */
export async function addNotificationChannel(options: { handle: DatabaseHandle; input: unknown }) {
  const parsed = channelInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const [row] = await options.handle.db.insert(notificationChannels).values(parsed.data).returning();
  return row!;
}
