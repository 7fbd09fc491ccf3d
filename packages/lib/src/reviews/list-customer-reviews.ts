import type { DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import { desc, eq } from "drizzle-orm";
import { getCustomer } from "../archive/get-customer.ts";

/** A customer's credit reviews (open, completed, cancelled), latest due date first. */
export async function listCustomerReviews(options: {
  handle: DatabaseHandle;
  idOrCode: string;
  limit?: number;
}) {
  const customer = await getCustomer({ handle: options.handle, idOrCode: options.idOrCode });
  const rows = await options.handle.db
    .select()
    .from(creditReviews)
    .where(eq(creditReviews.customerId, customer.id))
    .orderBy(desc(creditReviews.dueOn), desc(creditReviews.id))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    dueOn: r.dueOn,
    reason: r.reason,
    status: r.status,
    owner: r.owner,
    conclusion: r.conclusion,
    conclusionNote: r.conclusionNote,
    reviewer: r.reviewer,
    assessmentId: r.assessmentId,
    alertId: r.alertId,
    completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
  }));
}
