import { type SQL, sql } from "drizzle-orm";
import { ratesCte } from "../fx/base-rates.ts";
import { limitsInForceCtes, openOrdersCtes } from "./positions.ts";
import { inCustomers, openInvoicesCte, toBaseMinor } from "./sql-helpers.ts";

/** Options of `customerStandingCtes`. */
export interface CustomerStandingOptions {
  /** The day the figures are for (today in the customer list). */
  asOf: string;
  /** Reservations not expired at this moment count. */
  now: Date;
  baseCurrency: string;
  /** Only these customers (a page of the list); all when undefined. */
  customerIds?: readonly number[] | undefined;
}

/**
 * CTEs ending in `standing (customer_id, grade, score, open_minor, overdue_minor, exposure_minor,
 * limit_minor, utilisation)`: a customer's latest assessment and its position as the portfolio view
 * computes it (`loadPortfolioPositions`: the same open-invoice, open-order, reservation and limit
 * CTEs, each part converted to the base currency once per currency, half-even): open and overdue
 * receivables, exposure = open receivables + undelivered + delivered not invoiced + reservations,
 * the limits in force, and utilisation = exposure / limit (null without a limit). Currencies without
 * an FX rate are left out, as in the portfolio view. Only customers with some figure have a row.
 */
export function customerStandingCtes(options: CustomerStandingOptions): SQL {
  const asOf = sql`cast(${options.asOf} as date)`;
  const now = sql`cast(${options.now.toISOString()} as timestamptz)`;
  const ids = options.customerIds;
  const conv = (col: string) => toBaseMinor(sql`p.${sql.raw(col)}`, sql`r.factor`);
  return sql`${ratesCte(asOf, options.baseCurrency)}, ${openInvoicesCte(asOf, ids)},
    ${openOrdersCtes(asOf, now, ids)}, ${limitsInForceCtes(asOf, ids)},
    st_parts as (
      select customer_id, cur, sum(open)::int8 as open, sum(overdue)::int8 as overdue, sum(other)::int8 as other
      from (
        select customer_id, cur, open, case when dpd > 0 then open else 0 end as overdue, 0::int8 as other
        from inv where open > 0
        union all
        select customer_id, cur, 0, 0, undelivered + dni from ord
        union all
        select customer_id, cur, 0, 0, reserved from res
      ) u group by customer_id, cur
    ), st_expo as (
      select p.customer_id,
        coalesce(sum(${conv("open")}) filter (where r.factor is not null), 0)::int8 as open,
        coalesce(sum(${conv("overdue")}) filter (where r.factor is not null), 0)::int8 as overdue,
        coalesce(sum(${conv("other")}) filter (where r.factor is not null), 0)::int8 as other
      from st_parts p left join rates r on r.cur = p.cur
      group by p.customer_id
    ), ${latestGradeCte(asOf, ids)}, standing as (
      select k.customer_id, g.grade, g.score,
        coalesce(e.open, 0)::int8 as open_minor, coalesce(e.overdue, 0)::int8 as overdue_minor,
        (coalesce(e.open, 0) + coalesce(e.other, 0))::int8 as exposure_minor, lim.limit_minor,
        case when lim.limit_minor > 0
          then (coalesce(e.open, 0) + coalesce(e.other, 0))::float8 / lim.limit_minor end as utilisation
      from (select customer_id from st_expo union select customer_id from lim
            union select customer_id from st_grade) k
        left join st_expo e on e.customer_id = k.customer_id
        left join lim on lim.customer_id = k.customer_id
        left join st_grade g on g.customer_id = k.customer_id
    )`;
}

/** CTE `st_grade (customer_id, grade, score)`: each customer's latest assessment on or before as-of. */
function latestGradeCte(asOf: SQL, customerIds: readonly number[] | undefined): SQL {
  return sql`st_grade as (
      select distinct on (a.customer_id) a.customer_id, a.grade, a.score
      from assessments a where a.as_of <= ${asOf}${inCustomers(sql`a.customer_id`, customerIds)}
      order by a.customer_id, a.as_of desc, a.id desc
    )`;
}

/**
 * `customerStandingCtes` for a list filtered and sorted on the grade and score only: `standing`
 * with just those two (the ledger figures null), without reading the ledger at all.
 */
export function customerGradeCtes(options: Pick<CustomerStandingOptions, "asOf" | "customerIds">): SQL {
  return sql`${latestGradeCte(sql`cast(${options.asOf} as date)`, options.customerIds)}, standing as (
      select customer_id, grade, score, null::int8 as open_minor, null::int8 as overdue_minor,
        null::int8 as exposure_minor, null::int8 as limit_minor, null::float8 as utilisation
      from st_grade
    )`;
}

/** A customer's standing as read from `standing`, one row. */
export interface CustomerStandingRow {
  grade: string | null;
  score: number | null;
  openMinor: number;
  overdueMinor: number;
  exposureMinor: number;
  limitMinor: number | null;
  utilisation: number | null;
}
