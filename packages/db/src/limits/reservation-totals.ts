import { type SQL, sql } from "drizzle-orm";
import { type Db, executeCount } from "../client.ts";

/**
 * Reservation totals kept on the credit account row (issue #6, the hot path of the credit check).
 * drizzle-kit generates tables, not triggers: these are installed (idempotently) by
 * `migrateDatabase`, like the audit guards and the portfolio triggers.
 *
 * - `credit_checks` (row triggers): an active reservation inserted adds its amount to the account's
 *   `reserved_by_currency` (key: limit currency) and pulls `reservations_expire_at` forward; one
 *   leaving `active` (released, expired, deleted) subtracts it and bumps `exposure_seq`. The UPDATE
 *   of the account row takes the row's lock, so every change of the totals is serialised with the
 *   credit checks of that account — the same lock that keeps approvals within the limit.
 * - `sales_orders` (statement triggers, transition tables, cheap for bulk imports): an order that
 *   becomes invoiced, closed or cancelled releases its active reservations (the invoice counts in
 *   exposure instead, or nothing) — before, the check's exposure query skipped such reservations
 *   at read time, which needed a scan of every active reservation of the customer.
 *
 * Totals written before these triggers existed are backfilled once (accounts never touched by the
 * trigger: `exposure_seq = 0` and `reserved_by_currency = '{}'` with active reservations).
 */
const fn = (name: string, body: string): SQL =>
  sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
begin
${body}
  return null;
end $$`);

const SUBTRACT_OLD = `
    update credit_accounts set
      reserved_by_currency = jsonb_set(reserved_by_currency, array[coalesce(old.limit_currency, old.currency)::text],
        to_jsonb(coalesce((reserved_by_currency ->> coalesce(old.limit_currency, old.currency)::text)::int8, 0) - old.reserved_minor)),
      exposure_seq = exposure_seq + 1
    where id = old.account_id;`;
const ADD_NEW = `
    update credit_accounts set
      reserved_by_currency = jsonb_set(reserved_by_currency, array[coalesce(new.limit_currency, new.currency)::text],
        to_jsonb(coalesce((reserved_by_currency ->> coalesce(new.limit_currency, new.currency)::text)::int8, 0) + new.reserved_minor)),
      reservations_expire_at = least(reservations_expire_at, new.expires_at)
    where id = new.account_id;`;

export const RESERVATION_TOTAL_STATEMENTS: SQL[] = [
  // Backfill, before the triggers: reservations of orders already closed are released (on a first
  // install no trigger exists yet, later the trigger keeps the totals) …
  sql.raw(`update credit_checks c set reservation_status = 'released', released_at = now(),
    release_reason = case when so.status = 'cancelled' then 'cancelled' else 'invoiced' end
  from sales_orders so
  where c.reservation_status = 'active' and so.customer_id = c.customer_id
    and so.order_number = c.order_reference and so.status in ('invoiced', 'closed', 'cancelled')`),
  // … and accounts the triggers never maintained get their totals counted.
  sql.raw(`update credit_accounts a set reserved_by_currency = t.by_currency, reservations_expire_at = t.first_expiry
  from (
    select c.account_id, jsonb_object_agg(c.cur, c.total) as by_currency, min(c.first_expiry) as first_expiry
    from (select account_id, coalesce(limit_currency, currency)::text as cur, sum(reserved_minor)::int8 as total,
            min(expires_at) as first_expiry
          from credit_checks where reservation_status = 'active' and account_id is not null and reserved_minor > 0
          group by 1, 2) c
    group by c.account_id
  ) t
  where t.account_id = a.id and a.exposure_seq = 0 and a.reserved_by_currency = '{}'::jsonb`),
  fn(
    "credit_checks_reservation_ins",
    `  if new.account_id is not null and new.reserved_minor > 0 then ${ADD_NEW}
  end if;`,
  ),
  fn(
    "credit_checks_reservation_upd",
    `  if old.reservation_status = 'active' and old.account_id is not null and old.reserved_minor > 0 then ${SUBTRACT_OLD}
  end if;
  if new.reservation_status = 'active' and new.account_id is not null and new.reserved_minor > 0 then ${ADD_NEW}
  end if;`,
  ),
  fn(
    "credit_checks_reservation_del",
    `  if old.account_id is not null and old.reserved_minor > 0 then ${SUBTRACT_OLD}
  end if;`,
  ),
  sql.raw(`create or replace trigger credit_checks_reservation_ins after insert on credit_checks
    for each row when (new.reservation_status = 'active')
    execute function credit_checks_reservation_ins()`),
  sql.raw(`create or replace trigger credit_checks_reservation_upd
    after update of reservation_status, reserved_minor, account_id, limit_currency, currency, expires_at
    on credit_checks for each row
    when ((old.reservation_status = 'active' or new.reservation_status = 'active')
      and (old.reservation_status, old.reserved_minor, old.account_id, old.limit_currency, old.currency, old.expires_at)
        is distinct from (new.reservation_status, new.reserved_minor, new.account_id, new.limit_currency, new.currency, new.expires_at))
    execute function credit_checks_reservation_upd()`),
  sql.raw(`create or replace trigger credit_checks_reservation_del after delete on credit_checks
    for each row when (old.reservation_status = 'active')
    execute function credit_checks_reservation_del()`),
  fn(
    "sales_orders_release_reservations",
    `  update credit_checks c set reservation_status = 'released', released_at = now(),
    release_reason = case when n.status = 'cancelled' then 'cancelled' else 'invoiced' end
  from n
  where n.status in ('invoiced', 'closed', 'cancelled') and c.customer_id = n.customer_id
    and c.order_reference = n.order_number and c.reservation_status = 'active';`,
  ),
  sql.raw(`create or replace trigger sales_orders_release_reservations_ins after insert on sales_orders
    referencing new table as n for each statement execute function sales_orders_release_reservations()`),
  sql.raw(`create or replace trigger sales_orders_release_reservations_upd after update on sales_orders
    referencing new table as n for each statement execute function sales_orders_release_reservations()`),
];

/** Installs (or re-installs) the triggers above and backfills totals they never maintained. */
export async function installReservationTotals(db: Db): Promise<void> {
  for (const statement of RESERVATION_TOTAL_STATEMENTS) {
    await db.execute(statement);
  }
}

/**
 * Marks the account's reservations due at `now` as expired (the trigger takes them off the
 * totals) and moves `reservations_expire_at` to the next due one. Run under the account's lock.
 */
export async function sweepDueReservations(db: Db, accountId: number, now: Date): Promise<number> {
  const at = now.toISOString();
  const swept = await executeCount(
    db,
    sql`
    update credit_checks set reservation_status = 'expired'
    where account_id = ${accountId} and reservation_status = 'active'
      and expires_at <= cast(${at} as timestamptz)`,
  );
  await db.execute(sql`
    update credit_accounts set reservations_expire_at = (
      select min(c.expires_at) from credit_checks c
      where c.account_id = ${accountId} and c.reservation_status = 'active')
    where id = ${accountId}`);
  return swept;
}
