import { z } from "zod";

/**
 * The versioned model artefact (JSON, storable as jsonb). Everything needed to score is inside:
 * bins and points for a scorecard, trees and category orders for a GBDT.
 */
export const MODEL_FORMAT = "creditdesk-model";
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_METHODS = ["scorecard", "gbdt"] as const;
export type ModelMethod = (typeof MODEL_METHODS)[number];

const finite = z.number().refine(Number.isFinite, "must be a finite number");

export const scaleSchema = z.object({
  points: finite,
  odds: finite.refine((x) => x > 0),
  pdo: finite.refine((x) => x > 0),
});

export const binRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("range"), lower: finite.nullable(), upper: finite.nullable() }),
  z.object({ kind: z.literal("categories"), values: z.array(z.string()) }),
  z.object({ kind: z.literal("special"), value: finite }),
  z.object({ kind: z.literal("missing") }),
]);

export const scorecardModelSchema = z.object({
  scale: scaleSchema,
  intercept: finite,
  features: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(["numeric", "categorical"]),
      coefficient: finite,
      iv: finite,
      bins: z.array(
        z.object({
          label: z.string(),
          rule: binRuleSchema,
          good: z.number().int().nonnegative(),
          bad: z.number().int().nonnegative(),
          woe: finite,
          points: finite,
        }),
      ),
    }),
  ),
});

export const gbdtModelSchema = z.object({
  scale: scaleSchema,
  baseMargin: finite,
  features: z.array(
    z.discriminatedUnion("kind", [
      z.object({ name: z.string(), kind: z.literal("numeric") }),
      z.object({ name: z.string(), kind: z.literal("categorical"), categories: z.array(z.string()) }),
    ]),
  ),
  trees: z.array(
    z.object({
      feature: z.array(z.number().int()),
      threshold: z.array(finite),
      missingLeft: z.array(z.boolean()),
      left: z.array(z.number().int()),
      right: z.array(z.number().int()),
      value: z.array(finite),
    }),
  ),
  importance: z.array(z.object({ feature: z.string(), gain: finite })),
});

export const metricsSchema = z.object({
  n: z.number().int(),
  bads: z.number().int(),
  badRate: finite,
  auc: finite.nullable(),
  gini: finite.nullable(),
  ks: finite.nullable(),
  brier: finite,
  logLoss: finite,
});

/** ROC and KS curves for charts (evaluation/curves.ts); absent in artefacts trained before they were kept. */
export const curvesSchema = z.object({
  roc: z.array(z.object({ fpr: finite, tpr: finite })),
  ks: z.object({
    points: z.array(z.object({ score: finite, population: finite, bad: finite, good: finite })),
    statistic: finite,
    score: finite,
    population: finite,
  }),
});

const common = {
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  createdAt: z.string(),
  training: z.object({
    file: z.string().optional(),
    rows: z.number().int().nonnegative(),
    target: z.string(),
    positive: z.string(),
    features: z.array(z.object({ name: z.string(), kind: z.enum(["numeric", "categorical"]) })),
    split: z.object({
      method: z.enum(["random", "time"]),
      validationShare: finite,
      seed: z.number().int().optional(),
      timeColumn: z.string().optional(),
      trainRows: z.number().int(),
      validationRows: z.number().int(),
    }),
    params: z.record(z.string(), z.unknown()),
  }),
  metrics: z.object({ train: metricsSchema, validation: metricsSchema.nullable() }),
  /** Null for a part where a curve is undefined (one class only, or no validation rows). */
  curves: z.object({ train: curvesSchema.nullable(), validation: curvesSchema.nullable() }).optional(),
};

export const modelArtefactSchema = z.discriminatedUnion("method", [
  z.object({ ...common, method: z.literal("scorecard"), model: scorecardModelSchema }),
  z.object({ ...common, method: z.literal("gbdt"), model: gbdtModelSchema }),
]);

export type ModelArtefact = z.infer<typeof modelArtefactSchema>;
export type ScorecardArtefact = Extract<ModelArtefact, { method: "scorecard" }>;
export type GbdtArtefact = Extract<ModelArtefact, { method: "gbdt" }>;
