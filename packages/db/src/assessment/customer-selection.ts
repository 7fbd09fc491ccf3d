import { type SQL, sql } from "drizzle-orm";

/**
 * Which customers a set-wise query covers: all, an explicit list, or an id range (the bulk run
 * walks the portfolio in id ranges so memory stays bounded and the range scans the
 * `(customer_id, …)` indexes).
 */
export interface CustomerSelection {
  customerIds?: readonly number[] | undefined;
  /** Inclusive id range. */
  customerIdRange?: { from: number; to: number } | undefined;
}

/** `and <column> …` restricting a query to the selection (nothing for "all"). */
export function customerFilter(column: SQL, selection: CustomerSelection): SQL {
  const parts: SQL[] = [];
  if (selection.customerIds) {
    parts.push(sql`and ${column} = any(${sql.param([...selection.customerIds])}::bigint[])`);
  }
  if (selection.customerIdRange) {
    parts.push(
      sql`and ${column} between ${selection.customerIdRange.from}::bigint and ${selection.customerIdRange.to}::bigint`,
    );
  }
  return sql.join(parts, sql` `);
}
