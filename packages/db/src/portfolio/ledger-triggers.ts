import { type SQL, sql } from "drizzle-orm";
import { type Db, executeCount, queryRows, type TxSession } from "../client.ts";

/**
 * `insert … on conflict` of (customer_id, since) pairs into `portfolio_ar_snapshot_stale`, keeping
 * the earliest date per customer; only changes dated on or before the last snapshot month end
 * matter (later ones are read by the next month close), so current-dated bulk loads mark nothing.
 */
const markStale = (pairs: string) => `
  insert into portfolio_ar_snapshot_stale (customer_id, since)
  select x.customer_id, min(x.since) from (${pairs}) x
  where x.customer_id is not null and x.since is not null
    and x.since <= (select max(month_end) from portfolio_ar_snapshot_months)
  group by x.customer_id
  on conflict (customer_id) do update set since = least(portfolio_ar_snapshot_stale.since, excluded.since)`;

/** A plpgsql statement-level trigger function running `body` (transition tables `o` / `n`). */
const fn = (name: string, body: string): SQL =>
  sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
begin
  ${body};
  return null;
end $$`);

const trigger = (name: string, table: string, event: string, refs: string, fnName: string): SQL =>
  sql.raw(`create or replace trigger ${name} after ${event} on ${table}
    referencing ${refs} for each statement execute function ${fnName}()`);

// Effective date of an allocation (never before its invoice); a deleted payment falls back to the
// invoice's date, which is never later (so the mark stays conservative).
const allocationPairs = (t: string) =>
  `select i.customer_id, greatest(coalesce(p.received_on, i.issued_on), i.issued_on) as since
   from ${t} a join invoices i on i.id = a.invoice_id left join payments p on p.id = a.payment_id`;
const notePairs = (t: string) =>
  `select i.customer_id, greatest(x.issued_on, i.issued_on) as since
   from ${t} x join invoices i on i.id = x.invoice_id`;
const counted = `status in ('open', 'paid')`;
// The (customer, date) pairs of inserted invoices (rows `t`) that can make a snapshot stale.
const invoiceInsertPairs = (t: string) => `select customer_id, issued_on as since from ${t} where ${counted}`;
// The customer attributes whose history the portfolio keeps (old row o, new row nw).
const customerStateChanged = `(o.status, o.tier, o.sales_owner, o.industry, o.region, o.parent_code)
  is distinct from (nw.status, nw.tier, nw.sales_owner, nw.industry, nw.region, nw.parent_code)`;

/**
 * Database-side bookkeeping of the portfolio capability, applied by `migrateDatabase` after the
 * Drizzle migrations (idempotent: CREATE OR REPLACE), because drizzle-kit generates tables, not
 * triggers. Statement-level triggers with transition tables, so a COPY of millions of rows costs
 * one set-wise statement:
 * - a ledger change (invoice, payment date, allocation, credit note) dated on or before the last
 *   month-end AR snapshot marks the customer stale from that date (`portfolio_ar_snapshot_stale`);
 * - every change of a sales order's status or amounts records the state it leaves (once, from its
 *   last update) and the new one (`portfolio_order_states`), so open orders as of a past date use
 *   the order's state then;
 * - every change of a customer's status, tier, sales owner, industry, region or group records the
 *   old state (once) and the new one (`portfolio_customer_states`), so a view as of a past date
 *   groups customers as they were then and "left by a date" uses the closing date.
 */
export const PORTFOLIO_TRIGGER_STATEMENTS: SQL[] = [
  fn("portfolio_invoices_ins", markStale(invoiceInsertPairs("n"))),
  fn(
    "portfolio_invoices_upd",
    markStale(`select y.customer_id, least(o.issued_on, nw.issued_on) as since
      from o join n nw on nw.id = o.id
      cross join lateral (values (o.customer_id), (nw.customer_id)) y(customer_id)
      where (o.customer_id, o.issued_on, o.due_on, o.amount_minor, o.currency, o.${counted})
        is distinct from (nw.customer_id, nw.issued_on, nw.due_on, nw.amount_minor, nw.currency, nw.${counted})`),
  ),
  fn("portfolio_invoices_del", markStale(`select customer_id, issued_on as since from o`)),
  fn("portfolio_allocations_ins", markStale(allocationPairs("n"))),
  fn("portfolio_allocations_upd", markStale(`${allocationPairs("n")} union all ${allocationPairs("o")}`)),
  fn("portfolio_allocations_del", markStale(allocationPairs("o"))),
  fn(
    "portfolio_payments_upd",
    markStale(`select i.customer_id, greatest(least(o.received_on, nw.received_on), i.issued_on) as since
      from o join n nw on nw.id = o.id join payment_allocations a on a.payment_id = nw.id
        join invoices i on i.id = a.invoice_id
      where o.received_on <> nw.received_on`),
  ),
  fn("portfolio_notes_ins", markStale(notePairs("n"))),
  fn("portfolio_notes_upd", markStale(`${notePairs("n")} union all ${notePairs("o")}`)),
  fn("portfolio_notes_del", markStale(notePairs("o"))),
  trigger("portfolio_invoices_ins", "invoices", "insert", "new table as n", "portfolio_invoices_ins"),
  trigger(
    "portfolio_invoices_upd",
    "invoices",
    "update",
    "old table as o new table as n",
    "portfolio_invoices_upd",
  ),
  trigger("portfolio_invoices_del", "invoices", "delete", "old table as o", "portfolio_invoices_del"),
  trigger(
    "portfolio_allocations_ins",
    "payment_allocations",
    "insert",
    "new table as n",
    "portfolio_allocations_ins",
  ),
  trigger(
    "portfolio_allocations_upd",
    "payment_allocations",
    "update",
    "old table as o new table as n",
    "portfolio_allocations_upd",
  ),
  trigger(
    "portfolio_allocations_del",
    "payment_allocations",
    "delete",
    "old table as o",
    "portfolio_allocations_del",
  ),
  trigger(
    "portfolio_payments_upd",
    "payments",
    "update",
    "old table as o new table as n",
    "portfolio_payments_upd",
  ),
  trigger("portfolio_notes_ins", "credit_notes", "insert", "new table as n", "portfolio_notes_ins"),
  trigger(
    "portfolio_notes_upd",
    "credit_notes",
    "update",
    "old table as o new table as n",
    "portfolio_notes_upd",
  ),
  trigger("portfolio_notes_del", "credit_notes", "delete", "old table as o", "portfolio_notes_del"),
  // Order and customer state history: the state left behind (once per order, valid from its last
  // update) and the new state (from now).
  fn(
    "portfolio_orders_upd",
    `insert into portfolio_order_states (order_id, customer_id, recorded_at, status, currency, ordered_minor, delivered_minor, invoiced_minor)
     select o.id, o.customer_id, least(o.updated_at, now()), o.status, o.currency, o.ordered_minor, o.delivered_minor, o.invoiced_minor
     from o join n nw on nw.id = o.id
     where (o.status, o.currency, o.ordered_minor, o.delivered_minor, o.invoiced_minor)
         is distinct from (nw.status, nw.currency, nw.ordered_minor, nw.delivered_minor, nw.invoiced_minor)
       and not exists (select 1 from portfolio_order_states s where s.order_id = o.id)
     union all
     select nw.id, nw.customer_id, now(), nw.status, nw.currency, nw.ordered_minor, nw.delivered_minor, nw.invoiced_minor
     from o join n nw on nw.id = o.id
     where (o.status, o.currency, o.ordered_minor, o.delivered_minor, o.invoiced_minor)
         is distinct from (nw.status, nw.currency, nw.ordered_minor, nw.delivered_minor, nw.invoiced_minor)`,
  ),
  trigger(
    "portfolio_orders_upd",
    "sales_orders",
    "update",
    "old table as o new table as n",
    "portfolio_orders_upd",
  ),
  fn(
    "portfolio_customers_upd",
    `insert into portfolio_customer_states (customer_id, recorded_at, status, attributes, tier, sales_owner, industry, region, parent_code)
     select o.id, least(o.updated_at, now()), o.status, true, o.tier, o.sales_owner, o.industry, o.region, o.parent_code
     from o join n nw on nw.id = o.id
     where ${customerStateChanged}
       and not exists (select 1 from portfolio_customer_states s where s.customer_id = o.id)
     union all
     select nw.id, now(), nw.status, true, nw.tier, nw.sales_owner, nw.industry, nw.region, nw.parent_code
     from o join n nw on nw.id = o.id
     where ${customerStateChanged}`,
  ),
  trigger(
    "portfolio_customers_upd",
    "customers",
    "update",
    "old table as o new table as n",
    "portfolio_customers_upd",
  ),
];

/**
 * The insert triggers above that mark snapshots stale, by table: the trigger, the columns its pairs
 * read from the inserted rows, and the pairs themselves over a relation of those rows.
 */
const INSERT_STALE_MARKS: Readonly<
  Record<string, { trigger: string; columns: readonly string[]; pairs: (rows: string) => string }>
> = {
  invoices: {
    trigger: "portfolio_invoices_ins",
    columns: ["customer_id", "issued_on", "status"],
    pairs: invoiceInsertPairs,
  },
  credit_notes: { trigger: "portfolio_notes_ins", columns: ["invoice_id", "issued_on"], pairs: notePairs },
};

/**
 * Runs `insert` (an INSERT into `table` without RETURNING) and returns the rows it inserted, with
 * the table's stale-marking insert trigger replaced by the same marks computed once from the
 * inserted rows' few columns. For bulk loads: the statement trigger's transition table captures
 * every whole inserted row (a million-row invoice load spent ~1.2 s of its INSERT on it, EXPLAIN
 * ANALYZE on PostgreSQL); RETURNING only the columns the marks read is cheaper, and when no
 * month-end snapshot exists yet (nothing can be stale) nothing is returned at all. The trigger is
 * disabled only inside the caller's transaction, which ALTER TABLE locks (SHARE ROW EXCLUSIVE)
 * against other sessions' writes to the table until commit: no other insert can miss it, and a
 * rollback restores it. Tables without such a trigger just run `insert`.
 */
export async function insertMarkingStale(tx: TxSession, table: string, insert: SQL): Promise<number> {
  const marks = INSERT_STALE_MARKS[table];
  if (marks === undefined) {
    return executeCount(tx.db, insert);
  }
  const t = sql.identifier(table);
  const trigger = sql.identifier(marks.trigger);
  await tx.db.execute(sql`alter table ${t} disable trigger ${trigger}`);
  const months = await queryRows<{ found: boolean }>(
    tx.db,
    sql`select exists (select 1 from portfolio_ar_snapshot_months) as found`,
  );
  let inserted: number;
  if (months[0]?.found !== true) {
    inserted = await executeCount(tx.db, insert);
  } else {
    const [row] = await queryRows<{ n: number }>(
      tx.db,
      sql`with n as (${insert} returning ${sql.raw(marks.columns.join(", "))}),
        marked as (${sql.raw(markStale(marks.pairs("n")))} returning 1)
      select count(*)::int as n from n`,
    );
    inserted = Number(row?.n ?? 0);
  }
  await tx.db.execute(sql`alter table ${t} enable trigger ${trigger}`);
  return inserted;
}

/** Installs (or re-installs) the triggers above. */
export async function installPortfolioTriggers(db: Db): Promise<void> {
  for (const statement of PORTFOLIO_TRIGGER_STATEMENTS) {
    await db.execute(statement);
  }
}
