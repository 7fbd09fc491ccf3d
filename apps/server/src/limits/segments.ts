import type { DatabaseHandle } from "@creditdesk/db";
import { getCreditSegment, listCreditSegments, saveCreditSegment } from "@creditdesk/lib/limits";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses as p } from "../shared/problem.ts";
import { actorFrom } from "./actor.ts";
import { SEGMENTS_TAG, segmentBody, segmentCodeParams, segmentSchema } from "./segments.schema.ts";

/** `/credit-segments`: credit segments and their check-step configuration (SAP-style check steps). */
export function registerCreditSegmentRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/credit-segments",
    {
      config: { permission: "limits:read" },
      schema: {
        tags: [SEGMENTS_TAG],
        summary: "Credit segments with their check steps",
        response: { 200: z.object({ items: z.array(segmentSchema) }) },
      },
    },
    async () => ({ items: await listCreditSegments({ handle }) }),
  );
  r.get(
    "/credit-segments/:code",
    {
      config: { permission: "limits:read" },
      schema: {
        tags: [SEGMENTS_TAG],
        summary: "One credit segment (`default` shows the shipped steps until configured)",
        params: segmentCodeParams,
        response: { 200: segmentSchema, 404: p[404] },
      },
    },
    async (request) => getCreditSegment({ handle, code: request.params.code }),
  );
  r.put(
    "/credit-segments/:code",
    {
      // The use case appends its own audit entry with before/after, in its transaction.
      config: { permission: "limits:configure", audit: false },
      schema: {
        tags: [SEGMENTS_TAG],
        summary: "Create or replace a credit segment and its check steps",
        description:
          "Validated: known steps with their thresholds, each step once, Watch threshold, reservation lifetime. 201 when created, 200 when replaced; before/after in the audit trail.",
        params: segmentCodeParams,
        body: segmentBody,
        response: { 200: segmentSchema, 201: segmentSchema, 400: p[400] },
      },
    },
    async (request, reply) => {
      const { segment, created } = await saveCreditSegment({
        handle,
        code: request.params.code,
        input: request.body,
        actor: actorFrom(request).id,
      });
      return reply.code(created ? 201 : 200).send(segment);
    },
  );
}
