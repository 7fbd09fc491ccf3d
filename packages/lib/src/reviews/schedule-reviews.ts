import type { RiskGrade } from "@creditdesk/core/assessment";
import { nextReviewDue, type ReviewPolicy } from "@creditdesk/core/reviews";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import type { CustomerScope } from "../monitoring/alert-actions.ts";

/**
 * Creates the next open review task for every customer without one: due after the interval of its
 * tier and latest grade (DOMAIN.md) from its last completed review, or from its first assessment /
 * creation. Set-wise: one read, one insert. Returns the number of tasks created.
 */
export async function scheduleReviews(options: {
  handle: DatabaseHandle;
  policy?: ReviewPolicy;
  /** Only these customers (e.g. the one whose review was just completed); all when absent. */
  customerIds?: readonly number[];
}): Promise<number> {
  const only = options.customerIds
    ? sql`and c.id = any(${sql.param([...options.customerIds])}::bigint[])`
    : sql``;
  const rows = await queryRows<{
    id: number;
    tier: string;
    grade: string | null;
    last_review: string | null;
    since: string;
  }>(
    options.handle.db,
    sql`
    select c.id, c.tier, g.grade, r.last_review::text as last_review, c.created_at::date::text as since
    from customers c
    left join (select distinct on (customer_id) customer_id, grade from assessments order by customer_id, created_at desc, id desc) g on g.customer_id = c.id
    left join (select customer_id, max(completed_at)::date as last_review from credit_reviews where status = 'completed' group by 1) r on r.customer_id = c.id
    where c.status not in ('closed', 'prospect') and not exists (select 1 from credit_reviews o where o.customer_id = c.id and o.status = 'open') ${only}`,
  );
  if (rows.length === 0) {
    return 0;
  }
  const due = rows.map(
    (r) =>
      nextReviewDue({
        tier: r.tier,
        grade: (r.grade as RiskGrade | null) ?? null,
        lastReviewOn: r.last_review,
        since: r.since,
        ...(options.policy ? { policy: options.policy } : {}),
      }).dueOn,
  );
  await options.handle.db.execute(sql`
    insert into credit_reviews (customer_id, due_on, reason)
    select c, d, 'scheduled' from unnest(${sql.param(rows.map((r) => Number(r.id)))}::bigint[], ${sql.param(due)}::date[]) as x(c, d)
    on conflict (customer_id) where status = 'open' do nothing`);
  return rows.length;
}

/**
 * Open reviews due on or before a date, earliest first, with the customer — optionally one
 * owner's, and only customers in the caller's data scope.
 */
export async function listDueReviews(options: {
  handle: DatabaseHandle;
  asOf: string;
  limit?: number;
  owner?: string;
  scope?: CustomerScope;
}) {
  const owners = options.scope?.owners;
  const rows = await queryRows<{
    id: number;
    customer_id: number;
    code: string;
    legal_name: string;
    due_on: string;
    reason: string;
    owner: string | null;
    alert_id: number | null;
  }>(
    options.handle.db,
    sql`select r.id, r.customer_id, c.code, c.legal_name, r.due_on::text as due_on, r.reason, r.owner, r.alert_id
        from credit_reviews r join customers c on c.id = r.customer_id
        where r.status = 'open' and r.due_on <= ${options.asOf}::date
          ${options.owner !== undefined ? sql`and r.owner = ${options.owner}` : sql``}
          ${owners !== undefined ? sql`and c.sales_owner = any(${sql.param([...owners])}::text[])` : sql``}
        order by r.due_on, r.id limit ${options.limit ?? 500}`,
  );
  // customerId (camel case) as well: the API's generic data-scope filter reads it.
  return rows.map((r) => ({ ...r, customerId: Number(r.customer_id) }));
}
