import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { customersAsOfSql } from "./state-history.ts";

export interface MigrationRow {
  customerId: number;
  existedAtFrom: boolean;
  fromGrade: string | null;
  toGrade: string | null;
  fromNotch: string | null;
  toNotch: string | null;
  defaulted: boolean;
  left: boolean;
}

/**
 * Every customer's standing at two dates for the grade migration matrix, in one statement: the
 * grade and notch of the latest assessment on or before each date; whether the customer was in the
 * portfolio at the first date (assessed, or invoiced, by then); a realised default after the first
 * date up to the second; whether it had left by the second date (status closed then, from the
 * customer state history: `customersAsOfSql`). Customers that were neither in the
 * portfolio at the first date nor assessed/invoiced by the second are not returned.
 */
export async function loadMigrationRecords(
  db: Db,
  options: { from: string; to: string },
): Promise<MigrationRow[]> {
  const from = sql`cast(${options.from} as date)`;
  const to = sql`cast(${options.to} as date)`;
  return queryRows<MigrationRow>(
    db,
    sql`
    with a_from as (
      select distinct on (customer_id) customer_id, grade, master_notch from assessments
      where as_of <= ${from} order by customer_id, as_of desc, id desc
    ), a_to as (
      select distinct on (customer_id) customer_id, grade, master_notch from assessments
      where as_of <= ${to} order by customer_id, as_of desc, id desc
    ), inv_from as (
      select distinct customer_id from invoices where issued_on <= ${from}
    ), inv_to as (
      select distinct customer_id from invoices where issued_on > ${from} and issued_on <= ${to}
    ), d as (
      select distinct customer_id from customer_defaults where defaulted_on > ${from} and defaulted_on <= ${to}
    ), x as (
      select c.id, c.status,
        (f.customer_id is not null or i1.customer_id is not null) as existed,
        f.grade as from_grade, f.master_notch as from_notch, t.grade as to_grade, t.master_notch as to_notch,
        d.customer_id is not null as defaulted,
        (t.customer_id is not null or i2.customer_id is not null) as seen_later
      from ${customersAsOfSql(to)} c
        left join a_from f on f.customer_id = c.id
        left join a_to t on t.customer_id = c.id
        left join inv_from i1 on i1.customer_id = c.id
        left join inv_to i2 on i2.customer_id = c.id
        left join d on d.customer_id = c.id
    )
    select id as "customerId", existed as "existedAtFrom", from_grade as "fromGrade", to_grade as "toGrade",
      from_notch as "fromNotch", to_notch as "toNotch", defaulted, status = 'closed' as left
    from x where existed or seen_later
    order by id`,
  );
}

export interface BacktestRow {
  customerId: number;
  grade: string;
  notch: string | null;
  pd: number;
  defaulted: boolean;
}

/**
 * The obligors of a PD back-test starting at `start`: every customer's latest assessment on or
 * before the start (customers that had already defaulted by then are left out — they are no longer
 * performing) and whether a default is recorded within the horizon, (start, start + months].
 */
export async function loadBacktestObligors(
  db: Db,
  options: { start: string; horizonMonths: number },
): Promise<BacktestRow[]> {
  const start = sql`cast(${options.start} as date)`;
  const end = sql`(${start} + make_interval(months => ${options.horizonMonths}::int))::date`;
  return queryRows<BacktestRow>(
    db,
    sql`
    with a as (
      select distinct on (customer_id) customer_id, grade, master_notch, pd from assessments
      where as_of <= ${start} order by customer_id, as_of desc, id desc
    )
    select a.customer_id as "customerId", a.grade, a.master_notch as notch, a.pd,
      exists (select 1 from customer_defaults d where d.customer_id = a.customer_id
        and d.defaulted_on > ${start} and d.defaulted_on <= ${end}) as defaulted
    from a
    where not exists (select 1 from customer_defaults d where d.customer_id = a.customer_id and d.defaulted_on <= ${start})
    order by a.customer_id`,
  );
}
