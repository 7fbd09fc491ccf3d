import { REVIEW_CONCLUSIONS } from "@creditdesk/core/reviews";
import type { DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import {
  buildReviewReport,
  completeReview,
  listDueReviews,
  renderReviewReportHtml,
  renderReviewReportPdf,
  scheduleReviews,
} from "@creditdesk/lib/reviews";
import { AppError } from "@creditdesk/lib/shared";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";

export const REVIEWS_TAG = "Reviews";
const today = () => new Date().toISOString().slice(0, 10);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const idParams = z.object({ id: z.coerce.number().int().positive() });

async function reviewOrFail(handle: DatabaseHandle, id: number) {
  const [review] = await handle.db.select().from(creditReviews).where(eq(creditReviews.id, id));
  if (!review) {
    throw new AppError("NOT_FOUND", `review ${id} does not exist`);
  }
  return review;
}

/** Periodic credit reviews: due list, scheduling, completion with a conclusion, the review report. */
export function registerReviewRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/reviews",
    {
      config: { permission: "assessment:read" },
      schema: {
        tags: [REVIEWS_TAG],
        summary: "Reviews due on or before a date (default today)",
        querystring: z.object({
          asOf: isoDate.optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
    },
    async (request) => ({
      items: await listDueReviews({
        handle,
        asOf: request.query.asOf ?? today(),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
      }),
    }),
  );
  r.post(
    "/reviews/schedule",
    {
      config: { permission: "assessment:run" },
      schema: {
        tags: [REVIEWS_TAG],
        summary: "Schedule the next review of every customer from tier and grade",
        response: { 200: z.object({ scheduled: z.number().int() }) },
      },
    },
    async () => ({ scheduled: await scheduleReviews({ handle }) }),
  );
  r.post(
    "/reviews/:id/complete",
    {
      config: { permission: "assessment:run" },
      schema: {
        tags: [REVIEWS_TAG],
        summary: "Complete a review: re-assess on fresh data and record the conclusion",
        params: idParams,
        body: z
          .object({ conclusion: z.enum(REVIEW_CONCLUSIONS), note: z.string().max(4000).optional() })
          .strict(),
        response: {
          200: z.object({
            review: z.record(z.string(), z.unknown()),
            assessment: z.record(z.string(), z.unknown()),
          }),
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) =>
      completeReview({
        handle,
        reviewId: request.params.id,
        asOf: today(),
        baseCurrency: options.baseCurrency,
        reviewer: request.principal?.login ?? "unknown",
        conclusion: request.body.conclusion,
        ...(request.body.note ? { note: request.body.note } : {}),
      }),
  );
  r.get(
    "/reviews/:id/report",
    {
      config: { permission: "assessment:read" },
      schema: {
        tags: [REVIEWS_TAG],
        summary: "The credit review report as HTML (format=html, default) or PDF (format=pdf)",
        params: idParams,
        querystring: z.object({ format: z.enum(["html", "pdf"]).optional() }),
      },
    },
    async (request, reply) => {
      const review = await reviewOrFail(handle, request.params.id);
      const report = await buildReviewReport({ handle, customerId: review.customerId, reviewId: review.id });
      if (request.query.format === "pdf") {
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="review-${review.id}.pdf"`)
          .send(await renderReviewReportPdf(report));
      }
      return reply.type("text/html; charset=utf-8").send(renderReviewReportHtml(report));
    },
  );
}
