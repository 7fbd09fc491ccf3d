import type { DatabaseHandle } from "@creditdesk/db";
import {
  activateScorecard,
  getScorecardDefinition,
  listScorecards,
  saveScorecard,
} from "@creditdesk/lib/assessment";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import { ASSESSMENT_TAG } from "./assessments.schema.ts";

const scorecardSummary = z
  .object({
    version: z.string(),
    name: z.string(),
    status: z.enum(["draft", "active", "retired"]),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "ScorecardSummary" });
const versionParams = z.object({ version: z.string().min(1).max(100) });

/** `/scorecards`: versioned expert scorecard definitions (validated on save, immutable per version). */
export function registerScorecardRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/scorecards",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "List scorecard versions",
        response: { 200: z.array(scorecardSummary) },
      },
    },
    async () => (await listScorecards(handle)) as never,
  );
  r.get(
    "/scorecards/:version",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "A scorecard definition (`active` for the active one)",
        params: versionParams,
        response: {
          200: z.object({ version: z.string(), status: z.string(), definition: z.unknown() }),
          404: problemResponses[404],
        },
      },
    },
    async (request) =>
      getScorecardDefinition(
        handle,
        request.params.version === "active" ? undefined : request.params.version,
      ),
  );
  r.post(
    "/scorecards",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "Store a new scorecard version",
        description:
          "The definition is validated (bins without gaps or overlaps, known sources, a missing bin per characteristic); errors name the path.",
        querystring: z.object({ activate: z.enum(["true", "false"]).optional() }),
        body: z.record(z.string(), z.unknown()),
        response: {
          201: z.object({ version: z.string(), name: z.string(), status: z.string() }),
          400: problemResponses[400],
          409: problemResponses[409],
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await saveScorecard({
          handle,
          definition: request.body,
          activate: request.query.activate === "true",
          createdBy: `api:${request.ip}`,
        }),
      ),
  );
  r.post(
    "/scorecards/:version/activate",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "Make a scorecard version the active one",
        params: versionParams,
        response: { 204: z.null(), 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      await activateScorecard({ handle, version: request.params.version });
      return reply.code(204).send(null);
    },
  );
}
