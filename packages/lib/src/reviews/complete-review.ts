import type { ReviewConclusion } from "@creditdesk/core/reviews";
import type { DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import { and, eq, sql } from "drizzle-orm";
import { assessCustomerNow } from "../assessment/assess-customer-now.ts";
import { AppError } from "../shared/app-error.ts";
import { buildReviewReport } from "./build-review-report.ts";

/**
 * Runs a review: re-assesses the customer on fresh data (trigger "review"), records the reviewer's
 * conclusion (keep, raise, lower, hold) with the report data as a snapshot, and closes the task.
 */
export async function completeReview(options: {
  handle: DatabaseHandle;
  reviewId: number;
  asOf: string;
  baseCurrency: string;
  reviewer: string;
  conclusion: ReviewConclusion;
  note?: string;
}) {
  const [review] = await options.handle.db
    .select()
    .from(creditReviews)
    .where(eq(creditReviews.id, options.reviewId));
  if (!review) {
    throw new AppError("NOT_FOUND", `review ${options.reviewId} does not exist`);
  }
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
  const [done] = await options.handle.db
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
  return { review: done!, assessment };
}
