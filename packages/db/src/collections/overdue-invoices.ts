import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";

/**
 * Half-even rounding of a numeric expression to a whole number (core/money's rule), in SQL:
 * PostgreSQL's round() rounds halves away from zero.
 */
export const roundHalfEvenSql = (x: SQL) =>
  sql`(floor(${x}) + case when ${x} - floor(${x}) > 0.5 then 1 when ${x} - floor(${x}) < 0.5 then 0 else (floor(${x})::int8 % 2) end)`;

export interface OverdueFilter {
  asOf: string;
  baseCurrency: string;
  customerIds?: readonly number[] | undefined;
  /** Collector login (collection_assignments). */
  collector?: string | undefined;
  /** Sales owner (customers.sales_owner). */
  owner?: string | undefined;
  /** Data scope: only customers whose sales owner is one of these (a sales user's own); [] = none. */
  owners?: readonly string[] | undefined;
  /** Team (users.team) of the customer's collector or sales owner. */
  department?: string | undefined;
  /** Current dunning level of the invoice (0 = never dunned). */
  level?: number | undefined;
  /** Keep invoices with an open dispute (flagged) instead of leaving them out. */
  includeDisputed?: boolean | undefined;
}

export interface PriorityWeightsSql {
  amount: number;
  days: number;
  risk: number;
  gradePd: { low: number; medium: number; high: number };
  unassessedPd: number;
}

export interface OverdueInvoiceRow {
  invoiceId: number;
  invoiceNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  countryCode: string;
  salesOwner: string | null;
  collector: string | null;
  issuedOn: string;
  dueOn: string;
  currency: string;
  amountMinor: number;
  openMinor: number;
  /** Open amount in base-currency minor units (half-even); null without an FX rate. */
  openBaseMinor: number | null;
  daysPastDue: number;
  pd: number | null;
  grade: string | null;
  /** PD used for the ranking (assessment PD, else grade PD, else unassessed PD). */
  risk: number;
  priority: number | null;
  level: number;
  lastActionOn: string | null;
  disputed: boolean;
  promised: boolean;
}

/**
 * Open overdue invoices as of a date, for the whole portfolio or a filtered part, in ONE set-wise
 * statement: open amount net of payments received and credit notes issued by as-of, converted to
 * the base currency (db/fx `ratesCte`, rounded half-even), the customer's active (latest) assessment
 * PD and grade, the invoice's dunning level and last action, open disputes and open promises, and
 * the collection priority (core `collectionPriority`, the same formula, computed here so that the
 * database can rank and page).
 */
export function overdueInvoicesSql(
  filter: OverdueFilter,
  weights: PriorityWeightsSql,
  tail: SQL = sql``,
): SQL {
  const asOf = sql`${filter.asOf}::date`;
  const where: SQL[] = [sql`i.status = 'open'`, sql`i.due_on < ${asOf}`];
  if (filter.customerIds) {
    where.push(sql`i.customer_id = any(${sql.param([...filter.customerIds])}::bigint[])`);
  }
  const outer: SQL[] = [sql`o.open_minor > 0`];
  if (filter.collector !== undefined) {
    outer.push(sql`ca.collector = ${filter.collector}`);
  }
  if (filter.owner !== undefined) {
    outer.push(sql`c.sales_owner = ${filter.owner}`);
  }
  if (filter.owners !== undefined) {
    outer.push(
      filter.owners.length === 0
        ? sql`false`
        : sql`c.sales_owner = any(${sql.param([...filter.owners])}::text[])`,
    );
  }
  if (filter.department !== undefined) {
    outer.push(sql`exists (select 1 from users u where u.team = ${filter.department}
      and (u.login = ca.collector or u.login = c.sales_owner or u.display_name = c.sales_owner))`);
  }
  if (filter.level !== undefined) {
    outer.push(sql`coalesce(lv.level, 0) = ${filter.level}`);
  }
  if (!filter.includeDisputed) {
    outer.push(sql`not o.disputed`);
  }
  const riskSql = sql`coalesce(case when a.pd > 0 then least(a.pd, 1) end,
      case a.grade when 'low' then ${weights.gradePd.low}::float8 when 'medium' then ${weights.gradePd.medium}::float8
        when 'high' then ${weights.gradePd.high}::float8 end, ${weights.unassessedPd}::float8)`;
  const openBase = roundHalfEvenSql(sql`o.open_minor * r.factor`);
  return sql`
    with ${ratesCte(asOf, filter.baseCurrency)},
    o as (
      select i.id, i.invoice_number, i.customer_id, i.issued_on, i.due_on, i.currency, i.amount_minor,
        i.amount_minor
          - coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
                      where pa.invoice_id = i.id and p.received_on <= ${asOf}), 0)
          - coalesce((select sum(cn.amount_minor) from credit_notes cn where cn.invoice_id = i.id and cn.issued_on <= ${asOf}), 0)
          as open_minor,
        (${asOf} - i.due_on) as dpd,
        exists (select 1 from disputes d where d.invoice_id = i.id and d.status = 'open' and d.opened_on <= ${asOf}) as disputed,
        exists (select 1 from payment_promise_invoices ppi join payment_promises pp on pp.id = ppi.promise_id
                where ppi.invoice_id = i.id and pp.status = 'open' and pp.made_on <= ${asOf}
                  and ${asOf} <= pp.promised_on + pp.grace_days) as promised
      from invoices i
      where ${sql.join(where, sql` and `)}
    ),
    a as (
      select distinct on (customer_id) customer_id, pd, grade from assessments
      where as_of <= ${asOf} and customer_id in (select distinct customer_id from o)
      order by customer_id, created_at desc, id desc
    ),
    lv as (
      select cai.invoice_id, max(x.level) as level, max(x.action_on) as last_on
      from collection_action_invoices cai join collection_actions x on x.id = cai.action_id
      where x.level is not null and x.outcome <> 'failed' and x.action_on <= ${asOf}
        and cai.invoice_id in (select id from o)
      group by cai.invoice_id
    ),
    w as (
      select o.*, c.code, c.legal_name, c.country_code, c.sales_owner, ca.collector,
        ${openBase}::int8 as open_base, a.pd, a.grade, ${riskSql} as risk,
        coalesce(lv.level, 0) as level, lv.last_on
      from o
      join customers c on c.id = o.customer_id
      left join collection_assignments ca on ca.customer_id = o.customer_id
      left join a on a.customer_id = o.customer_id
      left join lv on lv.invoice_id = o.id
      left join rates r on r.cur = o.currency
      where ${sql.join(outer, sql` and `)}
    )
    select w.*,
      (power(w.open_base::float8, ${weights.amount}::float8) * power(w.dpd::float8, ${weights.days}::float8)
        * power(w.risk, ${weights.risk}::float8)) as priority
    from w ${tail}`;
}

