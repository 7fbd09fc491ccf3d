import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { soldWithoutRecourse } from "../insurance/factoring-filter.ts";
import type { TrendDimension, TrendRow } from "./receivables-trend.ts";
import { trendGroupExpr } from "./receivables-trend.ts";
import { halfEven } from "./sql-helpers.ts";
import { customersAsOfSql } from "./state-history.ts";

/** The last day of the month of an ISO date. */
export function monthEndOf(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month end `k` months before the month of `date` (k = 0: the month of `date` itself). */
export function monthEndBefore(date: string, k: number): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - k, 0)).toISOString().slice(0, 10);
}

const d = (x: string) => sql`cast(${x} as date)`;

/**
 * SQL (a subquery) of month-end receivables rows `(customer_id, cur, e, ar, flow, sales, current)`
 * at the period ends `ends` — consecutive month ends, ascending; the last one may be any day of
 * the month after the one before it (a period ending at as-of). Per customer and invoice currency:
 * `ar` the receivables at `e` (every invoice issued by `e` less the allocations and credit notes
 * effective by `e` — their date, never before the invoice), `flow` its change over the period,
 * `sales` the period's invoices, `current` the not-yet-due part at `e` (issued ≤ e ≤ due). Invoices
 * cancelled or written off are left out. Rows where all four are 0 are left out.
 *
 * `from` null: from the whole ledger history. `from` a covered month end before `ends[0]`: only the
 * flows after it, on top of that month's snapshot — the month close's incremental step.
 * `invoiceFilter` restricts the invoices (a condition on alias `i`: a customer set, factored
 * receivables …); it must also restrict the snapshot read for `from` via `customerFilter`.
 */
