import type { DatabaseHandle } from "@creditdesk/db";
import { sql } from "drizzle-orm";

/** Limit of the hot customer B1 (CNY minor units); the 9,999 others get 100,000.00. */
export const HOT_LIMIT_MINOR = 2_000_000_00;

/** Past credit checks seeded per customer (the hot one gets HOT_HISTORY). */
const HISTORY_PER_CUSTOMER = 3;
const HOT_HISTORY = 5_000;

/**
 * The benchmark portfolio: 10,000 customers with a credit account and a standard CNY limit each,
 * 50 open invoices (10,000.00 each) on the hot customer B1 that every check goes to, and a credit
 * check history as a running system has one (3 past checks per customer, 5,000 on B1; their orders
 * went out, so their reservations are released) — then ANALYZE. Without the history every run
 * would start on an empty credit_checks table whose statistics say "empty": the generic plans the
 * server's prepared statements settle on in their first executions would then scan the table
 * instead of its indexes, and grow slower with every check until autovacuum analyses it (a
 * fresh install's first minute, not the steady state this benchmark measures).
 */
export async function seedBench(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`
    insert into customers (code, legal_name) select 'B' || g, 'Bench customer ' || g from generate_series(1, 10000) g`);
  await handle.db.execute(
    sql`insert into credit_accounts (customer_id, segment) select id, 'default' from customers`,
  );
  await handle.db.execute(sql`
    insert into credit_limits (account_id, customer_id, segment, kind, currency, amount_minor, valid_from, created_by)
    select a.id, a.customer_id, 'default', 'standard', 'CNY',
      case when c.code = 'B1' then ${HOT_LIMIT_MINOR}::int8 else 10000000 end, current_date - 1, 'bench'
    from credit_accounts a join customers c on c.id = a.customer_id`);
  await handle.db.execute(sql`
    insert into invoices (invoice_number, customer_id, issued_on, due_on, currency, amount_minor)
    select 'BI-' || g, (select id from customers where code = 'B1'), current_date - 10, current_date + 20, 'CNY', 1000000
    from generate_series(1, 50) g`);
  await handle.db.execute(sql`
    insert into credit_checks (customer_id, account_id, segment, order_reference, amount_minor, currency,
      order_total_minor, outcome, reasons, decision, limit_id, limit_currency, reserved_minor,
      reservation_status, released_at, release_reason, checked_by, checked_at)
    select a.customer_id, a.id, 'default', 'H-' || a.customer_id || '-' || g, 1000000, 'CNY', 1000000,
      'approved', '[]'::jsonb, '{}'::jsonb, l.id, 'CNY', 1000000, 'released',
      now() - make_interval(days => g % 300), 'invoiced', 'bench', now() - make_interval(days => g % 300 + 1)
    from credit_accounts a
    join customers c on c.id = a.customer_id
    join credit_limits l on l.account_id = a.id
    cross join lateral generate_series(1, case when c.code = 'B1' then ${HOT_HISTORY}::int4
      else ${HISTORY_PER_CUSTOMER}::int4 end) g`);
  await handle.db.execute(sql`analyze`);
}
