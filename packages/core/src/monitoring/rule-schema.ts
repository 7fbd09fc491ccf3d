import { z } from "zod";

/** What a rule measures; each indicator documents its value and (where it has one) its baseline. */
export const INDICATORS = [
  /** DSO over the rule's window (days); baseline = the customer's own payment terms (days). */
  "payment_cycle_days",
  /** Amount-weighted days beyond terms of the last 3 months; baseline = the customer's own 12-month figure. */
  "days_beyond_terms",
  /** Days beyond terms of the last 3 months minus the customer's own 12-month figure (days; > 0 = paying later than usual). */
  "days_beyond_terms_trend",
  /** (orders of the last 3 months ÷ 3) ÷ own trailing monthly average; 1 = as usual. */
  "order_volume_ratio",
  /** Own trailing monthly order volume (the 12 months before the last 3; minor units of the base currency) — a materiality floor for order rules. */
  "order_volume_monthly",
  /** Complaints in the last 12 months. */
  "complaint_count",
  /** Complaints per 100 invoices in the last 12 months. */
  "complaint_rate",
  /** Overdue open amount (minor units of the base currency). */
  "overdue_amount",
  /** Days past due of the oldest overdue open invoice. */
  "max_days_past_due",
  /** Open receivables ÷ current credit limit (fraction); skipped with a note when no limit exists. */
  "limit_utilisation",
  /** Points lost between the previous and the latest assessment. */
  "score_drop",
  /** Grade notches lost between the previous and the latest assessment (low→medium = 1). */
  "grade_downgrade",
  /** 1 when the latest statement's Altman Z (variant by company type) is in the distress zone, else 0. */
  "altman_distress",
  /** Current ratio of the latest statement. */
  "current_ratio",
  /** External events of the rule's `eventTypes` within the look-back window (count). */
  "external_events",
  /** Notches lost between the previous and the latest external rating. */
  "rating_downgrade",
  /** Robust z-score of the last 3 months of order volume against the customer's own pattern. */
  "order_volume_anomaly",
  /** Robust z-score of the last 3 months of amount-weighted payment days against the customer's own pattern. */
  "payment_days_anomaly",
  /** Promises to pay broken (deadline = promised date + grace passed unpaid) in the last 6 months (collections). */
  "broken_promises_6m",
  /** Promises to pay broken in the last 12 months. */
  "broken_promises_12m",
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const COMPARISONS = ["gt", "gte", "lt", "lte"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DEPARTMENTS = ["finance", "sales", "credit"] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const RECOMMENDED_ACTIONS = [
  "call_for_payment",
  "reduce_limit",
  "require_guarantee",
  "pull_review_forward",
  "visit_customer",
  "watch",
] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

/**
 * Absolute: compare the value with `value`. Relative: compare it with the customer's own baseline
 * (`baseline × factor + offset`), e.g. days beyond terms > own 12-month average + 10 days; a
 * relative rule on an indicator without a baseline is rejected on save.
 */
export const thresholdSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("absolute"), value: z.number().finite() }),
  z
    .object({
      type: z.literal("relative"),
      factor: z.number().finite().default(1),
      offset: z.number().finite().default(0),
      /** The value must also pass this absolute floor (e.g. at least 15 days beyond terms). */
      floor: z.number().finite().optional(),
    })
    .strict(),
]);
export type Threshold = z.infer<typeof thresholdSchema>;

export const scopeSchema = z
  .object({
    tiers: z.array(z.enum(["core", "general"])).optional(),
    industries: z.array(z.string().min(1)).optional(),
    grades: z.array(z.enum(["low", "medium", "high"])).optional(),
  })
  .strict();
export type RuleScope = z.infer<typeof scopeSchema>;

export const INDICATORS_WITH_BASELINE: readonly Indicator[] = ["days_beyond_terms", "payment_cycle_days"];

/** Indicators a materiality condition may name (external events need their own event types). */
const CONDITION_INDICATORS = INDICATORS.filter((i) => i !== "external_events");

/**
 * A further absolute condition every breach must also meet — materiality floors such as "overdue
 * amount at least 50,000.00" or "at least 3 complaints", so a small or sparse customer does not
 * alert on noise. Measured with the rule's window; an unmeasurable condition holds the rule back.
 */
export const conditionSchema = z
  .object({
    indicator: z.enum(CONDITION_INDICATORS as [Indicator, ...Indicator[]]),
    comparison: z.enum(COMPARISONS),
    value: z.number().finite(),
  })
  .strict();
export type RuleCondition = z.infer<typeof conditionSchema>;

/** One early-warning rule, stored as data (versioned in `monitoring_rules`). */
export const monitoringRuleSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{2,63}$/, "lower-case letters, digits and _ (3–64)"),
    name: z.string().min(1).max(200),
    indicator: z.enum(INDICATORS),
    comparison: z.enum(COMPARISONS),
    threshold: thresholdSchema,
    /** Look-back window in days (DSO period, event window …); indicators with fixed windows ignore it. */
    windowDays: z.number().int().min(1).max(1095).default(90),
    severity: z.enum(SEVERITIES),
    department: z.enum(DEPARTMENTS),
    /** Empty scope = every customer. */
    scope: scopeSchema.default({}),
    action: z.enum(RECOMMENDED_ACTIONS),
    /** external_events only: the event types counted. */
    eventTypes: z.array(z.string().min(1)).optional(),
    /** Materiality: further conditions that must all hold too (e.g. overdue amount ≥ a floor). */
    requires: z.array(conditionSchema).max(8).default([]),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.threshold.type === "relative" && !INDICATORS_WITH_BASELINE.includes(rule.indicator)) {
      ctx.addIssue({
        code: "custom",
        path: ["threshold", "type"],
        message: `indicator ${rule.indicator} has no own-history baseline; use an absolute threshold`,
      });
    }
    if (rule.indicator === "external_events" && (rule.eventTypes ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["eventTypes"], message: "name at least one event type" });
    }
  });
export type MonitoringRule = z.infer<typeof monitoringRuleSchema>;
export type MonitoringRuleInput = z.input<typeof monitoringRuleSchema>;

/** A rule set: codes unique. */
export const ruleSetSchema = z.array(monitoringRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.code)) {
      ctx.addIssue({ code: "custom", path: [i, "code"], message: `duplicate rule code ${r.code}` });
    }
    seen.add(r.code);
  });
});

export interface RuleIssue {
  path: string;
  message: string;
}

/** Validates a rule; errors name the dotted path (`threshold.value`). */
export function validateRule(
  input: unknown,
): { ok: true; rule: MonitoringRule } | { ok: false; issues: RuleIssue[] } {
  const parsed = monitoringRuleSchema.safeParse(input);
  if (parsed.success) {
    return { ok: true, rule: parsed.data };
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  };
}
