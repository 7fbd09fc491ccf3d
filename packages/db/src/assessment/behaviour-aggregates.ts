import type { BehaviourAggregates } from "@creditdesk/core/assessment";
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { type CustomerSelection, customerFilter } from "./customer-selection.ts";

export interface BehaviourQuery extends CustomerSelection {
  asOf: string;
  /** N of DSO/ADDB/CEI (default 90 days). */
  periodDays?: number;
  baseCurrency: string;
}

interface Row {
  customer_id: number;
  [column: string]: unknown;
}

/**
 * Every payment allocation dated in (after, asOf] with its late days (DOMAIN.md days beyond terms:
 * max(0, payment date − due date), early counts as 0) and its amount in the base currency at the
 * `rates` CTE: the body of a CTE `(customer_id, d, amount, late_days)` — the rows the assessment's
 * 3/6/12-month DBT sums (`loadBehaviourAggregates`) and the credit file's monthly trend
 * (`loadBehaviourTrend`) aggregate.
 */
export function paymentLatenessSql(options: { after: SQL; asOf: SQL; only: (column: SQL) => SQL }): SQL {
  return sql`
      select i.customer_id, p.received_on as d, pa.amount_minor * r.factor as amount,
        greatest(0, p.received_on - i.due_on) as late_days
      from payment_allocations pa
      join payments p on p.id = pa.payment_id
      join invoices i on i.id = pa.invoice_id
      join rates r on r.cur = p.currency
      where p.received_on > ${options.after} and p.received_on <= ${options.asOf} ${options.only(sql`i.customer_id`)}
    `;
}

/**
 * The sums behind every BehaviourMetric, for the whole portfolio (or the given customers) in ONE
 * set-wise query — the bulk path of the assessment run. Definitions are those of
 * `computeBehaviourMetrics` in @creditdesk/core/assessment (a test holds both equal). Amounts are
 * converted to the base currency at the latest recorded rate on or before as-of; amounts in a
 * currency without a recorded rate are left out (and `unconvertedCurrencies` says which).
 */
