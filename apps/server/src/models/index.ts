import { curvesSchema } from "@creditdesk/core/models";
import type { DatabaseHandle } from "@creditdesk/db";
import { listModels, ModelRegistryError, type RegisteredModel } from "@creditdesk/db/models";
import { compareRegisteredModels, historyWindow, registeredArtefact } from "@creditdesk/lib/models";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";

export const MODELS_TAG = "Models";

const metrics = z
  .object({
    n: z.number(),
    bads: z.number(),
    badRate: z.number(),
    auc: z.number().nullable(),
    gini: z.number().nullable(),
    ks: z.number().nullable(),
    brier: z.number(),
    logLoss: z.number(),
  })
  .meta({ id: "ModelMetrics" });
const curves = curvesSchema
  .describe(
    "ROC points (false-positive vs true-positive rate, at most ~200) and the KS curve (cumulative bad and good share by score) with the KS statistic and where it is reached",
  )
  .meta({ id: "EvaluationCurves" });
const modelSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    version: z.string(),
    method: z.string(),
    role: z.enum(["champion", "challenger", "retired"]),
    createdBy: z.string(),
    createdAt: z.string(),
    trainingRows: z.number().int().nullable(),
    target: z.string().nullable(),
    metrics: z.object({ train: metrics.nullable(), validation: metrics.nullable() }),
  })
  .meta({ id: "RegisteredModel" });
const scorecardFeature = z.object({
  name: z.string(),
  kind: z.string(),
  coefficient: z.number(),
  iv: z.number(),
  bins: z.array(
    z.object({ label: z.string(), good: z.number(), bad: z.number(), woe: z.number(), points: z.number() }),
  ),
});
const modelDetail = modelSummary
  .extend({
    scale: z.object({ points: z.number(), odds: z.number(), pdo: z.number() }),
    scorecard: z.array(scorecardFeature).nullable().describe("characteristics with bins and points"),
    importance: z.array(z.object({ feature: z.string(), gain: z.number() })).nullable(),
    curves: z
      .object({ train: curves.nullable(), validation: curves.nullable() })
      .nullable()
      .describe("stored at training; null for a model trained before curves were kept"),
  })
  .meta({ id: "RegisteredModelDetail" });
const compared = z.object({
  name: z.string(),
  version: z.string(),
  method: z.string(),
  auc: z.number().nullable(),
  ks: z.number().nullable(),
  gini: z.number().nullable(),
  brier: z.number(),
  logLoss: z.number(),
  meanPd: z.number(),
  meanScore: z.number(),
  curves: curves.nullable().describe("on the compared rows; null with one class only"),
});
const comparison = z
  .object({
    asOf: z.string(),
    horizonMonths: z.number().int(),
    rows: z.number().int(),
    bads: z.number().int(),
    badRate: z.number(),
    champion: compared,
    challenger: compared,
    aucDelta: z.number().nullable(),
    scorePsi: z.object({ psi: z.number(), band: z.enum(["stable", "watch", "shifted"]) }),
  })
  .meta({ id: "ModelComparison" });

function summary(model: RegisteredModel): z.infer<typeof modelSummary> {
  const artefact = registeredArtefact(model);
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    method: model.method,
    role: model.role,
    createdBy: model.createdBy,
    createdAt: model.createdAt,
    trainingRows: artefact.training.rows,
    target: artefact.training.target,
    metrics: { train: artefact.metrics.train, validation: artefact.metrics.validation },
  };
}

function detail(model: RegisteredModel): z.infer<typeof modelDetail> {
  const artefact = registeredArtefact(model);
  return {
    ...summary(model),
    scale: artefact.model.scale,
    scorecard:
      artefact.method === "scorecard"
        ? artefact.model.features.map((f) => ({
            name: f.name,
            kind: f.kind,
            coefficient: f.coefficient,
            iv: f.iv,
            bins: f.bins.map((b) => ({
              label: b.label,
              good: b.good,
              bad: b.bad,
              woe: b.woe,
              points: b.points,
            })),
          }))
        : null,
    importance: artefact.method === "gbdt" ? artefact.model.importance : null,
    curves: artefact.curves ?? null,
  };
}

/**
 * The model registry for the workbench (read only; models are trained and registered with
 * `creditdesk model …`): the list with stored train/validation metrics, one model's scorecard
 * table or importance, and champion vs latest challenger on the own history (AUC, KS, Gini, PSI).
 */
export function registerModelRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/models",
    {
      config: { permission: "scorecards:read" },
      schema: {
        tags: [MODELS_TAG],
        summary: "Registered models with their stored metrics, newest first",
        response: { 200: z.object({ items: z.array(modelSummary) }) },
      },
    },
    async () => ({ items: (await listModels(handle.db)).map(summary) }),
  );
  r.get(
    "/models/comparison",
    {
      config: { permission: "scorecards:read" },
      schema: {
        tags: [MODELS_TAG],
        summary: "Champion vs latest challenger on the own history of one as-of date",
        description:
          "Default as-of: the last month-end whose whole outcome window lies inside the recorded history.",
        querystring: z.object({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          horizonMonths: z.coerce.number().int().min(1).max(36).default(12),
        }),
        response: { 200: comparison, 404: problemResponses[404], 422: problemResponses[422] },
      },
    },
    async (request) => {
      const { horizonMonths } = request.query;
      const asOf = request.query.asOf ?? (await historyWindow(handle.db, { horizonMonths }))?.to ?? undefined;
      if (asOf === undefined) {
        throw new AppError(
          "UNPROCESSABLE",
          `not enough history for a ${horizonMonths}-month outcome window; pass asOf`,
        );
      }
      try {
        const result = await compareRegisteredModels({
          handle,
          source: { kind: "history", asOf, horizonMonths, baseCurrency: options.baseCurrency },
        });
        return {
          asOf,
          horizonMonths,
          rows: result.rows,
          bads: result.bads,
          badRate: result.badRate,
          champion: result.champion,
          challenger: result.challenger,
          aucDelta: result.aucDelta,
          scorePsi: result.scorePsi,
        };
      } catch (error) {
        if (error instanceof ModelRegistryError && error.code === "not_found") {
          throw new AppError("NOT_FOUND", error.message);
        }
        throw error;
      }
    },
  );
  r.get(
    "/models/:id",
    {
      config: { permission: "scorecards:read" },
      schema: {
        tags: [MODELS_TAG],
        summary: "One registered model: metrics and its scorecard table (bins, WOE, points) or importance",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: modelDetail, 404: problemResponses[404] },
      },
    },
    async (request) => {
      const model = (await listModels(handle.db)).find((m) => m.id === request.params.id);
      if (!model) {
        throw new AppError("NOT_FOUND", `model ${request.params.id} does not exist`);
      }
      return detail(model);
    },
  );
}
