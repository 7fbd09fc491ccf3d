import type { ReviewConclusion } from "@creditdesk/core/reviews";
import type { DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import { and, eq, sql } from "drizzle-orm";
import { assessCustomerNow } from "../assessment/assess-customer-now.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { CustomerScope } from "../monitoring/alert-actions.ts";
import { placeCreditHold } from "../monitoring/credit-holds.ts";
import { AppError } from "../shared/app-error.ts";
import { buildReviewReport } from "./build-review-report.ts";
import { getReview } from "./get-review.ts";
import { scheduleReviews } from "./schedule-reviews.ts";

/**
 * Runs a review: re-assesses the customer on fresh data (trigger "review"), records the reviewer's
 * conclusion (keep, raise, lower, hold) with the report data as a snapshot, closes the task and
 * schedules the next one (interval from tier and the fresh grade). "hold" also puts the customer
 * on credit hold (credit checks then block until someone releases it).
 */
export async function completeReview(options: {
  handle: DatabaseHandle;
  reviewId: number;
  asOf: string;
  baseCurrency: string;
  reviewer: string;
  conclusion: ReviewConclusion;
  note?: string;
  scope?: CustomerScope;
}) {
  const review = await getReview({
    handle: options.handle,
    id: options.reviewId,
    ...(options.scope ? { scope: options.scope } : {}),
  });
  if (review.status !== "open") {
    throw new AppError("CONFLICT", `review ${options.reviewId} is ${review.status}`);
  }
  const { assessment } = await assessCustomerNow({
    handle: options.handle,
    customer: review.customerId,
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
    trigger: "review",
    triggeredBy: options.reviewer,
  });
  const report = await buildReviewReport({ handle: options.handle, customerId: review.customerId });
  // The conclusion, the hold it may place, the next review and the audit entry commit together.
  return options.handle.transaction(async (tx) => {
    const [done] = await tx.db
      .update(creditReviews)
      .set({
        status: "completed",
        assessmentId: assessment.id,
        conclusion: options.conclusion,
        conclusionNote: options.note ?? null,
        reviewer: options.reviewer,
        snapshot: report,
        completedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(creditReviews.id, options.reviewId), eq(creditReviews.status, "open")))
      .returning();
    if (!done) {
      throw new AppError("CONFLICT", `review ${options.reviewId} was completed meanwhile`);
    }
    if (options.conclusion === "hold") {
      await placeCreditHold(tx.db, {
        customerId: review.customerId,
        reason: `credit review #${review.id}: hold${options.note ? ` — ${options.note}` : ""}`,
        placedBy: options.reviewer,
      });
    }
    await scheduleReviews({
      handle: { kind: options.handle.kind, db: tx.db, transaction: (fn) => fn(tx), close: async () => {} },
      customerIds: [review.customerId],
    });
    // A review's conclusion is a credit decision: who, when, the inputs (the fresh assessment and
    // its scorecard version), the outcome and the reviewer's note as its reason.
    await appendAudit(tx.db, {
      actor: options.reviewer,
      action: "review.complete",
      entity: "credit_review",
      entityId: done.id,
      before: { status: review.status, owner: review.owner, dueOn: review.dueOn },
      after: {
        customerId: review.customerId,
        conclusion: options.conclusion,
        assessmentId: assessment.id,
        scorecardVersion: assessment.scorecardVersion,
        score: assessment.score,
        pd: assessment.pd,
        grade: assessment.grade,
      },
      reason: options.note ?? null,
    });
    return { review: done, assessment };
  });
}
