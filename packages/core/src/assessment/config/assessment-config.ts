import { z } from "zod";
import { ALTMAN_VARIANTS, type AltmanVariantRule, DEFAULT_ALTMAN_VARIANT_RULE } from "../financial/altman.ts";
import { DEFAULT_GRADE_BANDS, type GradeBand, gradeBandIssues, RISK_GRADES } from "../grading/bands.ts";
import { DEFAULT_MASTER_SCALE, type MasterScaleNotch, masterScaleIssues } from "../grading/master-scale.ts";
import {
  CREDIT_SALES_STANCES,
  DEFAULT_POLICY_TABLE,
  GUARANTEE_REQUIREMENTS,
  type PolicyTable,
  policyTableIssues,
} from "../policy/policy-table.ts";
import { localisedTextSchema } from "../scorecard/override-schema.ts";
import { addPathIssues, formatIssues } from "../shared/issues.ts";

/**
 * Zod schemas for the configurable tables of the assessment, so they can be stored as jsonb and
 * validated on load. The validate… functions' checks run in superRefine, so every error names its
 * path ("policyTable.low.prepaymentBps: must be a whole number 0–10000").
 */
const gradeSchema = z.enum(RISK_GRADES, {
  error: (issue) => `unknown grade ${JSON.stringify(issue.input)} (allowed: ${RISK_GRADES.join(", ")})`,
});

export const gradeBandSchema = z.object({ grade: gradeSchema, minScore: z.number().nullable() });
export const gradeBandsSchema = z
  .array(gradeBandSchema)
  .superRefine((bands, ctx) => addPathIssues(ctx, gradeBandIssues(bands)));

export const masterScaleNotchSchema = z.object({
  notch: z.number().int().positive(),
  maxPd: z.number().nullable(),
});
export const masterScaleSchema = z
  .array(masterScaleNotchSchema)
  .superRefine((scale, ctx) => addPathIssues(ctx, masterScaleIssues(scale)));

/** Numeric fields are only type-checked here; their ranges are policyTableIssues' (one message each). */
export const gradePolicySchema = z.object({
  creditSales: z.enum(CREDIT_SALES_STANCES),
  paymentTermsDays: z.number().int().nonnegative(),
  maxCreditPeriodDays: z.number().int().nonnegative(),
  prepaymentBps: z.number(),
  guarantee: z.enum(GUARANTEE_REQUIREMENTS),
  guaranteeThresholdMinor: z.number().int().nonnegative().optional(),
  limitGradeFactor: z.number(),
  reviewFrequencyMonths: z.number().int(),
  summary: localisedTextSchema,
});
export const policyTableSchema = z
  .object({
    low: gradePolicySchema,
    medium: gradePolicySchema,
    high: gradePolicySchema,
    coreCustomerReviewMonths: z.number().int().positive(),
  })
  .superRefine((table, ctx) => addPathIssues(ctx, policyTableIssues(table)));

export const altmanVariantRuleSchema = z.object({
  publicManufacturer: z.enum(ALTMAN_VARIANTS),
  privateManufacturer: z.enum(ALTMAN_VARIANTS),
  nonManufacturer: z.enum(ALTMAN_VARIANTS),
});

/** Everything configurable around a scorecard; spreads straight into assessCustomer's options. */
export interface AssessmentConfig {
  readonly bands: readonly GradeBand[];
  /** null: no master-scale notch. */
  readonly masterScale: readonly MasterScaleNotch[] | null;
  readonly policyTable: PolicyTable;
  readonly altmanVariantRule: AltmanVariantRule;
}

export const assessmentConfigSchema = z.object({
  bands: gradeBandsSchema,
  masterScale: masterScaleSchema.nullable(),
  policyTable: policyTableSchema,
  altmanVariantRule: altmanVariantRuleSchema,
});

/** The shipped defaults (DOMAIN.md bands, ten-notch master scale, default policy table, Altman's own variant rule). */
export const DEFAULT_ASSESSMENT_CONFIG: AssessmentConfig = {
  bands: DEFAULT_GRADE_BANDS,
  masterScale: DEFAULT_MASTER_SCALE,
  policyTable: DEFAULT_POLICY_TABLE,
  altmanVariantRule: DEFAULT_ALTMAN_VARIANT_RULE,
};

/**
 * Validates a stored or submitted configuration (the parsed jsonb value, or its JSON text). Errors
 * name their path, e.g. "bands[2].minScore: the last band must have minScore null".
 */
export function parseAssessmentConfig(
  json: unknown,
): { ok: true; config: AssessmentConfig } | { ok: false; errors: string[] } {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
    }
  }
  const result = assessmentConfigSchema.safeParse(value);
  return result.success
    ? { ok: true, config: result.data }
    : { ok: false, errors: formatIssues(result.error) };
}
