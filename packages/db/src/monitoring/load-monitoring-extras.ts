import { type SQL, sql } from "drizzle-orm";
import { type CustomerSelection, customerFilter } from "../assessment/customer-selection.ts";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";

export interface MonitoringExtras {
  latestScore: number | null;
  previousScore: number | null;
  latestGrade: string | null;
  previousGrade: string | null;
  rating: string | null;
  previousRating: string | null;
  /** Current credit limit in base-currency minor units (standard or valid temporary, the larger). */
  limitBaseMinor: number | null;
}

/**
 * The last two assessments, the last two external ratings and the current credit limit of every
 * (or the given) customer — three set-wise queries; the two latest rows per customer are read
 * through the (customer, date) indexes (a lateral top-2 per customer), not by ranking every row.
 * The limit is read only when the limits capability's `credit_limits` table exists;
 * `limitsAvailable` says whether it did.
 */
export async function loadMonitoringExtras(
  db: Db,
  query: CustomerSelection & { asOf: string; baseCurrency: string },
): Promise<{ extras: Map<number, MonitoringExtras>; limitsAvailable: boolean }> {
  const asOf = sql`${query.asOf}::date`;
  const only = (column: SQL) => customerFilter(column, query);
  const extras = new Map<number, MonitoringExtras>();
  const get = (id: number) => {
    let e = extras.get(id);
    if (!e) {
      e = {
        latestScore: null,
        previousScore: null,
        latestGrade: null,
        previousGrade: null,
        rating: null,
        previousRating: null,
        limitBaseMinor: null,
      };
      extras.set(id, e);
    }
    return e;
  };
  const scores = await queryRows<{ customer_id: number; rn: number; score: number; grade: string }>(
    db,
    sql`select c.id as customer_id, a.rn, a.score, a.grade
      from customers c cross join lateral (
        select score, grade, row_number() over (order by created_at desc, id desc) as rn
        from (select score, grade, created_at, id from assessments
              where customer_id = c.id and as_of <= ${asOf} order by created_at desc, id desc limit 2) top
      ) a
      where true ${only(sql`c.id`)}`,
  );
  for (const r of scores) {
    const e = get(Number(r.customer_id));
    if (Number(r.rn) === 1) {
      e.latestScore = Number(r.score);
      e.latestGrade = r.grade;
    } else {
      e.previousScore = Number(r.score);
      e.previousGrade = r.grade;
    }
  }
  const ratings = await queryRows<{ customer_id: number; rn: number; rating: string }>(
    db,
    sql`select customer_id, rn, rating from (
      select customer_id, rating, row_number() over (partition by customer_id order by rated_on desc, id desc) as rn
      from external_ratings where rated_on <= ${asOf} ${only(sql`customer_id`)}
    ) x where rn <= 2`,
  );
  for (const r of ratings) {
    const e = get(Number(r.customer_id));
    if (Number(r.rn) === 1) {
      e.rating = r.rating;
    } else {
      e.previousRating = r.rating;
    }
  }
  const [exists] = await queryRows<{ t: string | null }>(
    db,
    sql`select to_regclass('credit_limits')::text as t`,
  );
  const limitsAvailable = exists?.t !== null && exists?.t !== undefined;
  if (limitsAvailable) {
    const limits = await queryRows<{ customer_id: number; amount: number }>(
      db,
      sql`with ${ratesCte(asOf, query.baseCurrency)}
      select l.customer_id, max(l.amount_minor * r.factor)::float8 as amount
      from credit_limits l join rates r on r.cur = l.currency
      where l.superseded_at is null and l.valid_from <= ${asOf} and (l.valid_to is null or l.valid_to >= ${asOf})
        ${only(sql`l.customer_id`)}
      group by l.customer_id`,
    );
    for (const r of limits) {
      get(Number(r.customer_id)).limitBaseMinor = Number(r.amount);
    }
  }
  return { extras, limitsAvailable };
}
