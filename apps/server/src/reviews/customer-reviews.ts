import type { DatabaseHandle } from "@creditdesk/db";
import { listCustomerReviews } from "@creditdesk/lib/reviews";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import { REVIEWS_TAG } from "./index.ts";

const reviewSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    dueOn: z.string(),
    reason: z.string(),
    status: z.string(),
    owner: z.string().nullable(),
    conclusion: z.string().nullable(),
    conclusionNote: z.string().nullable(),
    reviewer: z.string().nullable(),
    assessmentId: z.number().int().nullable(),
    alertId: z.number().int().nullable(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: "CustomerReview" });

/** `GET /customers/{idOrCode}/reviews`: the credit file's reviews section (every status). */
export function registerCustomerReviewRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/customers/:idOrCode/reviews",
    {
      config: { permission: "reviews:read" },
      schema: {
        tags: [REVIEWS_TAG],
        summary: "A customer's credit reviews, latest due date first",
        params: z.object({ idOrCode: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(reviewSchema) }), 404: problemResponses[404] },
      },
    },
    async (request) => ({ items: await listCustomerReviews({ handle, idOrCode: request.params.idOrCode }) }),
  );
}