export async function loadBehaviourAggregates(
  db: Db,
  query: BehaviourQuery,
): Promise<Map<number, BehaviourAggregates>> {
  const periodDays = query.periodDays ?? 90;
  const only = (column: SQL) => customerFilter(column, query);
  const asOf = sql`${query.asOf}::date`;
  const opening = sql`(${asOf} - ${periodDays}::int)`;
  const months = (n: number) => sql`(${asOf} - make_interval(months => ${n}::int))::date`;

  const rows = await queryRows<Row>(
    db,
    sql`
    with ${ratesCte(asOf, query.baseCurrency)},
    inv as (
      select i.id, i.customer_id, i.issued_on, i.due_on, i.amount_minor * r.factor as amount
      from invoices i join rates r on r.cur = i.currency
      where i.issued_on <= ${asOf} and i.status <> 'cancelled' ${only(sql`i.customer_id`)}
    ),
    red as (
      select pa.invoice_id, p.received_on as d, pa.amount_minor * r.factor as amount
      from payment_allocations pa
      join inv on inv.id = pa.invoice_id
      join payments p on p.id = pa.payment_id
      join rates r on r.cur = p.currency
      where p.received_on <= ${asOf}
      union all
      select cn.invoice_id, cn.issued_on, cn.amount_minor * r.factor
      from credit_notes cn join inv on inv.id = cn.invoice_id join rates r on r.cur = cn.currency
      where cn.issued_on <= ${asOf}
    ),
    red_inv as (
      select invoice_id, sum(amount) as red_asof, coalesce(sum(amount) filter (where d <= ${opening}), 0) as red_opening
      from red group by invoice_id
    ),
    per_inv as (
      select inv.customer_id, inv.issued_on, inv.amount,
        greatest(0, inv.amount - coalesce(ri.red_asof, 0)) as open_asof,
        case when inv.issued_on <= ${opening} then greatest(0, inv.amount - coalesce(ri.red_opening, 0)) else 0 end as open_opening,
        greatest(0, coalesce(ri.red_asof, 0) - inv.amount) as over_credit,
        (${asOf} - inv.due_on) as dpd
      from inv left join red_inv ri on ri.invoice_id = inv.id
    ),
    inv_agg as (
      select customer_id,
        ${agingBucketSums},
        sum(over_credit) as over_credit,
        coalesce(sum(amount) filter (where issued_on > ${opening}), 0) as credit_sales,
        sum(open_opening) as opening_ar,
        count(*) filter (where issued_on > ${months(12)}) as invoice_count_12m
      from per_inv group by customer_id
    ),
    alloc as (${paymentLatenessSql({ after: months(12), asOf, only })}),
    alloc_agg as (
      select customer_id,
        coalesce(sum(amount * late_days) filter (where d > ${months(3)}), 0) as w3,
        coalesce(sum(amount) filter (where d > ${months(3)}), 0) as a3,
        coalesce(sum(amount * late_days) filter (where d > ${months(6)}), 0) as w6,
        coalesce(sum(amount) filter (where d > ${months(6)}), 0) as a6,
        sum(amount * late_days) as w12,
        sum(amount) as a12,
        coalesce(sum(amount) filter (where late_days > 0), 0) as late_amount,
        count(*) as pay_count,
        count(*) filter (where late_days > 0) as late_count
      from alloc group by customer_id
    ),
    unalloc as (
      select customer_id, sum(cn.amount_minor * r.factor) as amount
      from credit_notes cn join rates r on r.cur = cn.currency
      where cn.invoice_id is null and cn.issued_on <= ${asOf} ${only(sql`cn.customer_id`)}
      group by customer_id
    ),
    disp as (
      select customer_id, count(*) as n, sum(d.amount_minor * r.factor) as amount
      from disputes d join rates r on r.cur = d.currency
      where d.opened_on <= ${asOf} and (d.resolved_on is null or d.resolved_on > ${asOf}) ${only(sql`d.customer_id`)}
      group by customer_id
    ),
    compl as (
      select customer_id, count(*) as n
      from complaints where received_on > ${months(12)} and received_on <= ${asOf} ${only(sql`customer_id`)}
      group by customer_id
    ),
    ord as (
      select customer_id,
        coalesce(sum(o.ordered_minor * r.factor) filter (where ordered_on > ${months(3)}), 0) as v3,
        coalesce(sum(o.ordered_minor * r.factor) filter (where ordered_on <= ${months(3)}), 0) as trailing
      from sales_orders o join rates r on r.cur = o.currency
      where o.ordered_on > ${months(15)} and o.ordered_on <= ${asOf} and o.status <> 'cancelled' ${only(sql`o.customer_id`)}
      group by customer_id
    ),
    prom as (
      ${brokenPromisesSql(asOf, only)}
    )
    select c.id as customer_id,
      coalesce(ia.b_current, 0)::float8 as b_current, coalesce(ia.b_1_30, 0)::float8 as b_1_30,
      coalesce(ia.b_31_60, 0)::float8 as b_31_60, coalesce(ia.b_61_90, 0)::float8 as b_61_90,
      coalesce(ia.b_91_180, 0)::float8 as b_91_180, coalesce(ia.b_over_180, 0)::float8 as b_over_180,
      coalesce(ia.max_dpd, 0)::int as max_dpd,
      (coalesce(ia.over_credit, 0) + coalesce(u.amount, 0))::float8 as unallocated_credit,
      coalesce(ia.credit_sales, 0)::float8 as credit_sales,
      coalesce(ia.opening_ar, 0)::float8 as opening_ar,
      coalesce(ia.invoice_count_12m, 0)::int as invoice_count_12m,
      coalesce(aa.w3, 0)::float8 as w3, coalesce(aa.a3, 0)::float8 as a3,
      coalesce(aa.w6, 0)::float8 as w6, coalesce(aa.a6, 0)::float8 as a6,
      coalesce(aa.w12, 0)::float8 as w12, coalesce(aa.a12, 0)::float8 as a12,
      coalesce(aa.late_amount, 0)::float8 as late_amount,
      coalesce(aa.pay_count, 0)::int as pay_count, coalesce(aa.late_count, 0)::int as late_count,
      coalesce(d.n, 0)::int as dispute_count, coalesce(d.amount, 0)::float8 as dispute_amount,
      coalesce(cp.n, 0)::int as complaint_count,
      coalesce(o.v3, 0)::float8 as order_v3, coalesce(o.trailing, 0)::float8 as order_trailing,
      coalesce(bp.m6, 0)::int as broken_6m, coalesce(bp.m12, 0)::int as broken_12m
    from customers c
    left join inv_agg ia on ia.customer_id = c.id
    left join alloc_agg aa on aa.customer_id = c.id
    left join unalloc u on u.customer_id = c.id
    left join disp d on d.customer_id = c.id
    left join compl cp on cp.customer_id = c.id
    left join ord o on o.customer_id = c.id
    left join prom bp on bp.customer_id = c.id
    where true ${only(sql`c.id`)}
  `,
  );
  const out = new Map<number, BehaviourAggregates>();
  for (const raw of rows) {
    const n = (k: string) => Number(raw[k]);
    out.set(Number(raw.customer_id), {
      asOf: query.asOf,
      collectionPeriodDays: periodDays,
      aging: {
        current: n("b_current"),
        d1_30: n("b_1_30"),
        d31_60: n("b_31_60"),
        d61_90: n("b_61_90"),
        d91_180: n("b_91_180"),
        over180: n("b_over_180"),
      },
      maxDaysPastDue: n("max_dpd"),
      unallocatedCreditMinor: n("unallocated_credit"),
      creditSalesMinor: n("credit_sales"),
      openingArMinor: n("opening_ar"),
      dbt: {
        m3: { weightedDays: n("w3"), amountMinor: n("a3") },
        m6: { weightedDays: n("w6"), amountMinor: n("a6") },
        m12: { weightedDays: n("w12"), amountMinor: n("a12") },
      },
      payments12m: {
        amountMinor: n("a12"),
        lateAmountMinor: n("late_amount"),
        count: n("pay_count"),
        lateCount: n("late_count"),
      },
      openDisputeCount: n("dispute_count"),
      openDisputeAmountMinor: n("dispute_amount"),
      complaintCount12m: n("complaint_count"),
      invoiceCount12m: n("invoice_count_12m"),
      orderVolume3mMinor: n("order_v3"),
      orderTrailing12mMinor: n("order_trailing"),
      brokenPromises: { m6: n("broken_6m"), m12: n("broken_12m") },
    });
  }
  return out;
}

