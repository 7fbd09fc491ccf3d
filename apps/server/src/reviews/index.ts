import { REVIEW_CONCLUSIONS } from "@creditdesk/core/reviews";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  assignReview,
  buildReviewCaseFile,
  buildReviewReport,
  completeReview,
  getReview,
  listDueReviews,
  renderReviewCaseFilePdf,
  renderReviewReportHtml,
  renderReviewReportPdf,
  scheduleReviews,
} from "@creditdesk/lib/reviews";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf, who } from "../monitoring/index.ts";
import { problemResponses } from "../shared/problem.ts";

export const REVIEWS_TAG = "Reviews";
const today = () => new Date().toISOString().slice(0, 10);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const idParams = z.object({ id: z.coerce.number().int().positive() });
// Reviews have their own permissions (packages/core/src/identity/roles.ts); a sales user with
// reviews:read would see only their own customers' reviews (data scope, filtered in SQL).
const READ = { permission: "reviews:read" } as const;
const WRITE = { permission: "reviews:write" } as const;
// Assigning and completing record their own audit entries (review.assign, review.complete).
const WRITE_AUDITED = { permission: "reviews:write", audit: false } as const;

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
      config: READ,
      schema: {
        tags: [REVIEWS_TAG],
        summary: "Open reviews due on or before a date (default today), optionally one owner's",
        querystring: z.object({
          asOf: isoDate.optional(),
          owner: z.string().min(1).max(100).optional().describe("a login, or `me`"),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
    },
    async (request) => ({
      items: await listDueReviews({
        handle,
        asOf: request.query.asOf ?? today(),
        ...(request.query.owner
          ? { owner: request.query.owner === "me" ? who(request) : request.query.owner }
          : {}),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
        ...(await scopeOf(request, handle)),
      }),
    }),
  );
  r.post(
    "/reviews/schedule",
    {
      config: WRITE,
      schema: {
        tags: [REVIEWS_TAG],
        summary: "Schedule the next review of every customer from tier and grade",
        response: { 200: z.object({ scheduled: z.number().int() }) },
      },
    },
    async () => ({ scheduled: await scheduleReviews({ handle }) }),
  );
  r.post(
    "/reviews/:id/assign",
    {
      config: WRITE_AUDITED,
      schema: {
        tags: [REVIEWS_TAG],
        summary:
          "Give an open review an owner (an active user, notified in the inbox) and optionally a due date",
        params: idParams,
        body: z.object({ owner: z.string().min(1).max(100), dueOn: isoDate.optional() }).strict(),
        response: {
          200: z.record(z.string(), z.unknown()),
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) =>
      assignReview({
        handle,
        id: request.params.id,
        owner: request.body.owner,
        ...(request.body.dueOn ? { dueOn: request.body.dueOn } : {}),
        by: who(request),
        ...(await scopeOf(request, handle)),
      }),
  );
  r.post(
    "/reviews/:id/complete",
    {
      config: WRITE_AUDITED,
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
        ...(await scopeOf(request, handle)),
      }),
  );
  r.get(
    "/reviews/:id/report",
    {
      config: READ,
      schema: {
        tags: [REVIEWS_TAG],
        summary: "The credit review report as HTML (format=html, default) or PDF (format=pdf)",
        params: idParams,
        querystring: z.object({ format: z.enum(["html", "pdf"]).optional() }),
      },
    },
    async (request, reply) => {
      const review = await getReview({ handle, id: request.params.id, ...(await scopeOf(request, handle)) });
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
  r.get(
    "/reviews/:id/case-file",
    {
      config: READ,
      schema: {
        tags: [REVIEWS_TAG],
        summary:
          "The review's case file: customer, evidence recorded at completion, assessment with reasons, recommended limit and terms, conclusion with who and when, comments, risk register, audit trail — PDF (format=pdf, default) or JSON (format=json)",
        params: idParams,
        querystring: z.object({
          lang: z.string().max(10).optional(),
          format: z.enum(["pdf", "json"]).optional(),
        }),
      },
    },
    async (request, reply) => {
      const file = await buildReviewCaseFile({
        handle,
        id: request.params.id,
        language: request.query.lang ?? null,
        ...(await scopeOf(request, handle)),
      });
      if (request.query.format === "json") {
        return reply.type("application/json").send(JSON.stringify(file));
      }
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="case-file-review-${request.params.id}.pdf"`)
        .send(await renderReviewCaseFilePdf(file));
    },
  );
}
