import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { paymentLatenessSql } from "./behaviour-aggregates.ts";
import { customerFilter } from "./customer-selection.ts";

/** One calendar month's payment sums of a customer (k = 0 the month of as-of, k = 1 the one before …). */
export interface PaymentLatenessMonth {
  k: number;
  /** Σ allocation amount × late days (base currency minor units × days). */
  weightedDays: number;
  /** Σ allocation amount (base currency minor units, unrounded). */
  amountMinor: number;
  /** Allocations paid after their due date. */
  lateCount: number;
  count: number;
}

/**
 * A customer's payments per calendar month for the `months` months ending at as-of (the last one
 * cut at as-of), as the sums behind days beyond terms (`weightedDaysBeyondTerms` in core): the
 * assessment's own allocation rows (`paymentLatenessSql`) grouped by the month of the payment
 * instead of the 3/6/12-month windows. Months without payments have no row.
 */
export async function loadBehaviourTrend(
  db: Db,
  options: { customerId: number; asOf: string; months: number; baseCurrency: string },
): Promise<PaymentLatenessMonth[]> {
  const asOf = sql`cast(${options.asOf} as date)`;
  const start = sql`(date_trunc('month', ${asOf}) - make_interval(months => ${options.months - 1}::int))::date`;
  const only = (column: Parameters<typeof customerFilter>[0]) =>
    customerFilter(column, { customerIds: [options.customerId] });
  return queryRows<PaymentLatenessMonth>(
    db,
    sql`with ${ratesCte(asOf, options.baseCurrency)},
    alloc as (${paymentLatenessSql({ after: sql`(${start} - 1)`, asOf, only })})
    select ((extract(year from ${asOf}) * 12 + extract(month from ${asOf}))::int
        - (extract(year from d) * 12 + extract(month from d))::int) as k,
      sum(amount * late_days)::float8 as "weightedDays", sum(amount)::float8 as "amountMinor",
      (count(*) filter (where late_days > 0))::int as "lateCount", count(*)::int as count
    from alloc group by 1 order by 1`,
  );
}
