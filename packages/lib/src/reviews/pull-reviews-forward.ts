import { addDays } from "@creditdesk/core/assessment";
import { DEFAULT_REVIEW_POLICY } from "@creditdesk/core/reviews";
import type { Db } from "@creditdesk/db";
import { sql } from "drizzle-orm";

/**
 * New alerts recommending "pull review forward" (and every critical alert) make the customer's open
 * review due within `alertLeadDays` — an existing later due date moves earlier, a missing review is
 * created. Runs inside the caller's transaction (one statement per batch).
 */
export async function pullReviewsForward(
  db: Db,
  options: {
    alerts: readonly { id: number | null; customerId: number; severity: string; recommendedAction: string }[];
    asOf: string;
    leadDays?: number;
  },
): Promise<void> {
  const pulling = options.alerts.filter(
    (a) => a.severity === "critical" || a.recommendedAction === "pull_review_forward",
  );
  if (pulling.length === 0) {
    return;
  }
  // One alert per customer (the first) names the reason.
  const byCustomer = new Map<number, number | null>();
  for (const a of pulling) {
    if (!byCustomer.has(a.customerId)) {
      byCustomer.set(a.customerId, a.id);
    }
  }
  const due = addDays(options.asOf, options.leadDays ?? DEFAULT_REVIEW_POLICY.alertLeadDays);
  await db.execute(sql`
    insert into credit_reviews (customer_id, due_on, reason, alert_id)
    select c, ${due}::date, 'alert', a
    from unnest(${sql.param([...byCustomer.keys()])}::bigint[], ${sql.param([...byCustomer.values()])}::bigint[]) as x(c, a)
    on conflict (customer_id) where status = 'open' do update
      set due_on = least(credit_reviews.due_on, excluded.due_on),
          reason = case when excluded.due_on < credit_reviews.due_on then 'alert' else credit_reviews.reason end,
          alert_id = case when excluded.due_on < credit_reviews.due_on then excluded.alert_id else credit_reviews.alert_id end,
          updated_at = now()`);
}

/**
 * `pullReviewsForward` for the alerts a monitoring run opened, in one statement: per customer the
 * first of its new critical or "pull review forward" alerts makes its open review due within the
 * lead time (an existing later date moves earlier; a missing review is created).
 */
export async function pullReviewsForwardForRun(
  db: Db,
  options: { runId: number; asOf: string; leadDays?: number },
): Promise<void> {
  const due = addDays(options.asOf, options.leadDays ?? DEFAULT_REVIEW_POLICY.alertLeadDays);
  await db.execute(sql`
    insert into credit_reviews (customer_id, due_on, reason, alert_id)
    select distinct on (a.customer_id) a.customer_id, ${due}::date, 'alert', a.id
    from alerts a
    where a.first_run_id = ${options.runId}
      and (a.severity = 'critical' or a.recommended_action = 'pull_review_forward')
    order by a.customer_id, a.id
    on conflict (customer_id) where status = 'open' do update
      set due_on = least(credit_reviews.due_on, excluded.due_on),
          reason = case when excluded.due_on < credit_reviews.due_on then 'alert' else credit_reviews.reason end,
          alert_id = case when excluded.due_on < credit_reviews.due_on then excluded.alert_id else credit_reviews.alert_id end,
          updated_at = now()`);
}
