import { type DatabaseHandle, users } from "@creditdesk/db";
import { notifications } from "@creditdesk/db/notifications";
import { creditReviews } from "@creditdesk/db/reviews";
import { and, eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import type { CustomerScope } from "../monitoring/alert-actions.ts";
import { AppError } from "../shared/app-error.ts";
import { getReview } from "./get-review.ts";

/**
 * Gives an open review task an owner (an active user), optionally a new due date; the owner gets an
 * inbox entry. A completed or cancelled review cannot be reassigned (409).
 */
export async function assignReview(options: {
  handle: DatabaseHandle;
  id: number;
  owner: string;
  dueOn?: string;
  by: string;
  scope?: CustomerScope;
}) {
  const review = await getReview(options);
  if (review.status !== "open") {
    throw new AppError("CONFLICT", `review ${options.id} is ${review.status}`);
  }
  const [user] = await options.handle.db
    .select({ login: users.login })
    .from(users)
    .where(and(eq(users.login, options.owner), eq(users.status, "active")));
  if (!user) {
    throw AppError.validation([{ path: "owner", message: `no active user '${options.owner}'` }]);
  }
  return options.handle.transaction(async (tx) => {
    const [updated] = await tx.db
      .update(creditReviews)
      .set({
        owner: user.login,
        ...(options.dueOn ? { dueOn: options.dueOn } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(creditReviews.id, options.id), eq(creditReviews.status, "open")))
      .returning();
    if (review.owner !== user.login) {
      await tx.db.insert(notifications).values({
        recipient: user.login,
        severity: "info",
        title: "Credit review assigned to you",
        body: `review #${options.id} due ${updated!.dueOn}, assigned by ${options.by}`,
        link: `/reviews/${options.id}`,
      });
    }
    await appendAudit(tx.db, {
      actor: options.by,
      action: "review.assign",
      entity: "credit_review",
      entityId: options.id,
      before: { owner: review.owner, dueOn: review.dueOn },
      after: { owner: updated!.owner, dueOn: updated!.dueOn },
    });
    return updated!;
  });
}