export function arSnapshotRowsSql(options: {
  ends: readonly string[];
  from: string | null;
  invoiceFilter?: SQL | undefined;
  /** Condition on `s.customer_id` for the opening snapshot (with `from`). */
  customerFilter?: SQL | undefined;
}): SQL {
  const { ends, from } = options;
  if (ends.length === 0) {
    throw new RangeError("arSnapshotRowsSql needs at least one period end");
  }
  const hi = d(ends.at(-1)!);
  const first = d(ends[0]!);
  const lo = from === null ? null : d(from);
  const f = options.invoiceFilter ? sql`and ${options.invoiceFilter}` : sql``;
  const counted = sql`i.status in ('open', 'paid')`;
  // The period end a flow dated `x` falls in (dates before the first period: the opening).
  const bucket = (x: SQL) =>
    sql`least(${hi}, (date_trunc('month', ${x}) + interval '1 month' - interval '1 day')::date)`;
  const values = sql.join(
    ends.map((e) => sql`(${d(e)})`),
    sql`, `,
  );
  const flows =
    lo === null
      ? sql`
        select i.customer_id, i.currency::text as cur, ${bucket(sql`i.issued_on`)} as b, i.amount_minor as flow, i.amount_minor as sales
        from invoices i where ${counted} and i.issued_on <= ${hi} ${f}
        union all
        select i.customer_id, i.currency::text, ${bucket(sql`greatest(p.received_on, i.issued_on)`)}, -pa.amount_minor, 0
        from invoices i join payment_allocations pa on pa.invoice_id = i.id join payments p on p.id = pa.payment_id
        where ${counted} and i.issued_on <= ${hi} and p.received_on <= ${hi} ${f}
        union all
        select i.customer_id, i.currency::text, ${bucket(sql`greatest(n.issued_on, i.issued_on)`)}, -n.amount_minor, 0
        from invoices i join credit_notes n on n.invoice_id = i.id
        where ${counted} and i.issued_on <= ${hi} and n.issued_on <= ${hi} ${f}`
      : sql`
        select i.customer_id, i.currency::text as cur, ${bucket(sql`i.issued_on`)} as b, i.amount_minor as flow, i.amount_minor as sales
        from invoices i where ${counted} and i.issued_on > ${lo} and i.issued_on <= ${hi} ${f}
        union all
        -- allocations received in the window (driven by the payments of the window) …
        select i.customer_id, i.currency::text, ${bucket(sql`greatest(p.received_on, i.issued_on)`)}, -pa.amount_minor, 0
        from payments p join payment_allocations pa on pa.payment_id = p.id join invoices i on i.id = pa.invoice_id
        where p.received_on > ${lo} and p.received_on <= ${hi} and ${counted} and i.issued_on <= ${hi} ${f}
        union all
        -- … and earlier receipts allocated to invoices of the window (effective at the invoice date)
        select i.customer_id, i.currency::text, ${bucket(sql`i.issued_on`)}, -pa.amount_minor, 0
        from invoices i join payment_allocations pa on pa.invoice_id = i.id join payments p on p.id = pa.payment_id
        where ${counted} and i.issued_on > ${lo} and i.issued_on <= ${hi} and p.received_on <= ${lo} ${f}
        union all
        select i.customer_id, i.currency::text, ${bucket(sql`greatest(n.issued_on, i.issued_on)`)}, -n.amount_minor, 0
        from credit_notes n join invoices i on i.id = n.invoice_id
        where n.issued_on <= ${hi} and ${counted} and i.issued_on <= ${hi}
          and greatest(n.issued_on, i.issued_on) > ${lo} ${f}`;
  const opening =
    lo === null
      ? sql`select customer_id, cur, sum(flow) as ar from fl where b < ${first} group by 1, 2`
      : sql`select s.customer_id, s.currency::text as cur, s.ar_minor as ar from portfolio_ar_snapshots s
          where s.month_end = ${lo} ${options.customerFilter ? sql`and ${options.customerFilter}` : sql``}`;
  return sql`(
    with pe (e) as (values ${values}),
    fl as materialized (${flows}),
    fg as (
      select customer_id, cur, b as e, sum(flow) as flow, sum(sales) as sales from fl
      where b >= ${first} group by 1, 2, 3
    ),
    op as (${opening}),
    cuv as materialized (
      select i.id, i.customer_id, i.currency::text as cur, i.issued_on, i.due_on, i.amount_minor from invoices i
      where ${counted} and i.issued_on <= ${hi} and i.due_on >= ${first} ${f}
    ),
    cu as (
      select x.customer_id, x.cur, x.e, sum(x.amount) as amount from (
        select v.customer_id, v.cur, pe.e, v.amount_minor as amount
        from cuv v join pe on pe.e between v.issued_on and v.due_on
        union all
        select v.customer_id, v.cur, pe.e, -pa.amount_minor
        from cuv v join pe on pe.e between v.issued_on and v.due_on
          join payment_allocations pa on pa.invoice_id = v.id join payments p on p.id = pa.payment_id
        where greatest(p.received_on, v.issued_on) <= pe.e
        union all
        select v.customer_id, v.cur, pe.e, -n.amount_minor
        from cuv v join pe on pe.e between v.issued_on and v.due_on join credit_notes n on n.invoice_id = v.id
        where greatest(n.issued_on, v.issued_on) <= pe.e
      ) x group by 1, 2, 3
    ),
    keys as (
      select customer_id, cur from op union select customer_id, cur from fg union select customer_id, cur from cu
    ),
    grid as (
      select k.customer_id, k.cur, pe.e,
        coalesce(o.ar, 0) + sum(coalesce(g.flow, 0)) over (partition by k.customer_id, k.cur order by pe.e) as ar,
        coalesce(g.flow, 0) as flow, coalesce(g.sales, 0) as sales, coalesce(c.amount, 0) as current
      from keys k cross join pe
        left join op o on o.customer_id = k.customer_id and o.cur = k.cur
        left join fg g on g.customer_id = k.customer_id and g.cur = k.cur and g.e = pe.e
        left join cu c on c.customer_id = k.customer_id and c.cur = k.cur and c.e = pe.e
    )
    select customer_id, cur, e, ar::int8 as ar, flow::int8 as flow, sales::int8 as sales, current::int8 as current
    from grid where ar <> 0 or flow <> 0 or sales <> 0 or current <> 0
  )`;
}

