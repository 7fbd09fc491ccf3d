import { z } from "zod";
import { RISK_GRADES } from "../grading/bands.ts";
import { sourceDefinition } from "./sources.ts";

/**
 * Knock-out / override rules of an expert scorecard: conditions on the same metric paths the
 * characteristics read which, when they hold, cap the grade (never improve it) whatever the points
 * say — the "policy rules" that sit beside the points of expert and application scorecards (Siddiqi,
 * Credit Risk Scorecards, 2006, ch. 9 "policy rules and overrides").
 */
export const OVERRIDE_OPS = [">", ">=", "<", "<=", "==", "!="] as const;
export type OverrideOp = (typeof OVERRIDE_OPS)[number];

/** Operators a category source allows (ordering has no meaning there). */
export const CATEGORY_OVERRIDE_OPS: readonly OverrideOp[] = ["==", "!="];

/** A comparison of one source with a constant, or all / any of nested conditions. */
export type OverrideCondition =
  | { readonly source: string; readonly op: OverrideOp; readonly value: number | string }
  | { readonly all: readonly OverrideCondition[] }
  | { readonly any: readonly OverrideCondition[] };

/** The JSON accepted for a condition (one of the three forms; checked field by field for clear errors). */
export interface OverrideConditionInput {
  source?: string | undefined;
  op?: OverrideOp | undefined;
  value?: number | string | undefined;
  all?: OverrideConditionInput[] | undefined;
  any?: OverrideConditionInput[] | undefined;
}

export const localisedTextSchema = z.object({ en: z.string().min(1), zh: z.string().min(1) });

/** Stable reason codes: BEH_DBT_6M, KO_SEVERE_DELINQUENCY. */
export const reasonCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, "must be upper-case letters, digits and underscores");

/**
 * A condition is validated as one loose object rather than a union so that every error names its own
 * path ("overrides[0].when.any[1].op: unknown op …") instead of a bare "invalid input".
 */
export const overrideConditionSchema: z.ZodType<OverrideCondition, OverrideConditionInput> = z.lazy(() =>
  z
    .strictObject({
      source: z.string().optional(),
      op: z
        .enum(OVERRIDE_OPS, {
          error: (issue) => `unknown op ${JSON.stringify(issue.input)} (allowed: ${OVERRIDE_OPS.join(", ")})`,
        })
        .optional(),
      value: z.union([z.number(), z.string()], { error: "must be a number or a string" }).optional(),
      all: z.array(overrideConditionSchema).min(1).optional(),
      any: z.array(overrideConditionSchema).min(1).optional(),
    })
    .superRefine((c, ctx) => {
      const forms = [c.source !== undefined, c.all !== undefined, c.any !== undefined].filter(Boolean).length;
      if (forms !== 1) {
        ctx.addIssue({
          code: "custom",
          message: "a condition is exactly one of { source, op, value }, { all: [...] } or { any: [...] }",
        });
        return;
      }
      if (c.source === undefined) {
        if (c.op !== undefined || c.value !== undefined) {
          ctx.addIssue({
            code: "custom",
            message: "op and value belong to a { source, op, value } condition",
          });
        }
        return;
      }
      if (c.op === undefined) {
        ctx.addIssue({ code: "custom", path: ["op"], message: "missing op" });
      }
      if (c.value === undefined) {
        ctx.addIssue({ code: "custom", path: ["value"], message: "missing value" });
      }
      const source = sourceDefinition(c.source);
      if (!source) {
        ctx.addIssue({ code: "custom", path: ["source"], message: `unknown source "${c.source}"` });
        return;
      }
      if (source.kind === "number") {
        if (c.value !== undefined && typeof c.value !== "number") {
          ctx.addIssue({
            code: "custom",
            path: ["value"],
            message: `${c.source} is numeric: value must be a number`,
          });
        }
        return;
      }
      if (c.op !== undefined && !CATEGORY_OVERRIDE_OPS.includes(c.op)) {
        ctx.addIssue({
          code: "custom",
          path: ["op"],
          message: `${c.source} is a category: op must be ${CATEGORY_OVERRIDE_OPS.join(" or ")}`,
        });
      }
      const allowed = source.categories?.map((x) => x.value) ?? [];
      if (c.value !== undefined && (typeof c.value !== "string" || !allowed.includes(c.value))) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: `unknown category ${JSON.stringify(c.value)} of ${c.source} (allowed: ${allowed.join(", ")})`,
        });
      }
    })
    .transform((c): OverrideCondition => {
      // Only reached when the checks above passed, so exactly one form is present.
      if (c.all !== undefined) {
        return { all: c.all };
      }
      if (c.any !== undefined) {
        return { any: c.any };
      }
      return { source: c.source ?? "", op: c.op ?? "==", value: c.value ?? "" };
    }),
);

export const overrideSchema = z.object({
  /** Stable code, e.g. KO_SEVERE_DELINQUENCY; shares the reason-code namespace with characteristics. */
  code: reasonCodeSchema,
  when: overrideConditionSchema,
  /** The best grade a customer can get while the condition holds. */
  maxGrade: z.enum(RISK_GRADES, {
    error: (issue) => `unknown grade ${JSON.stringify(issue.input)} (allowed: ${RISK_GRADES.join(", ")})`,
  }),
  /** Short name of the rule for reason texts, e.g. { en: "Severe delinquency", zh: "严重拖欠" }. */
  text: localisedTextSchema,
  /** Why the rule exists (documentation; not shown in reasons). */
  description: z.string().optional(),
});

export type ScorecardOverride = z.output<typeof overrideSchema>;
export type ScorecardOverrideInput = z.input<typeof overrideSchema>;
