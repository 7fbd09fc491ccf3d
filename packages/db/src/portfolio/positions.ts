import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { insuredCoverCtes } from "../insurance/insured-cover.ts";
import { halfEven, inCustomers, openInvoicesCte, toBaseMinor } from "./sql-helpers.ts";
import { customersAsOfSql, salesOrdersAsOfSql } from "./state-history.ts";

/** One customer's figures as of a date in the base currency, raw from SQL (see core `PortfolioPosition`). */
export interface PositionRow {
  customerId: number;
  code: string;
  name: string;
  industry: string | null;
  region: string | null;
  tier: string;
  salesOwner: string | null;
  parentCode: string | null;
  status: string;
  segment: string | null;
  grade: string | null;
  notch: string | null;
  pd: number | null;
  openMinor: number;
  overdueMinor: number;
  current: number;
  d1_30: number;
  d31_60: number;
  d61_90: number;
  d91_180: number;
  over180: number;
  undeliveredMinor: number;
  dniMinor: number;
  reservationsMinor: number;
  limitMinor: number | null;
  collateralMinor: number;
  guaranteesMinor: number;
  insuredMinor: number;
  coverMinor: number;
  missingFx: string[] | null;
}

const bucket = (cond: SQL) => sql`coalesce(sum(open) filter (where ${cond}), 0)::int8`;

/**
 * Every customer's position as of a date, in ONE statement over the whole portfolio:
 * - open receivables per currency (`openInvoicesCte`) with overdue part and aging buckets
 *   (DOMAIN.md: current, 1–30, 31–60, 61–90, 91–180, > 180 days past due);
 * - open orders not delivered and delivered not invoiced (orders placed on or before as-of, in
 *   the state they were in at the end of as-of: `salesOrdersAsOfSql`), and active credit-check
 *   reservations not expired at `now`, without double counting, as the limits capability does;
 * - each part converted to the base currency once per customer and currency, half-even, at the
 *   latest rate on or before as-of (`ratesCte`); currencies without a rate listed in `missingFx`;
 * - current credit limits (all segments, in force on as-of, temporary before standard) and the
 *   segment of the largest one;
 * - securities valid on as-of (collateral; guarantees and letters of credit; credit insurance
 *   securities) plus the insured limits in force under insurance policies (`insuredCoverCtes`),
 *   with the amount-weighted cover (Σ limit × indemnity);
 * - the grade, notch and PD of the latest assessment on or before as-of;
 * - the customer's status, tier, sales owner, industry, region and group as they were at the end
 *   of as-of (`customersAsOfSql`): a customer closed since is still in a past view.
 */
