import type { DatabaseHandle } from "@creditdesk/db";
import { sql } from "drizzle-orm";

/** Limit of the hot customer B1 (CNY minor units); the 9,999 others get 100,000.00. */
export const HOT_LIMIT_MINOR = 2_000_000_00;

/**
 * The benchmark portfolio: 10,000 customers with a credit account and a standard CNY limit each,
 * and 50 open invoices (10,000.00 each) on the hot customer B1 that every check goes to.
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
  await handle.db.execute(sql`analyze`);
}
