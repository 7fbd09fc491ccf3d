import type { BehaviourAggregates } from "@creditdesk/core/assessment";
import { type SQL, sql } from "drizzle-orm";
import { agingBucketSums, brokenPromisesSql } from "../assessment/behaviour-aggregates.ts";
import { type CustomerSelection, customerFilter } from "../assessment/customer-selection.ts";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";

export interface MonitoringLedgerQuery extends CustomerSelection {
  asOf: string;
  baseCurrency: string;
  /** DSO/ADDB/CEI periods (days) to aggregate; the first is the main one. Default [90]. */
  windows?: readonly number[];
  /** Months of the monthly series (default 24). */
  months?: number;
}

export interface MonitoringLedger {
  /** The behaviour sums per DSO window (days), as `loadBehaviourAggregates` defines them. */
  aggregates: Map<number, BehaviourAggregates>;
  /** Order volume per rolling month, oldest first; the last element is (asOf − 1 month, asOf]. */
  orders: number[];
  /** Amount-weighted payment days (payment − invoice date) per rolling month, null without payments. */
  paymentDays: (number | null)[];
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Everything the monitoring rules read from the receivables ledger, for the given customers, in
 * ONE set-wise statement that reads each ledger table once: invoices with their redemptions
 * (payment allocations and allocated credit notes, joined to the invoices once and used both for
 * the open amounts and for the payment metrics), 24 months of orders, complaints, disputes,
 * unallocated credit notes and broken promises to pay (collections). Per customer it returns the behaviour sums of every requested DSO
 * window — the definitions of `loadBehaviourAggregates` (@creditdesk/db/assessment), held equal by
 * a test — and the monthly order and payment-days series of the break detectors (month k =
 * (asOf − (k+1) months, asOf − k months]), all with FILTER aggregates over the one pass. Amounts
 * are converted to the base currency at the latest rate on or before as-of (rows in a currency
 * without a rate drop out, as in the assessment).
 */
export async function loadMonitoringLedger(
  db: Db,
  query: MonitoringLedgerQuery & { rates?: ReadonlyMap<string, string> },
): Promise<Map<number, MonitoringLedger>> {
  const { windows, months } = shape(query);
  const rates = query.rates ?? (await loadBaseRates(db, query));
  const rows = await queryRows<Record<string, unknown>>(db, monitoringLedgerSql({ ...query, rates }));
  return toLedger(rows, query.asOf, windows, months);
}

/**
 * Currency → factor to minor units of the base currency (`ratesCte` of db/fx: the latest rate on
 * or before as-of, scaled for the minor-unit exponents), read once so that the big statement can
 * convert with an inline CASE: a join on a CTE hides the currencies' distribution from the
 * planner, which then misjudges every row count after it by an order of magnitude.
 */
export async function loadBaseRates(
  db: Db,
  query: { asOf: string; baseCurrency: string },
): Promise<Map<string, string>> {
  const rows = await queryRows<{ cur: string; factor: string }>(
    db,
    sql`with ${ratesCte(sql`${query.asOf}::date`, query.baseCurrency)} select cur, factor::text as factor from rates`,
  );
  return new Map(rows.map((r) => [r.cur, r.factor]));
}

/**
 * `amount × factor` of the amount's currency, in float8: these sums feed indicators (ratios, days,
 * amounts compared with thresholds), never a booking, and the assessment's aggregates are float8
 * too; base-currency amounts (factor 1) stay exact integers below 2^53. numeric arithmetic over
 * millions of rows costs about three times as much CPU.
 */
function converted(amount: SQL, currency: SQL, rates: ReadonlyMap<string, string>): SQL {
  const cases = [...rates].map(([cur, factor]) => sql`when ${cur} then ${factor}::float8`);
  return sql`(${amount}::float8 * case ${currency} ${sql.join(cases, sql` `)} end)`;
}

/**
 * max(0, x) for an amount in minor units, where less than a thousandth of a minor unit is float
 * noise of the conversion (an invoice paid in full must come out exactly settled, not 1e-9 open).
 */
function positive(x: SQL): SQL {
  return sql`(case when ${x} > 0.001 then ${x} else 0 end)`;
}

/** Only rows in a currency with a rate (char(3) array, so that the planner uses the column's statistics). */
function hasRate(currency: SQL, rates: ReadonlyMap<string, string>): SQL {
  return sql`${currency} = any(${sql.param([...rates.keys()])}::char(3)[])`;
}

function shape(query: MonitoringLedgerQuery) {
  return {
    windows: query.windows && query.windows.length > 0 ? [...new Set(query.windows)] : [90],
    months: query.months ?? 24,
  };
}

/** The statement of `loadMonitoringLedger` (benchmarks run it bare beside the whole run). */
export function monitoringLedgerSql(
  query: MonitoringLedgerQuery & { rates: ReadonlyMap<string, string> },
): SQL {
  const { windows, months } = shape(query);
  const { rates } = query;
  const cv = (amount: SQL, currency: SQL) => converted(amount, currency, rates);
  const only = (column: SQL) => customerFilter(column, query);
  const asOf = sql`${query.asOf}::date`;
  const back = (m: number) => sql`(${asOf} - make_interval(months => ${m}::int))::date`;
  const opening = (w: number) => sql`(${asOf} - ${w}::int)`;
  const ks = Array.from({ length: months }, (_, k) => k);
  const list = (parts: SQL[]) => sql.join(parts, sql`, `);

  return sql`
    with inv as (
      select i.id, i.customer_id, i.issued_on, i.due_on, ${cv(sql`i.amount_minor`, sql`i.currency`)} as amount
      from invoices i
      where i.issued_on <= ${asOf} and i.status <> 'cancelled' and ${hasRate(sql`i.currency`, rates)}
        ${only(sql`i.customer_id`)}
    ),
    pay as materialized (
      select inv.id as invoice_id, inv.customer_id, inv.issued_on, inv.due_on, p.received_on as d,
        ${cv(sql`pa.amount_minor`, sql`p.currency`)} as amount
      from payment_allocations pa
      join payments p on p.id = pa.payment_id
      -- The ledger allocates a payment only to its own customer's invoices (allocate-payment), so
      -- the customer filter may select the payments too: an index range, not a scan of them all.
      join inv on inv.id = pa.invoice_id and inv.customer_id = p.customer_id
      where p.received_on <= ${asOf} and ${hasRate(sql`p.currency`, rates)} ${only(sql`p.customer_id`)}
    ),
    red_inv as (
      select invoice_id, sum(amount) as red_asof,
        ${list(windows.map((w, j) => sql`coalesce(sum(amount) filter (where d <= ${opening(w)}), 0) as ${sql.raw(`red_o${j}`)}`))}
      from (
        select invoice_id, d, amount from pay
        union all
        select cn.invoice_id, cn.issued_on, ${cv(sql`cn.amount_minor`, sql`cn.currency`)}
        from credit_notes cn join inv on inv.id = cn.invoice_id
        where cn.issued_on <= ${asOf} and ${hasRate(sql`cn.currency`, rates)}
      ) red
      group by invoice_id
    ),
    per_inv as (
      select inv.customer_id, inv.issued_on, inv.amount,
        ${positive(sql`inv.amount - coalesce(ri.red_asof, 0)`)} as open_asof,
        ${positive(sql`coalesce(ri.red_asof, 0) - inv.amount`)} as over_credit,
        ${list(
          windows.map(
            (w, j) =>
              sql`case when inv.issued_on <= ${opening(w)} then ${positive(sql`inv.amount - coalesce(${sql.raw(`ri.red_o${j}`)}, 0)`)} else 0 end as ${sql.raw(`open_o${j}`)}`,
          ),
        )},
        (${asOf} - inv.due_on) as dpd
      from inv left join red_inv ri on ri.invoice_id = inv.id
    ),
    inv_agg as (
      select customer_id,
        ${agingBucketSums},
        sum(over_credit) as over_credit,
        ${list(
          windows.map(
            (w, j) =>
              sql`coalesce(sum(amount) filter (where issued_on > ${opening(w)}), 0) as ${sql.raw(`sales_${j}`)}, sum(${sql.raw(`open_o${j}`)}) as ${sql.raw(`opening_${j}`)}`,
          ),
        )},
        count(*) filter (where issued_on > ${back(12)}) as invoice_count_12m
      from per_inv group by customer_id
    ),
    pay_agg as (
      select customer_id,
        coalesce(sum(amount * greatest(0, d - due_on)) filter (where d > ${back(3)}), 0) as w3,
        coalesce(sum(amount) filter (where d > ${back(3)}), 0) as a3,
        coalesce(sum(amount * greatest(0, d - due_on)) filter (where d > ${back(6)}), 0) as w6,
        coalesce(sum(amount) filter (where d > ${back(6)}), 0) as a6,
        coalesce(sum(amount * greatest(0, d - due_on)) filter (where d > ${back(12)}), 0) as w12,
        coalesce(sum(amount) filter (where d > ${back(12)}), 0) as a12,
        coalesce(sum(amount) filter (where d > ${back(12)} and d > due_on), 0) as late_amount,
        count(*) filter (where d > ${back(12)}) as pay_count,
        count(*) filter (where d > ${back(12)} and d > due_on) as late_count,
        array[${list(ks.map((k) => sql`sum(amount * (d - issued_on)) filter (where d > ${back(k + 1)} and d <= ${back(k)})`))}]::float8[] as pw,
        array[${list(ks.map((k) => sql`sum(amount) filter (where d > ${back(k + 1)} and d <= ${back(k)})`))}]::float8[] as pa
      from pay where d > ${back(Math.max(12, months))}
      group by customer_id
    ),
    ord_agg as (
      select customer_id,
        coalesce(sum(v) filter (where ordered_on > ${back(3)}), 0) as v3,
        coalesce(sum(v) filter (where ordered_on <= ${back(3)} and ordered_on > ${back(15)}), 0) as trailing,
        array[${list(ks.map((k) => sql`coalesce(sum(v) filter (where ordered_on > ${back(k + 1)} and ordered_on <= ${back(k)}), 0)`))}]::float8[] as om
      from (
        select o.customer_id, o.ordered_on, ${cv(sql`o.ordered_minor`, sql`o.currency`)} as v
        from sales_orders o
        where o.ordered_on > ${back(Math.max(15, months))} and o.ordered_on <= ${asOf} and o.status <> 'cancelled'
          and ${hasRate(sql`o.currency`, rates)} ${only(sql`o.customer_id`)}
      ) o
      group by customer_id
    ),
    unalloc as (
      select customer_id, sum(${cv(sql`cn.amount_minor`, sql`cn.currency`)}) as amount
      from credit_notes cn
      where cn.invoice_id is null and cn.issued_on <= ${asOf} and ${hasRate(sql`cn.currency`, rates)}
        ${only(sql`cn.customer_id`)}
      group by customer_id
    ),
    disp as (
      select customer_id, count(*) as n, sum(${cv(sql`d.amount_minor`, sql`d.currency`)}) as amount
      from disputes d
      where d.opened_on <= ${asOf} and (d.resolved_on is null or d.resolved_on > ${asOf})
        and ${hasRate(sql`d.currency`, rates)} ${only(sql`d.customer_id`)}
      group by customer_id
    ),
    compl as (
      select customer_id, count(*) as n
      from complaints where received_on > ${back(12)} and received_on <= ${asOf} ${only(sql`customer_id`)}
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
      ${list(windows.map((_, j) => sql`coalesce(${sql.raw(`ia.sales_${j}`)}, 0)::float8 as ${sql.raw(`sales_${j}`)}, coalesce(${sql.raw(`ia.opening_${j}`)}, 0)::float8 as ${sql.raw(`opening_${j}`)}`))},
      coalesce(ia.invoice_count_12m, 0)::int as invoice_count_12m,
      coalesce(pg.w3, 0)::float8 as w3, coalesce(pg.a3, 0)::float8 as a3,
      coalesce(pg.w6, 0)::float8 as w6, coalesce(pg.a6, 0)::float8 as a6,
      coalesce(pg.w12, 0)::float8 as w12, coalesce(pg.a12, 0)::float8 as a12,
      coalesce(pg.late_amount, 0)::float8 as late_amount,
      coalesce(pg.pay_count, 0)::int as pay_count, coalesce(pg.late_count, 0)::int as late_count,
      pg.pw, pg.pa,
      coalesce(d.n, 0)::int as dispute_count, coalesce(d.amount, 0)::float8 as dispute_amount,
      coalesce(cp.n, 0)::int as complaint_count,
      coalesce(o.v3, 0)::float8 as order_v3, coalesce(o.trailing, 0)::float8 as order_trailing, o.om,
      coalesce(bp.m6, 0)::int as broken_6m, coalesce(bp.m12, 0)::int as broken_12m
    from customers c
    left join inv_agg ia on ia.customer_id = c.id
    left join pay_agg pg on pg.customer_id = c.id
    left join ord_agg o on o.customer_id = c.id
    left join unalloc u on u.customer_id = c.id
    left join disp d on d.customer_id = c.id
    left join compl cp on cp.customer_id = c.id
    left join prom bp on bp.customer_id = c.id
    where true ${only(sql`c.id`)}
  `;
}

function toLedger(
  rows: Record<string, unknown>[],
  asOf: string,
  windows: readonly number[],
  months: number,
): Map<number, MonitoringLedger> {
  const ks = Array.from({ length: months }, (_, k) => k);
  const out = new Map<number, MonitoringLedger>();
  for (const r of rows) {
    const common = {
      asOf,
      aging: {
        current: n(r.b_current),
        d1_30: n(r.b_1_30),
        d31_60: n(r.b_31_60),
        d61_90: n(r.b_61_90),
        d91_180: n(r.b_91_180),
        over180: n(r.b_over_180),
      },
      maxDaysPastDue: n(r.max_dpd),
      unallocatedCreditMinor: n(r.unallocated_credit),
      dbt: {
        m3: { weightedDays: n(r.w3), amountMinor: n(r.a3) },
        m6: { weightedDays: n(r.w6), amountMinor: n(r.a6) },
        m12: { weightedDays: n(r.w12), amountMinor: n(r.a12) },
      },
      payments12m: {
        amountMinor: n(r.a12),
        lateAmountMinor: n(r.late_amount),
        count: n(r.pay_count),
        lateCount: n(r.late_count),
      },
      openDisputeCount: n(r.dispute_count),
      openDisputeAmountMinor: n(r.dispute_amount),
      complaintCount12m: n(r.complaint_count),
      invoiceCount12m: n(r.invoice_count_12m),
      orderVolume3mMinor: n(r.order_v3),
      orderTrailing12mMinor: n(r.order_trailing),
      brokenPromises: { m6: n(r.broken_6m), m12: n(r.broken_12m) },
    };
    const aggregates = new Map<number, BehaviourAggregates>(
      windows.map((w, j) => [
        w,
        {
          ...common,
          collectionPeriodDays: w,
          creditSalesMinor: n(r[`sales_${j}`]),
          openingArMinor: n(r[`opening_${j}`]),
        },
      ]),
    );
    // Arrays come newest first (k = 0 is the month ending at as-of); the series are oldest first.
    const om = (r.om as (number | string)[] | null) ?? [];
    const pw = (r.pw as (number | string | null)[] | null) ?? [];
    const pa = (r.pa as (number | string | null)[] | null) ?? [];
    const orders = ks.map((k) => n(om[months - 1 - k]));
    const paymentDays = ks.map((k) => {
      const amount = pa[months - 1 - k];
      return amount === null || amount === undefined || Number(amount) === 0
        ? null
        : Number(pw[months - 1 - k]) / Number(amount);
    });
    out.set(Number(r.customer_id), { aggregates, orders, paymentDays });
  }
  return out;
}
