import { addMonths } from "@creditdesk/core/assessment";
import { monthEnd } from "@creditdesk/core/models";
import { type Db, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";

/**
 * Default as-of range of the own-history data set: from the first quarter-end with 12 months of
 * ledger behind it, to the last month-end whose whole outcome window (horizon) lies inside the
 * recorded history (the latest invoice, payment or default date) — later dates would count
 * not-yet-observed defaults as goods. Null when the range is empty.
 */
export async function historyWindow(
  db: Db,
  options: { horizonMonths: number },
): Promise<{ from: string; to: string; lastObserved: string } | null> {
  const [row] = await queryRows<{ first: string | null; last: string | null }>(
    db,
    sql`
      select (select min(issued_on) from invoices)::text as first,
        greatest(
          (select max(issued_on) from invoices),
          (select max(received_on) from payments),
          (select max(defaulted_on) from customer_defaults)
        )::text as last
    `,
  );
  if (!row?.first || !row.last) {
    return null;
  }
  // Start on a calendar quarter-end (Mar, Jun, Sep, Dec) so every-3-months dates are quarter-ends.
  let from = monthEnd(addMonths(row.first, 12));
  while (Number(from.slice(5, 7)) % 3 !== 0) {
    from = monthEnd(addMonths(`${from.slice(0, 8)}01`, 1));
  }
  const lastFull = addMonths(row.last, -options.horizonMonths);
  // The last month-end on or before lastFull.
  const to = monthEnd(lastFull) === lastFull ? lastFull : monthEnd(addMonths(lastFull, -1));
  return from <= to ? { from, to, lastObserved: row.last } : null;
}