/** The month ends the snapshots cover, ascending. */
export async function listArSnapshotMonths(db: Db): Promise<string[]> {
  const rows = await queryRows<{ e: string }>(
    db,
    sql`select to_char(month_end, 'YYYY-MM-DD') as e from portfolio_ar_snapshot_months order by month_end`,
  );
  return rows.map((r) => r.e);
}

/**
 * Writes the snapshots of the month ends `ends` (consecutive, after the last covered one) for every
 * customer: incrementally on top of `from` (the last covered month end) or, with `from` null, from
 * the whole ledger. Returns the rows written.
 */
export async function writeArSnapshotMonths(
  db: Db,
  options: { ends: readonly string[]; from: string | null },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with w as (
      insert into portfolio_ar_snapshots (month_end, customer_id, currency, ar_minor, flow_minor, sales_minor, current_minor)
      select e, customer_id, cur, ar, flow, sales, current from ${arSnapshotRowsSql(options)} b
      returning month_end
    ), m as (
      insert into portfolio_ar_snapshot_months (month_end, rows)
      select e, (select count(*) from w where w.month_end = e)::int
      from (values ${sql.join(
        options.ends.map((e) => sql`(${d(e)})`),
        sql`, `,
      )}) v (e)
      returning rows
    )
    select coalesce(sum(rows), 0)::int8 as n from m`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Rebuilds the snapshots of the customers marked stale (`portfolio_ar_snapshot_stale`, kept by the
 * ledger triggers) from the month of their mark on, from the whole ledger of those customers, and
 * clears the marks. Call inside a transaction (it takes an advisory lock so two rebuilds never
 * interleave). Returns the customers rebuilt.
 */
export async function refreshStaleArSnapshots(db: Db): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('portfolio_ar_snapshots'))`);
  const months = await listArSnapshotMonths(db);
  const marks = await queryRows<{ n: number; since: string | null }>(
    db,
    sql`select count(*)::int8 as n, to_char(min(since), 'YYYY-MM-DD') as since from portfolio_ar_snapshot_stale`,
  );
  const since = marks[0]?.since ?? null;
  if (since === null || months.length === 0) {
    return 0;
  }
  const ends = months.filter((e) => e >= since);
  await db.execute(
    sql`create temp table if not exists pf_stale_work (customer_id bigint primary key, since date not null) on commit drop`,
  );
  await db.execute(sql`delete from pf_stale_work`);
  await db.execute(sql`with x as (delete from portfolio_ar_snapshot_stale returning customer_id, since)
    insert into pf_stale_work select customer_id, since from x`);
  if (ends.length > 0) {
    await db.execute(sql`delete from portfolio_ar_snapshots s using pf_stale_work w
      where s.customer_id = w.customer_id and s.month_end >= w.since`);
    await db.execute(sql`insert into portfolio_ar_snapshots (month_end, customer_id, currency, ar_minor, flow_minor, sales_minor, current_minor)
      select b.e, b.customer_id, b.cur, b.ar, b.flow, b.sales, b.current
      from ${arSnapshotRowsSql({
        ends,
        from: null,
        invoiceFilter: sql`i.customer_id in (select customer_id from pf_stale_work)`,
      })} b join pf_stale_work w on w.customer_id = b.customer_id
      where b.e >= w.since`);
  }
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int8 as n from pf_stale_work`);
  return Number(n?.n ?? 0);
}

/**
 * The same rows as `loadReceivablesTrend` (the direct computation), read from the month-end
 * snapshots: the periods whose end is covered come from `portfolio_ar_snapshots`, the ones after
 * the last covered month end (up to as-of) are computed from the flows since it, and the
 * receivables sold without recourse by as-of are subtracted (computed for those invoices alone).
 * Sums per group, currency and period in SQL, converted once at the as-of rate, half-even — the
 * same integers as the direct path. `covered` must include the month end `months` months before
 * the month of as-of (the opening balance); returns null when it does not.
 */
export async function loadReceivablesTrendFromSnapshots(
  db: Db,
  options: {
    asOf: string;
    baseCurrency: string;
    months: number;
    dimension: TrendDimension;
    covered: readonly string[];
  },
): Promise<TrendRow[] | null> {
  const { asOf, months } = options;
  // Period ends oldest first: k = months (the opening balance) … k = 0 (as-of).
  const ends: { k: number; e: string }[] = [];
  for (let k = months; k >= 1; k--) {
    ends.push({ k, e: monthEndBefore(asOf, k) });
  }
  ends.push({ k: 0, e: asOf });
  const covered = new Set(options.covered);
  let stored = 0;
  while (stored < ends.length && covered.has(ends[stored]!.e)) {
    stored++;
  }
  if (stored === 0) {
    return null;
  }
  const asOfSql = d(asOf);
  const pe = sql.join(
    ends.map((x) => sql`(${x.k}::int, ${d(x.e)})`),
    sql`, `,
  );
  const tail = ends.slice(stored);
  const parts: SQL[] = [
    sql`select s.customer_id, s.currency::text as cur, pe.k, s.ar_minor as ar, s.flow_minor as flow,
        s.sales_minor as sales, s.current_minor as current
      from portfolio_ar_snapshots s join pe on pe.e = s.month_end
      where s.month_end in (${sql.join(
        ends.slice(0, stored).map((x) => d(x.e)),
        sql`, `,
      )})`,
  ];
  if (tail.length > 0) {
    parts.push(sql`select b.customer_id, b.cur, pe.k, b.ar, b.flow, b.sales, b.current
      from ${arSnapshotRowsSql({ ends: tail.map((x) => x.e), from: ends[stored - 1]!.e })} b join pe on pe.e = b.e`);
  }
  // Receivables the factor carries by as-of: never part of the figures of this as-of.
  parts.push(sql`select b.customer_id, b.cur, pe.k, -b.ar, -b.flow, -b.sales, -b.current
    from ${arSnapshotRowsSql({
      ends: ends.map((x) => x.e),
      from: null,
      invoiceFilter: sql`i.id in (select fr.invoice_id from factored_receivables fr where ${soldWithoutRecourse(sql`fr.invoice_id`, asOfSql)})`,
    })} b join pe on pe.e = b.e`);
  return queryRows<TrendRow>(
    db,
    sql`
    with ${ratesCte(asOfSql, options.baseCurrency)},
    pe (k, e) as (values ${pe}),
    cg as (select c.id, ${trendGroupExpr[options.dimension]} as grp from ${customersAsOfSql(asOfSql)} c),
    x as (${sql.join(parts, sql` union all `)}),
    g as (
      select cg.grp, x.cur, x.k,
        sum(case when x.k = ${months}::int then x.ar else x.flow end) as amount,
        sum(case when x.k = ${months}::int then 0 else x.sales end) as sales,
        sum(case when x.k = ${months}::int then 0 else x.current end) as current
      from x join cg on cg.id = x.customer_id
      group by 1, 2, 3
    )
    select 'flow' as kind, g.grp, g.k, ${halfEven(sql`g.amount * r.factor`)} as "amountMinor",
      ${halfEven(sql`g.sales * r.factor`)} as "salesMinor"
    from g join rates r on r.cur = g.cur
    union all
    select 'current', g.grp, g.k, ${halfEven(sql`g.current * r.factor`)}, 0::int8
    from g join rates r on r.cur = g.cur where g.k < ${months}::int`,
  );
}
