import type { DEPARTMENTS, SEVERITIES } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { customers, users } from "@creditdesk/db";
import { alertComments, alerts } from "@creditdesk/db/monitoring";
import { notifications } from "@creditdesk/db/notifications";
import { and, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

/**
 * A caller's data scope: the `sales_owner` names whose customers they may see (a sales user's own
 * and their team's); absent = every customer.
 */
export interface CustomerScope {
  owners?: readonly string[] | undefined;
}

const inScope = (scope: CustomerScope | undefined): SQL | undefined =>
  scope?.owners === undefined
    ? undefined
    : scope.owners.length === 0
      ? sql`false`
      : inArray(customers.salesOwner, [...scope.owners]);

export const ALERT_STATES = ["open", "acknowledged", "resolved", "dismissed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertFilter {
  state?: readonly AlertState[];
  severity?: (typeof SEVERITIES)[number];
  department?: (typeof DEPARTMENTS)[number];
  customer?: string;
  ruleCode?: string;
  assignee?: string;
  limit?: number;
  beforeId?: number;
  /** Only alerts of customers in this data scope (filtered in SQL, so pages stay full). */
  scope?: CustomerScope;
}

const view = (a: typeof alerts.$inferSelect, c: { code: string; legalName: string }) => ({
  ...a,
  customer: { id: a.customerId, code: c.code, name: c.legalName },
  lastSeenAt: a.lastSeenAt.toISOString(),
  clearedAt: a.clearedAt?.toISOString() ?? null,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  resolvedAt: a.resolvedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** Alerts newest first with filters, keyset-paged by id. */
export async function listAlerts(handle: DatabaseHandle, filter: AlertFilter = {}) {
  const limit = Math.min(filter.limit ?? 50, 500);
  const where: (SQL | undefined)[] = [
    filter.state && filter.state.length > 0 ? inArray(alerts.state, [...filter.state]) : undefined,
    filter.severity ? eq(alerts.severity, filter.severity) : undefined,
    filter.department ? eq(alerts.department, filter.department) : undefined,
    filter.customer ? eq(customers.code, filter.customer) : undefined,
    filter.ruleCode ? eq(alerts.ruleCode, filter.ruleCode) : undefined,
    filter.assignee ? eq(alerts.assignee, filter.assignee) : undefined,
    filter.beforeId !== undefined ? lt(alerts.id, filter.beforeId) : undefined,
    inScope(filter.scope),
  ];
  const rows = await handle.db
    .select({ a: alerts, c: { code: customers.code, legalName: customers.legalName } })
    .from(alerts)
    .innerJoin(customers, eq(customers.id, alerts.customerId))
    .where(and(...where))
    .orderBy(desc(alerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => view(r.a, r.c)),
    nextCursor: rows.length > limit ? String(page.at(-1)!.a.id) : null,
  };
}

/** One alert with its comments; an alert outside the caller's scope does not exist for them. */
export async function getAlert(handle: DatabaseHandle, id: number, scope?: CustomerScope) {
  const [row] = await handle.db
    .select({ a: alerts, c: { code: customers.code, legalName: customers.legalName } })
    .from(alerts)
    .innerJoin(customers, eq(customers.id, alerts.customerId))
    .where(and(eq(alerts.id, id), inScope(scope)));
  if (!row) {
    throw new AppError("NOT_FOUND", `alert ${id} does not exist`);
  }
  const comments = await handle.db
    .select()
    .from(alertComments)
    .where(eq(alertComments.alertId, id))
    .orderBy(alertComments.id);
  return {
    ...view(row.a, row.c),
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
}

export type AlertAction =
  | { kind: "acknowledge" }
  | { kind: "assign"; assignee: string }
  | { kind: "comment"; body: string }
  | { kind: "resolve"; note?: string }
  | { kind: "dismiss"; reason: string };

/**
 * Applies an action. Allowed transitions: open → acknowledged → resolved; open/acknowledged →
 * dismissed (with a reason); assigning and commenting never change the state. A closed alert
 * cannot be acknowledged, resolved or dismissed again (409). The assignee must be an active user;
 * they get an inbox entry. An alert outside the caller's scope is not found (404) and unchanged.
 */
export async function actOnAlert(options: {
  handle: DatabaseHandle;
  id: number;
  action: AlertAction;
  by: string;
  scope?: CustomerScope;
}) {
  const { handle, id, action, by } = options;
  const current = await getAlert(handle, id, options.scope);
  const closed = current.state === "resolved" || current.state === "dismissed";
  const conflict = () => new AppError("CONFLICT", `alert ${id} is ${current.state}; cannot ${action.kind}`);
  switch (action.kind) {
    case "acknowledge":
      if (current.state !== "open") {
        throw conflict();
      }
      await handle.db
        .update(alerts)
        .set({ state: "acknowledged", acknowledgedAt: sql`now()`, acknowledgedBy: by, updatedAt: sql`now()` })
        .where(eq(alerts.id, id));
      break;
    case "assign": {
      const [user] = await handle.db
        .select({ login: users.login })
        .from(users)
        .where(and(eq(users.login, action.assignee), eq(users.status, "active")));
      if (!user) {
        throw AppError.validation([{ path: "assignee", message: `no active user '${action.assignee}'` }]);
      }
      await handle.transaction(async (tx) => {
        await tx.db
          .update(alerts)
          .set({ assignee: user.login, updatedAt: sql`now()` })
          .where(eq(alerts.id, id));
        if (current.assignee !== user.login) {
          await tx.db.insert(notifications).values({
            recipient: user.login,
            alertId: id,
            severity: current.severity,
            title: current.title,
            body: `${current.customer.code} ${current.customer.name}: assigned to you by ${by}`,
            link: `/alerts/${id}`,
          });
        }
      });
      break;
    }
    case "comment":
      await handle.db.insert(alertComments).values({ alertId: id, author: by, body: action.body });
      break;
    case "resolve":
      if (closed) {
        throw conflict();
      }
      await handle.transaction(async (tx) => {
        await tx.db
          .update(alerts)
          .set({ state: "resolved", resolvedAt: sql`now()`, resolvedBy: by, updatedAt: sql`now()` })
          .where(eq(alerts.id, id));
        if (action.note) {
          await tx.db.insert(alertComments).values({ alertId: id, author: by, body: action.note });
        }
      });
      break;
    case "dismiss":
      if (closed) {
        throw conflict();
      }
      await handle.db
        .update(alerts)
        .set({
          state: "dismissed",
          dismissedReason: action.reason,
          resolvedAt: sql`now()`,
          resolvedBy: by,
          updatedAt: sql`now()`,
        })
        .where(and(eq(alerts.id, id)));
      break;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
  return getAlert(handle, id);
}