interface RawRow {
  id: number;
  invoice_number: string;
  customer_id: number;
  issued_on: string;
  due_on: string;
  currency: string;
  amount_minor: number;
  open_minor: number | string;
  dpd: number;
  disputed: boolean;
  promised: boolean;
  code: string;
  legal_name: string;
  country_code: string;
  sales_owner: string | null;
  collector: string | null;
  open_base: number | null;
  pd: number | null;
  grade: string | null;
  risk: number;
  level: number;
  last_on: string | null;
  priority: number | null;
  total_count?: number;
  total_base?: number | string | null;
}

export const toOverdueRow = (r: RawRow): OverdueInvoiceRow => ({
  invoiceId: Number(r.id),
  invoiceNumber: r.invoice_number,
  customerId: Number(r.customer_id),
  customerCode: r.code,
  customerName: r.legal_name,
  countryCode: r.country_code,
  salesOwner: r.sales_owner,
  collector: r.collector,
  issuedOn: r.issued_on,
  dueOn: r.due_on,
  currency: r.currency,
  amountMinor: Number(r.amount_minor),
  openMinor: Number(r.open_minor),
  openBaseMinor: r.open_base === null ? null : Number(r.open_base),
  daysPastDue: Number(r.dpd),
  pd: r.pd === null ? null : Number(r.pd),
  grade: r.grade,
  risk: Number(r.risk),
  priority: r.priority === null ? null : Number(r.priority),
  level: Number(r.level),
  lastActionOn: r.last_on,
  disputed: r.disputed,
  promised: r.promised,
});

/**
 * The ranked worklist page: highest priority first (invoices without an FX rate last), then the
 * oldest due date, then id; with the total count and the total open amount in the base currency of
 * every matching invoice (window aggregates, same statement).
 */
export async function loadWorklist(
  db: Db,
  filter: OverdueFilter,
  weights: PriorityWeightsSql,
  page: { limit: number; offset: number },
): Promise<{ rows: OverdueInvoiceRow[]; total: number; totalBaseMinor: number }> {
  const rows = await queryRows<RawRow>(
    db,
    sql`select x.*, count(*) over ()::int8 as total_count, (sum(x.open_base) over ())::int8 as total_base from (
      ${overdueInvoicesSql(filter, weights)}
    ) x
    order by x.priority desc nulls last, x.due_on, x.id
    limit ${page.limit} offset ${page.offset}`,
  );
  let total = Number(rows[0]?.total_count ?? 0);
  let totalBase = Number(rows[0]?.total_base ?? 0);
  if (rows.length === 0 && page.offset > 0) {
    const [agg] = await queryRows<{ n: number; s: number | null }>(
      db,
      sql`select count(*)::int8 as n, sum(x.open_base)::int8 as s from (${overdueInvoicesSql(filter, weights)}) x`,
    );
    total = Number(agg?.n ?? 0);
    totalBase = Number(agg?.s ?? 0);
  }
  return { rows: rows.map(toOverdueRow), total, totalBaseMinor: totalBase };
}

/** Every matching overdue invoice (the dunning run's candidates), by customer then due date. */
export async function loadOverdueInvoices(
  db: Db,
  filter: OverdueFilter,
  weights: PriorityWeightsSql,
): Promise<OverdueInvoiceRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    overdueInvoicesSql(filter, weights, sql`order by w.customer_id, w.due_on, w.id`),
  );
  return rows.map(toOverdueRow);
}
