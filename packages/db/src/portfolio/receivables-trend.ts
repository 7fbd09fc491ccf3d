import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { candidateInvoicesCtes, halfEven, inCustomers } from "./sql-helpers.ts";
import { customersAsOfSql } from "./state-history.ts";

/** Dimensions the receivables trend can be split by (customer-level trends are per credit file). */
export const TREND_DIMENSIONS = ["total", "group", "industry", "region", "tier", "salesOwner"] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];

/** The group key of customer `c` (a row of `customersAsOfSql`: as it was at as-of) in each trend dimension. */
export const trendGroupExpr: Record<TrendDimension, SQL> = {
  total: sql`'total'`,
  group: sql`coalesce(c.parent_code, c.code)`,
  industry: sql`coalesce(c.industry, '(none)')`,
  region: sql`coalesce(c.region, '(none)')`,
  tier: sql`c.tier`,
  salesOwner: sql`coalesce(c.sales_owner, '(none)')`,
};

/** Sums of one group and period (k = 0 is the period ending at as-of, k = months the time before). */
export interface TrendRow {
  kind: "flow" | "current";
  grp: string;
  k: number;
  amountMinor: number;
  salesMinor: number;
}

/**
 * The receivables flows behind a monthly DSO / ADDB / CEI trend (DOMAIN.md), per group, in one
 * statement: every invoice (+ amount; credit sales of its month), payment allocation and credit
 * note (− amount) dated at its effective date (never before its invoice), bucketed by calendar
 * month back from as-of (`k`; older flows in k = months, the opening balance), and the not-yet-due
 * part of the receivables at each period end (`current`). Base currency at the as-of rate
 * (`ratesCte`), each sum converted once, half-even. Periods: calendar months, the last one ending
 * at as-of.
 */
export async function loadReceivablesTrend(
  db: Db,
  options: {
    asOf: string;
    baseCurrency: string;
    months: number;
    dimension: TrendDimension;
    /** Only these customers (a credit file's own trend); the whole portfolio when undefined. */
    customerIds?: readonly number[] | undefined;
  },
): Promise<TrendRow[]> {
  const ids = options.customerIds;
  const asOf = sql`cast(${options.asOf} as date)`;
  const months = options.months;
  const monthIndex = (d: SQL) =>
    sql`((extract(year from ${asOf}) * 12 + extract(month from ${asOf}))::int - (extract(year from ${d}) * 12 + extract(month from ${d}))::int)`;
  return queryRows<TrendRow>(
    db,
    sql`
    with ${ratesCte(asOf, options.baseCurrency)},
    pe as (
      select k, least(${asOf}, (date_trunc('month', ${asOf}) - k * interval '1 month' + interval '1 month' - interval '1 day')::date) as e
      from generate_series(0, ${months - 1}::int) k
    ), cg as (
      select c.id, ${trendGroupExpr[options.dimension]} as grp from ${customersAsOfSql(asOf)} c
      where true${inCustomers(sql`c.id`, ids)}
    ), ${candidateInvoicesCtes(asOf, sql`(select (date_trunc('month', min(e)) - interval '1 day')::date from pe)`, ids)}
    , flows as (
      select cg.grp, f.cur, least(${months}::int, ${monthIndex(sql`f.eff`)}) as k,
        sum(f.amount) as amount, sum(f.sales) as sales
      from (
        select customer_id, cur, issued_on as eff, amount_minor as amount, amount_minor as sales from cand
        union all
        select customer_id, cur, eff, -amount, 0 from red
      ) f join cg on cg.id = f.customer_id
      group by 1, 2, 3
    ), cur_ar as (
      select cg.grp, x.cur, x.k, sum(x.amount) as amount
      from (
        select i.customer_id, i.cur, pe.k, i.amount_minor as amount
        from cand i join pe on pe.e between i.issued_on and i.due_on
        union all
        select r.customer_id, r.cur, pe.k, -r.amount
        from red r join pe on pe.e between r.issued_on and r.due_on and r.eff <= pe.e
      ) x join cg on cg.id = x.customer_id
      group by 1, 2, 3
    )
    select 'flow' as kind, f.grp, f.k, ${halfEven(sql`f.amount * r.factor`)} as "amountMinor",
      ${halfEven(sql`f.sales * r.factor`)} as "salesMinor"
    from flows f join rates r on r.cur = f.cur
    union all
    select 'current', a.grp, a.k, ${halfEven(sql`a.amount * r.factor`)}, 0::int8
    from cur_ar a join rates r on r.cur = a.cur`,
  );
}
