import type { DatabaseHandle } from "@creditdesk/db";
import { notifications } from "@creditdesk/db/notifications";
import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { CustomerScope } from "../monitoring/alert-actions.ts";
import { AppError } from "../shared/app-error.ts";

export interface InboxAudience {
  /** Entries addressed to this user. */
  user?: string;
  /** And entries addressed to these departments. */
  departments?: readonly string[];
  /** Only entries about customers in this data scope (entries without an alert stay). */
  scope?: CustomerScope;
}

function addressedTo(audience: InboxAudience): SQL | undefined {
  const targets = [
    ...(audience.user ? [eq(notifications.recipient, audience.user)] : []),
    ...(audience.departments && audience.departments.length > 0
      ? [inArray(notifications.department, [...audience.departments])]
      : []),
  ];
  if (targets.length === 0) {
    return undefined;
  }
  const owners = audience.scope?.owners;
  const scoped =
    owners === undefined
      ? undefined
      : sql`(${notifications.alertId} is null or exists (
          select 1 from alerts a join customers c on c.id = a.customer_id
          where a.id = ${notifications.alertId} and c.sales_owner = any(${sql.param([...owners])}::text[])))`;
  return and(or(...targets), scoped);
}

/** A user's inbox: entries addressed to them or to one of their departments, newest first. */
export async function listInbox(
  options: InboxAudience & {
    handle: DatabaseHandle;
    unreadOnly?: boolean;
    limit?: number;
    beforeId?: number;
  },
) {
  const audience = addressedTo(options);
  if (!audience) {
    return { items: [], nextCursor: null };
  }
  const limit = Math.min(options.limit ?? 50, 500);
  const rows = await options.handle.db
    .select()
    .from(notifications)
    .where(
      and(
        audience,
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

/**
 * Marks one inbox entry read — only an entry addressed to the audience (the user or one of their
 * departments, within their data scope); any other is not found. A department entry is read for
 * the whole department.
 */
export async function markNotificationRead(options: InboxAudience & { handle: DatabaseHandle; id: number }) {
  const restrict = addressedTo(options) ?? sql`false`;
  const [row] = await options.handle.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, options.id), restrict))
    .returning({ id: notifications.id });
  if (!row) {
    throw new AppError("NOT_FOUND", `notification ${options.id} does not exist`);
  }
}
