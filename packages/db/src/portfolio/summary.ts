import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { customersAsOfSql } from "./state-history.ts";

export interface PortfolioSummaryRow {
  customers: number;
  byCurrency: { currency: string; openMinor: number; overdueMinor: number; convertible: boolean }[];
  aging: Record<"current" | "d1_30" | "d31_60" | "d61_90" | "d91_180" | "over180", number>;
  openBaseMinor: number;
  overdueBaseMinor: number;
  grades: Record<string, number>;
  defaults12m: number;
}

/**
 * A bucket's open amount of one currency converted to the base currency: the exact integer sum in
 * its own currency times the recorded rate, rounded once to whole minor units (numeric, no float).
 * A currency without a rate converts to 0 and is reported as not convertible.
 */
const toBase = (bucket: SQL) =>
  sql`round(coalesce(sum(p.open) filter (where ${bucket}), 0) * coalesce(r.factor, 0))::int8`;

/**
 * Portfolio figures as of a date in three set-wise queries: open receivables per currency and,
 * converted at the latest recorded rate on or before as-of, in the base currency by aging bucket;
 * the grade distribution of each customer's latest assessment; realised defaults of 12 months.
 */
export async function loadPortfolioSummary(
  db: Db,
  options: { asOf: string; baseCurrency: string },
): Promise<PortfolioSummaryRow> {
  const asOf = sql`${options.asOf}::date`;
  const open = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${ratesCte(asOf, options.baseCurrency)},
    red as (
      select pa.invoice_id, sum(pa.amount_minor) as amount
      from payment_allocations pa join payments p on p.id = pa.payment_id
      where p.received_on <= ${asOf} group by pa.invoice_id
      union all
      select invoice_id, sum(amount_minor) from credit_notes
      where invoice_id is not null and issued_on <= ${asOf} group by invoice_id
    ),
    per_inv as (
      select i.currency, greatest(0, i.amount_minor - coalesce(sum(r.amount), 0)) as open, ${asOf} - i.due_on as dpd
      from invoices i left join red r on r.invoice_id = i.id
      where i.issued_on <= ${asOf} and i.status <> 'cancelled'
      group by i.id
    )
    select p.currency, (r.factor is not null) as convertible,
      sum(p.open)::int8 as open_minor,
      coalesce(sum(p.open) filter (where p.dpd > 0), 0)::int8 as overdue_minor,
      ${toBase(sql`p.dpd <= 0`)} as b_current,
      ${toBase(sql`p.dpd between 1 and 30`)} as b_1_30,
      ${toBase(sql`p.dpd between 31 and 60`)} as b_31_60,
      ${toBase(sql`p.dpd between 61 and 90`)} as b_61_90,
      ${toBase(sql`p.dpd between 91 and 180`)} as b_91_180,
      ${toBase(sql`p.dpd > 180`)} as b_over_180
    from per_inv p left join rates r on r.cur = p.currency
    where p.open > 0
    group by p.currency, r.factor
    order by p.currency
  `,
  );
  const grades = await queryRows<{ grade: string; n: number }>(
    db,
    sql`
    select grade, count(*)::int as n from (
      select distinct on (customer_id) grade from assessments where as_of <= ${asOf}
      order by customer_id, id desc
    ) latest group by grade
  `,
  );
  const [counts] = await queryRows<{ customers: number; defaults12m: number }>(
    db,
    sql`
    select (select count(*)::int from ${customersAsOfSql(asOf)} c where c.status not in ('closed', 'prospect')) as customers,
      (select count(*)::int from customer_defaults
        where defaulted_on <= ${asOf} and defaulted_on > (${asOf} - interval '12 months')::date) as defaults12m
  `,
  );
  const aging = { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 };
  const keys = [
    ["current", "b_current"],
    ["d1_30", "b_1_30"],
    ["d31_60", "b_31_60"],
    ["d61_90", "b_61_90"],
    ["d91_180", "b_91_180"],
    ["over180", "b_over_180"],
  ] as const;
  for (const row of open) {
    for (const [k, col] of keys) {
      aging[k] += Number(row[col]);
    }
  }
  const openBaseMinor = Object.values(aging).reduce((a, b) => a + b, 0);
  return {
    customers: counts?.customers ?? 0,
    byCurrency: open.map((r) => ({
      currency: String(r.currency),
      openMinor: Number(r.open_minor),
      overdueMinor: Number(r.overdue_minor),
      convertible: Boolean(r.convertible),
    })),
    aging,
    openBaseMinor,
    overdueBaseMinor: openBaseMinor - aging.current,
    grades: Object.fromEntries(grades.map((g) => [g.grade, g.n])),
    defaults12m: counts?.defaults12m ?? 0,
  };
}