export async function loadPortfolioPositions(
  db: Db,
  options: { asOf: string; baseCurrency: string; now: Date },
): Promise<PositionRow[]> {
  const asOf = sql`cast(${options.asOf} as date)`;
  const now = sql`cast(${options.now.toISOString()} as timestamptz)`;
  const conv = (col: string) => toBaseMinor(sql`p.${sql.raw(col)}`, sql`r.factor`);
  return queryRows<PositionRow>(
    db,
    sql`
    with ${ratesCte(asOf, options.baseCurrency)}, ${insuredCoverCtes(asOf)},
    ${openInvoicesCte(asOf)},
    recv as (
      select customer_id, cur, sum(open)::int8 as open, ${bucket(sql`dpd > 0`)} as overdue,
        ${bucket(sql`dpd <= 0`)} as b0, ${bucket(sql`dpd between 1 and 30`)} as b1,
        ${bucket(sql`dpd between 31 and 60`)} as b2, ${bucket(sql`dpd between 61 and 90`)} as b3,
        ${bucket(sql`dpd between 91 and 180`)} as b4, ${bucket(sql`dpd > 180`)} as b5
      from inv where open > 0 group by customer_id, cur
    ), ${openOrdersCtes(asOf, now)}, parts as (
      select customer_id, cur, sum(open)::int8 as open, sum(overdue)::int8 as overdue, sum(b0)::int8 as b0,
        sum(b1)::int8 as b1, sum(b2)::int8 as b2, sum(b3)::int8 as b3, sum(b4)::int8 as b4, sum(b5)::int8 as b5,
        sum(undelivered)::int8 as undelivered, sum(dni)::int8 as dni, sum(reserved)::int8 as reserved
      from (
        select customer_id, cur, open, overdue, b0, b1, b2, b3, b4, b5, 0::int8 as undelivered, 0::int8 as dni, 0::int8 as reserved from recv
        union all
        select customer_id, cur, 0, 0, 0, 0, 0, 0, 0, 0, undelivered, dni, 0 from ord
        union all
        select customer_id, cur, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, reserved from res
      ) u group by customer_id, cur
    ), expo as (
      select p.customer_id,
        coalesce(sum(${conv("open")}) filter (where r.factor is not null), 0) as open,
        coalesce(sum(${conv("overdue")}) filter (where r.factor is not null), 0) as overdue,
        coalesce(sum(${conv("b0")}) filter (where r.factor is not null), 0) as b0,
        coalesce(sum(${conv("b1")}) filter (where r.factor is not null), 0) as b1,
        coalesce(sum(${conv("b2")}) filter (where r.factor is not null), 0) as b2,
        coalesce(sum(${conv("b3")}) filter (where r.factor is not null), 0) as b3,
        coalesce(sum(${conv("b4")}) filter (where r.factor is not null), 0) as b4,
        coalesce(sum(${conv("b5")}) filter (where r.factor is not null), 0) as b5,
        coalesce(sum(${conv("undelivered")}) filter (where r.factor is not null), 0) as undelivered,
        coalesce(sum(${conv("dni")}) filter (where r.factor is not null), 0) as dni,
        coalesce(sum(${conv("reserved")}) filter (where r.factor is not null), 0) as reserved,
        array_agg(p.cur order by p.cur) filter (where r.factor is null) as missing
      from parts p left join rates r on r.cur = p.cur
      group by p.customer_id
    ), ${limitsInForceCtes(asOf)}, sec as (
      select x.customer_id,
        coalesce(sum(x.base) filter (where x.type = 'collateral'), 0)::int8 as collateral,
        coalesce(sum(x.base) filter (where x.type in ('guarantee', 'letter_of_credit')), 0)::int8 as guarantees,
        coalesce(sum(x.base) filter (where x.type = 'credit_insurance'), 0)::int8 as insured,
        coalesce(sum(x.base * coalesce(x.indemnity_bps, 10000) / 10000.0) filter (where x.type = 'credit_insurance'), 0) as cover
      from (select s.customer_id, s.type, s.indemnity_bps, ${halfEven(sql`s.amount_minor * r.factor`)} as base
            from credit_securities s join rates r on r.cur = s.currency
            where s.valid_from <= ${asOf} and (s.expires_on is null or s.expires_on >= ${asOf})) x
      group by x.customer_id
    ), grade as (
      select distinct on (customer_id) customer_id, grade, master_notch, pd
      from assessments where as_of <= ${asOf}
      order by customer_id, as_of desc, id desc
    )
    select c.id as "customerId", c.code, c.legal_name as name, c.industry, c.region, c.tier,
      c.sales_owner as "salesOwner", c.parent_code as "parentCode", c.status, lim.segment,
      g.grade, g.master_notch as notch, g.pd,
      coalesce(e.open, 0)::int8 as "openMinor", coalesce(e.overdue, 0)::int8 as "overdueMinor",
      coalesce(e.b0, 0)::int8 as current, coalesce(e.b1, 0)::int8 as d1_30, coalesce(e.b2, 0)::int8 as d31_60,
      coalesce(e.b3, 0)::int8 as d61_90, coalesce(e.b4, 0)::int8 as d91_180, coalesce(e.b5, 0)::int8 as over180,
      coalesce(e.undelivered, 0)::int8 as "undeliveredMinor", coalesce(e.dni, 0)::int8 as "dniMinor",
      coalesce(e.reserved, 0)::int8 as "reservationsMinor", lim.limit_minor as "limitMinor",
      coalesce(s.collateral, 0) as "collateralMinor", coalesce(s.guarantees, 0) as "guaranteesMinor",
      (coalesce(s.insured, 0) + coalesce(ic.insured_limit_minor, 0))::int8 as "insuredMinor",
      (coalesce(s.cover, 0) + coalesce(ic.max_cover_minor, 0))::float8 as "coverMinor",
      e.missing as "missingFx"
    from ${customersAsOfSql(asOf)} c
      left join expo e on e.customer_id = c.id
      left join lim on lim.customer_id = c.id
      left join sec s on s.customer_id = c.id
      left join insured_cover ic on ic.customer_id = c.id
      left join grade g on g.customer_id = c.id
    where c.status <> 'closed' or e.customer_id is not null
    order by c.id`,
  );
}