/**
 * The DOMAIN.md aging buckets (as `agingBucketOf` in @creditdesk/core: due on as-of is current;
 * 1–30, 31–60, 61–90, 91–180, over 180 days past due) and the oldest overdue item's days, as
 * aggregate columns over a `per_inv` CTE with `open_asof` and `dpd` — shared by the assessment's
 * and the monitoring run's ledger statements so both age receivables alike.
 */
export const agingBucketSums: SQL = sql`
        coalesce(sum(open_asof) filter (where dpd <= 0), 0) as b_current,
        coalesce(sum(open_asof) filter (where dpd between 1 and 30), 0) as b_1_30,
        coalesce(sum(open_asof) filter (where dpd between 31 and 60), 0) as b_31_60,
        coalesce(sum(open_asof) filter (where dpd between 61 and 90), 0) as b_61_90,
        coalesce(sum(open_asof) filter (where dpd between 91 and 180), 0) as b_91_180,
        coalesce(sum(open_asof) filter (where dpd > 180), 0) as b_over_180,
        coalesce(max(dpd) filter (where open_asof > 0 and dpd > 0), 0) as max_dpd`;

/**
 * Broken promises to pay per customer whose deadline (promised date + grace days) fell in the last
 * 6 and 12 months up to as-of — the body of a CTE (customer_id, m6, m12) shared by the
 * assessment's and the monitoring run's ledger statements; `countBrokenPromises`
 * (@creditdesk/db/collections) uses the same window.
 */
export function brokenPromisesSql(asOf: SQL, only: (column: SQL) => SQL): SQL {
  const deadline = sql`(promised_on + grace_days)`;
  const back = (m: number) => sql`(${asOf} - make_interval(months => ${m}::int))::date`;
  return sql`select customer_id,
        count(*) filter (where ${deadline} > ${back(6)}) as m6,
        count(*) as m12
      from payment_promises
      where status = 'broken' and ${deadline} > ${back(12)} and ${deadline} <= ${asOf} ${only(sql`customer_id`)}
      group by customer_id`;
}
