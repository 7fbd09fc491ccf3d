import { z } from "zod";

/**
 * The steps a credit check can run, in the spirit of SAP's credit check steps (static limit,
 * dynamic exposure within a horizon, max document value, oldest open item, …). A credit segment
 * configures which steps run, in which order, with which thresholds.
 */
export const CREDIT_CHECK_STEPS = [
  "credit_status",
  "expired_limit",
  "high_risk_prepayment",
  "static_limit",
  "dynamic_limit",
  "max_document_value",
  "oldest_open_item",
  "overdue_share",
  "payment_index",
] as const;
export type CreditCheckStepKind = (typeof CREDIT_CHECK_STEPS)[number];

const minor = z.number().int().nonnegative();

/** One configured step: its kind and its thresholds (amounts in the limit currency). */
export const checkStepConfigSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("credit_status") }),
  z.object({ step: z.literal("expired_limit") }),
  z.object({ step: z.literal("high_risk_prepayment") }),
  z.object({ step: z.literal("static_limit") }),
  z.object({
    step: z.literal("dynamic_limit"),
    /** Orders due to ship after today + horizon do not count (SAP "credit horizon"). */
    horizonDays: z.number().int().min(0).max(3650),
  }),
  z.object({ step: z.literal("max_document_value"), maxMinor: minor }),
  z.object({ step: z.literal("oldest_open_item"), maxDaysPastDue: z.number().int().min(0) }),
  z.object({ step: z.literal("overdue_share"), maxShare: z.number().min(0).max(1) }),
  z.object({ step: z.literal("payment_index"), minIndex: z.number().min(0).max(100) }),
]);
export type CheckStepConfig = z.infer<typeof checkStepConfigSchema>;

/** A segment's check configuration. */
export const creditCheckConfigSchema = z.object({
  steps: z.array(checkStepConfigSchema).min(1),
  /** Utilisation above this share (of the limit) puts an OK customer on Watch (DOMAIN.md: 90 %). */
  watchUtilisation: z.number().min(0).max(10),
  /** Minutes an approved reservation lives before it expires on its own. */
  reservationTtlMinutes: z.number().int().min(1).max(525_600),
});
export type CreditCheckConfig = z.infer<typeof creditCheckConfigSchema>;

/** Default for segments without their own configuration. */
export const DEFAULT_CREDIT_CHECK_CONFIG: CreditCheckConfig = {
  steps: [
    { step: "credit_status" },
    { step: "expired_limit" },
    { step: "high_risk_prepayment" },
    { step: "static_limit" },
    { step: "oldest_open_item", maxDaysPastDue: 90 },
    { step: "overdue_share", maxShare: 0.5 },
    { step: "payment_index", minIndex: 30 },
  ],
  watchUtilisation: 0.9,
  reservationTtlMinutes: 7 * 24 * 60,
};
