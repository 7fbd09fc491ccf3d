import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { roundHalfEvenSql } from "./overdue-invoices.ts";

export interface PromisePaymentRow {
  promiseId: number;
  receivedOn: string;
  /** Allocated to the promise's invoices, in the promise currency (half-even when converted). */
  amountMinor: number;
}

/**
 * The payments allocated to the invoices of the given open promises (or of every open promise),
 * received from the day each promise was made up to as-of — one statement. A payment in another
 * currency than the promise is converted through the base currency at the rates of as-of.
 */
export async function loadPromisePayments(
  db: Db,
  query: { asOf: string; baseCurrency: string; promiseIds?: readonly number[] },
): Promise<PromisePaymentRow[]> {
  const asOf = sql`${query.asOf}::date`;
  const only = query.promiseIds
    ? sql`and pp.id = any(${sql.param([...query.promiseIds])}::bigint[])`
    : sql`and pp.status = 'open'`;
  const converted = roundHalfEvenSql(sql`pa.amount_minor * rp.factor / rq.factor`);
  const rows = await queryRows<{ promise_id: number; received_on: string; amount: number | null }>(
    db,
    sql`with ${ratesCte(asOf, query.baseCurrency)}
    select pp.id as promise_id, p.received_on,
      sum(case when p.currency = pp.currency then pa.amount_minor else ${converted} end)::int8 as amount
    from payment_promises pp
    join payment_promise_invoices ppi on ppi.promise_id = pp.id
    join payment_allocations pa on pa.invoice_id = ppi.invoice_id
    join payments p on p.id = pa.payment_id
    left join rates rp on rp.cur = p.currency
    left join rates rq on rq.cur = pp.currency
    where p.received_on >= pp.made_on and p.received_on <= ${asOf} ${only}
    group by pp.id, p.received_on
    order by pp.id, p.received_on`,
  );
  return rows
    .filter((r) => r.amount !== null)
    .map((r) => ({
      promiseId: Number(r.promise_id),
      receivedOn: r.received_on,
      amountMinor: Number(r.amount),
    }));
}

/**
 * Broken promises to pay per customer whose deadline (promised date + grace) fell in the `months`
 * months up to as-of — a payment-behaviour indicator for the assessment and monitoring, set-wise
 * for the whole portfolio or the given customers. Customers without broken promises are absent.
 */
export async function countBrokenPromises(
  db: Db,
  query: { asOf: string; months?: number; customerIds?: readonly number[] },
): Promise<Map<number, number>> {
  const asOf = sql`${query.asOf}::date`;
  const only: SQL = query.customerIds
    ? sql`and customer_id = any(${sql.param([...query.customerIds])}::bigint[])`
    : sql``;
  const rows = await queryRows<{ customer_id: number; n: number }>(
    db,
    sql`select customer_id, count(*)::int as n from payment_promises
    where status = 'broken'
      and promised_on + grace_days > (${asOf} - make_interval(months => ${query.months ?? 12}::int))::date
      and promised_on + grace_days <= ${asOf} ${only}
    group by customer_id`,
  );
  return new Map(rows.map((r) => [Number(r.customer_id), Number(r.n)]));
}
