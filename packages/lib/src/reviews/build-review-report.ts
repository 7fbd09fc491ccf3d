import { customers, type DatabaseHandle, queryRows } from "@creditdesk/db";
import { eq, sql } from "drizzle-orm";
import { getCreditFile } from "../assessment/get-credit-file.ts";
import { AppError } from "../shared/app-error.ts";

/**
 * Everything a credit review report shows: profile, financial analysis and behaviour (from the
 * latest assessment's detail), score history with reasons, limit and exposure (when the limits
 * tables exist), alerts, and the review conclusion.
 */
export async function buildReviewReport(options: {
  handle: DatabaseHandle;
  customerId: number;
  reviewId?: number;
}) {
  const { handle, customerId } = options;
  const [profile] = await handle.db.select().from(customers).where(eq(customers.id, customerId));
  if (!profile) {
    throw new AppError("NOT_FOUND", `customer ${customerId} does not exist`);
  }
  const file = await getCreditFile(handle, customerId);
  const alerts = await queryRows<{
    id: number;
    severity: string;
    state: string;
    title: string;
    last_value: number;
    threshold: number;
    as_of: string;
  }>(
    handle.db,
    sql`select id, severity, state, title, last_value, threshold, as_of::text as as_of from alerts
        where customer_id = ${customerId} order by id desc limit 50`,
  );
  const [limitsTable] = await queryRows<{ t: string | null }>(
    handle.db,
    sql`select to_regclass('credit_limits')::text as t`,
  );
  const limits = limitsTable?.t
    ? await queryRows<{
        kind: string;
        currency: string;
        amount_minor: number;
        valid_from: string;
        valid_to: string | null;
      }>(
        handle.db,
        sql`select kind, currency, amount_minor, valid_from::text as valid_from, valid_to::text as valid_to
            from credit_limits where customer_id = ${customerId} and superseded_at is null order by id`,
      )
    : null;
  const review = options.reviewId
    ? ((
        await queryRows<{
          conclusion: string | null;
          conclusion_note: string | null;
          reviewer: string | null;
          due_on: string;
        }>(
          handle.db,
          sql`select conclusion, conclusion_note, reviewer, due_on::text as due_on from credit_reviews where id = ${options.reviewId}`,
        )
      )[0] ?? null)
    : null;
  return {
    customer: {
      id: profile.id,
      code: profile.code,
      name: profile.legalName,
      industry: profile.industry,
      region: profile.region,
      tier: profile.tier,
      foundedOn: profile.foundedOn,
      paymentTermsDays: profile.paymentTermsDays,
    },
    latest: file.latest
      ? {
          asOf: file.latest.asOf,
          score: file.latest.score,
          displayScore: file.latest.displayScore,
          pd: file.latest.pd,
          grade: file.latest.grade,
          reasons: file.latest.reasons,
          financial: file.latest.financial,
          behaviour: file.latest.behaviour,
        }
      : null,
    scoreHistory: file.scoreHistory.map((h) => ({ asOf: h.asOf, score: h.score, grade: h.grade })),
    limits,
    alerts,
    review,
  };
}
export type ReviewReport = Awaited<ReturnType<typeof buildReviewReport>>;