/**
 * CTEs `ord (customer_id, cur, undelivered, dni)` — orders placed on or before as-of, in their
 * state at the end of as-of, not delivered and delivered not invoiced, except those an active
 * reservation stands for — and `res (customer_id, cur, reserved)`, active reservations not expired
 * at `now` (the limits capability's exposure parts). `customerIds` restricts them to a few customers.
 */
export function openOrdersCtes(asOf: SQL, now: SQL, customerIds?: readonly number[]): SQL {
  return sql`ord as (
      select so.customer_id, so.currency::text as cur,
        sum(greatest(so.ordered_minor - so.delivered_minor, 0))::int8 as undelivered,
        sum(greatest(so.delivered_minor - so.invoiced_minor, 0))::int8 as dni
      from ${salesOrdersAsOfSql(asOf)} so
      where so.status in ('open', 'partially_delivered', 'delivered') and so.ordered_on <= ${asOf}${inCustomers(sql`so.customer_id`, customerIds)}
        and not exists (select 1 from credit_checks c where c.customer_id = so.customer_id
          and c.order_reference = so.order_number and c.reservation_status = 'active' and c.expires_at > ${now})
      group by so.customer_id, so.currency
    ), res as (
      select c.customer_id, c.limit_currency::text as cur, sum(c.reserved_minor)::int8 as reserved
      from credit_checks c
      where c.reservation_status = 'active' and c.expires_at > ${now} and c.checked_at::date <= ${asOf}${inCustomers(sql`c.customer_id`, customerIds)}
        and not exists (select 1 from sales_orders so where so.customer_id = c.customer_id
          and so.order_number = c.order_reference and so.status in ('invoiced', 'closed', 'cancelled'))
      group by c.customer_id, c.limit_currency
    )`;
}

/**
 * CTEs `lim_in_force (customer_id, segment, cur, amount_minor)` — per credit account the limit in
 * force on as-of, temporary before standard — and `lim (customer_id, limit_minor, segment)`, their
 * sum in the base currency (the `rates` CTE) and the segment of the largest.
 */
export function limitsInForceCtes(asOf: SQL, customerIds?: readonly number[]): SQL {
  return sql`lim_in_force as (
      select distinct on (l.account_id) l.customer_id, l.segment, l.currency::text as cur, l.amount_minor
      from credit_limits l
      where l.valid_from <= ${asOf} and (l.valid_to is null or l.valid_to >= ${asOf})
        and l.created_at::date <= ${asOf}${inCustomers(sql`l.customer_id`, customerIds)} and (l.superseded_at is null or l.superseded_at::date > ${asOf})
      order by l.account_id, (l.kind = 'temporary') desc, l.id desc
    ), lim as (
      select x.customer_id, sum(x.base)::int8 as limit_minor, (array_agg(x.segment order by x.base desc, x.segment))[1] as segment
      from (select f.customer_id, f.segment, ${halfEven(sql`f.amount_minor * r.factor`)} as base
            from lim_in_force f join rates r on r.cur = f.cur) x
      group by x.customer_id
    )`;
}
