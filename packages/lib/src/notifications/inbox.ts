import type { DatabaseHandle } from "@creditdesk/db";
import { notifications } from "@creditdesk/db/notifications";
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

/** A user's inbox: entries addressed to them or to one of their departments, newest first. */
export async function listInbox(options: {
  handle: DatabaseHandle;
  user?: string;
  departments?: readonly string[];
  unreadOnly?: boolean;
  limit?: number;
  beforeId?: number;
}) {
  const targets = [
    ...(options.user ? [eq(notifications.recipient, options.user)] : []),
    ...(options.departments && options.departments.length > 0
      ? [inArray(notifications.department, [...options.departments])]
      : []),
  ];
  if (targets.length === 0) {
    return { items: [], nextCursor: null };
  }
  const limit = Math.min(options.limit ?? 50, 500);
  const rows = await options.handle.db
    .select()
    .from(notifications)
    .where(
      and(
        or(...targets),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
        options.beforeId !== undefined ? lt(notifications.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      ...r,
      readAt: r.readAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/** Marks one inbox entry read. */
export async function markNotificationRead(options: { handle: DatabaseHandle; id: number }) {
  const [row] = await options.handle.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(eq(notifications.id, options.id))
    .returning({ id: notifications.id });
  if (!row) {
    throw new AppError("NOT_FOUND", `notification ${options.id} does not exist`);
  }
}
