import { type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { creditHolds } from "@creditdesk/db/monitoring";
import { and, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

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

/** Releases a hold (four eyes are the identity capability's business; here: who and when). */
export async function releaseCreditHold(options: { handle: DatabaseHandle; holdId: number; by: string }) {
  const [row] = await options.handle.db
    .update(creditHolds)
    .set({ releasedAt: sql`now()`, releasedBy: options.by })
    .where(and(eq(creditHolds.id, options.holdId), isNull(creditHolds.releasedAt)))
    .returning();
  if (!row) {
    throw new AppError("NOT_FOUND", `no active credit hold ${options.holdId}`);
  }
  await options.handle.db.execute(sql`
    insert into domain_events (type, customer_id, payload)
    values ('monitoring.credit_hold_released', ${row.customerId}, ${JSON.stringify({ holdId: row.id, by: options.by })}::jsonb)`);
  return row;
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
