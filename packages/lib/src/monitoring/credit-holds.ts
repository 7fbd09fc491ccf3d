import { customers, type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { creditHolds } from "@creditdesk/db/monitoring";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import type { CustomerScope } from "./alert-actions.ts";

/** Whether the customer has an unreleased credit hold (read by the credit check). */
export async function isOnCreditHold(db: Db, customerId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: creditHolds.id })
    .from(creditHolds)
    .where(and(eq(creditHolds.customerId, customerId), isNull(creditHolds.releasedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Places a hold (idempotent per alert) and appends `monitoring.credit_hold_placed` to the outbox
 * in the same statement batch. Call inside the caller's transaction.
 */
export async function placeCreditHold(
  db: Db,
  hold: { customerId: number; reason: string; alertId?: number; placedBy: string },
): Promise<number | null> {
  const [row] = await db
    .insert(creditHolds)
    .values({
      customerId: hold.customerId,
      reason: hold.reason,
      alertId: hold.alertId ?? null,
      placedBy: hold.placedBy,
    })
    .onConflictDoNothing()
    .returning({ id: creditHolds.id });
  if (!row) {
    return null;
  }
  await db.execute(sql`
    insert into domain_events (type, customer_id, payload)
    values ('monitoring.credit_hold_placed', ${hold.customerId},
      ${JSON.stringify({ holdId: row.id, alertId: hold.alertId ?? null, reason: hold.reason })}::jsonb)`);
  return row.id;
}

/**
 * Releases a hold — a credit decision, recorded with who, when and why on the hold and as a
 * `monitoring.credit_hold_released` event. A hold outside the caller's scope is not found.
 */
export async function releaseCreditHold(options: {
  handle: DatabaseHandle;
  holdId: number;
  by: string;
  reason: string;
  scope?: CustomerScope;
}) {
  const [current] = await listCreditHolds({
    handle: options.handle,
    id: options.holdId,
    ...scopeOption(options),
  });
  if (!current) {
    throw new AppError("NOT_FOUND", `credit hold ${options.holdId} does not exist`);
  }
  if (current.releasedAt !== null) {
    throw new AppError("CONFLICT", `credit hold ${options.holdId} was released at ${current.releasedAt}`);
  }
  const [row] = await options.handle.db
    .update(creditHolds)
    .set({ releasedAt: sql`now()`, releasedBy: options.by, releaseReason: options.reason })
    .where(and(eq(creditHolds.id, options.holdId), isNull(creditHolds.releasedAt)))
    .returning({ id: creditHolds.id });
  if (!row) {
    throw new AppError("CONFLICT", `credit hold ${options.holdId} was released meanwhile`);
  }
  await options.handle.db.execute(sql`
    insert into domain_events (type, customer_id, payload)
    values ('monitoring.credit_hold_released', ${current.customerId},
      ${JSON.stringify({ holdId: row.id, by: options.by, reason: options.reason })}::jsonb)`);
  const [released] = await listCreditHolds({ handle: options.handle, id: options.holdId });
  return released!;
}

const scopeOption = (o: { scope?: CustomerScope | undefined }) => (o.scope ? { scope: o.scope } : {});

export interface CreditHoldView {
  id: number;
  customerId: number;
  customer: { id: number; code: string; name: string };
  reason: string;
  alertId: number | null;
  placedAt: string;
  placedBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

/** Credit holds, newest first: active only by default, optionally of one customer (code). */
export async function listCreditHolds(options: {
  handle: DatabaseHandle;
  id?: number;
  customer?: string;
  active?: boolean;
  scope?: CustomerScope;
  limit?: number;
}): Promise<CreditHoldView[]> {
  const owners = options.scope?.owners;
  const rows = await options.handle.db
    .select({ h: creditHolds, c: { code: customers.code, name: customers.legalName } })
    .from(creditHolds)
    .innerJoin(customers, eq(customers.id, creditHolds.customerId))
    .where(
      and(
        options.id !== undefined ? eq(creditHolds.id, options.id) : undefined,
        options.customer !== undefined ? eq(customers.code, options.customer) : undefined,
        options.active ? isNull(creditHolds.releasedAt) : undefined,
        owners === undefined
          ? undefined
          : owners.length === 0
            ? sql`false`
            : inArray(customers.salesOwner, [...owners]),
      ),
    )
    .orderBy(desc(creditHolds.id))
    .limit(Math.min(options.limit ?? 200, 1000));
  return rows.map(({ h, c }) => ({
    id: h.id,
    customerId: h.customerId,
    customer: { id: h.customerId, code: c.code, name: c.name },
    reason: h.reason,
    alertId: h.alertId,
    placedAt: h.placedAt.toISOString(),
    placedBy: h.placedBy,
    releasedAt: h.releasedAt?.toISOString() ?? null,
    releasedBy: h.releasedBy,
    releaseReason: h.releaseReason,
  }));
}

/**
 * Places a credit hold for every critical alert a monitoring run opened and appends one
 * `monitoring.credit_hold_placed` event per hold — two statements whatever the count.
 */
export async function placeCreditHoldsForRun(db: Db, runId: number, placedBy: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`
    with placed as (
      insert into credit_holds (customer_id, reason, alert_id, placed_by)
      select a.customer_id, 'critical alert ' || a.rule_code || ': ' || a.title, a.id, ${placedBy}
      from alerts a where a.first_run_id = ${runId} and a.severity = 'critical'
      on conflict do nothing
      returning id, customer_id, alert_id, reason
    ), events as (
      insert into domain_events (type, customer_id, payload)
      select 'monitoring.credit_hold_placed', customer_id, jsonb_build_object('holdId', id, 'alertId', alert_id, 'reason', reason)
      from placed
      returning 1
    )
    select count(*)::int as n from events`,
  );
  return Number(rows[0]?.n ?? 0);
}
