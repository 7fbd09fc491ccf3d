import { customers, type DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CustomerScope } from "../monitoring/alert-actions.ts";
import { AppError } from "../shared/app-error.ts";

/** One review task; a review of a customer outside the caller's data scope does not exist for them. */
export async function getReview(options: { handle: DatabaseHandle; id: number; scope?: CustomerScope }) {
  const owners = options.scope?.owners;
  const [row] = await options.handle.db
    .select({ review: creditReviews })
    .from(creditReviews)
    .innerJoin(customers, eq(customers.id, creditReviews.customerId))
    .where(
      and(
        eq(creditReviews.id, options.id),
        owners === undefined
          ? undefined
          : owners.length === 0
            ? sql`false`
            : inArray(customers.salesOwner, [...owners]),
      ),
    );
  if (!row) {
    throw new AppError("NOT_FOUND", `review ${options.id} does not exist`);
  }
  return row.review;
}
