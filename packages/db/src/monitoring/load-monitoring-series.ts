import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";

export interface MonthlySeries {
  /** Order volume per month, oldest first; index months−1 is the month ending at as-of. */
  orders: number[];
  /** Amount-weighted payment days (payment − invoice date) per month, null without payments. */
  paymentDays: (number | null)[];
}

/**
 * Monthly order volume and amount-weighted payment days per customer for the last `months` rolling
 * months ending at as-of (month k = (asOf − (k+1) months, asOf − k months]), for the whole portfolio
 * (or the given customers) in ONE set-wise query returning one row per customer with arrays.
 */
export async function loadMonitoringSeries(
  db: Db,
  query: { asOf: string; baseCurrency: string; months?: number; customerIds?: readonly number[] },
): Promise<Map<number, MonthlySeries>> {
  const months = query.months ?? 24;
  const asOf = sql`${query.asOf}::date`;
  const only = (column: SQL) =>
    query.customerIds ? sql`and ${column} = any(${sql.param([...query.customerIds])}::bigint[])` : sql``;
  const start = sql`(${asOf} - make_interval(months => ${months}::int))::date`;
  // Whole months from d to as-of: 0 for (asOf − 1 month, asOf].
  const back = (d: SQL) =>
    sql`(extract(year from age(${asOf} - 1, ${d}))::int * 12 + extract(month from age(${asOf} - 1, ${d}))::int)`;
  const rows = await queryRows<{
    customer_id: number;
    o_back: number[] | null;
    o_val: number[] | null;
    p_back: number[] | null;
    p_val: number[] | null;
  }>(
    db,
    sql`
    with ${ratesCte(asOf, query.baseCurrency)},
    ord as (
      select o.customer_id, ${back(sql`o.ordered_on`)} as back, sum(o.ordered_minor * r.factor)::float8 as v
      from sales_orders o join rates r on r.cur = o.currency
      where o.ordered_on > ${start} and o.ordered_on <= ${asOf} and o.status <> 'cancelled' ${only(sql`o.customer_id`)}
      group by 1, 2
    ),
    pay as (
      select i.customer_id, ${back(sql`p.received_on`)} as back,
        (sum(pa.amount_minor * r.factor * (p.received_on - i.issued_on)) / nullif(sum(pa.amount_minor * r.factor), 0))::float8 as v
      from payment_allocations pa
      join payments p on p.id = pa.payment_id
      join invoices i on i.id = pa.invoice_id
      join rates r on r.cur = p.currency
      where p.received_on > ${start} and p.received_on <= ${asOf} ${only(sql`i.customer_id`)}
      group by 1, 2
    ),
    o as (select customer_id, array_agg(back) as b, array_agg(v) as v from ord group by 1),
    p as (select customer_id, array_agg(back) as b, array_agg(v) as v from pay where v is not null group by 1)
    select coalesce(o.customer_id, p.customer_id) as customer_id, o.b as o_back, o.v as o_val, p.b as p_back, p.v as p_val
    from o full join p on p.customer_id = o.customer_id
  `,
  );
  const out = new Map<number, MonthlySeries>();
  for (const r of rows) {
    const orders = new Array<number>(months).fill(0);
    const paymentDays = new Array<number | null>(months).fill(null);
    (r.o_back ?? []).forEach((b, i) => {
      const k = Number(b);
      if (k >= 0 && k < months) {
        orders[months - 1 - k] = Number(r.o_val?.[i] ?? 0);
      }
    });
    (r.p_back ?? []).forEach((b, i) => {
      const k = Number(b);
      if (k >= 0 && k < months) {
        paymentDays[months - 1 - k] = Number(r.p_val?.[i]);
      }
    });
    out.set(Number(r.customer_id), { orders, paymentDays });
  }
  return out;
}
