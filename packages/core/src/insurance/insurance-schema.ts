import { z } from "zod";

/** ISO date "YYYY-MM-DD". */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code (3 capital letters)");
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const bps = z.number().int().min(0).max(10_000);

/** Insurer decisions on an insured limit (credit limit of the insurer on a buyer). */
export const INSURER_DECISIONS = ["full", "partial", "refused"] as const;
export type InsurerDecision = (typeof INSURER_DECISIONS)[number];

/** Claim lifecycle. */
export const CLAIM_STATUSES = ["filed", "under_review", "paid", "rejected"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A trade credit insurance policy as entered (amounts in the policy currency, minor units). */
export const insurancePolicyInputSchema = z
  .object({
    policyNumber: z.string().trim().min(1).max(100),
    insurer: z.string().trim().min(1).max(200),
    currency: currencyCode,
    /** Share of an insured loss the insurer pays, basis points (9,000 = 90 %). */
    indemnityBps: bps,
    maxLiabilityMinor: minor.nullable().optional(),
    waitingPeriodDays: z.number().int().min(0).max(720).default(0),
    /** Days after the due date by which an overdue invoice must be notified (cover lost after). */
    notificationDeadlineDays: z.number().int().min(0).max(720),
    /** Warn this many days before the notification deadline. */
    warnDaysBefore: z.number().int().min(0).max(365).default(7),
    premiumRate: z
      .string()
      .regex(/^\d+(\.\d{1,6})?$/, "must be a decimal with at most 6 places")
      .nullable()
      .optional(),
    premiumMinor: minor.nullable().optional(),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    notes: z.string().max(4000).nullable().optional(),
  })
  .strict()
  .refine((p) => !p.validTo || p.validTo >= p.validFrom, {
    path: ["validTo"],
    message: "must be on or after validFrom",
  });
export type InsurancePolicyInput = z.input<typeof insurancePolicyInputSchema>;

/** The insurer's answer to an insured-limit request, as recorded by the credit team. */
export const insurerDecisionInputSchema = z
  .object({
    requestedMinor: minor,
    decidedMinor: minor,
    decision: z.enum(INSURER_DECISIONS).optional(),
    decidedOn: isoDate,
    expiresOn: isoDate.nullable().optional(),
    conditions: z.string().max(4000).nullable().optional(),
    insurerReference: z.string().max(200).nullable().optional(),
  })
  .strict();
export type InsurerDecisionInput = z.input<typeof insurerDecisionInputSchema>;

export const FACTORING_MODES = ["sold", "pledged"] as const;
export type FactoringMode = (typeof FACTORING_MODES)[number];

export const FACTORED_STATUSES = ["active", "repurchased", "settled"] as const;
export type FactoredStatus = (typeof FACTORED_STATUSES)[number];

export const factoringAgreementInputSchema = z
  .object({
    reference: z.string().trim().min(1).max(100),
    factor: z.string().trim().min(1).max(200),
    currency: currencyCode,
    withRecourse: z.boolean(),
    advanceRateBps: bps,
    feeBps: bps.default(0),
    facilityLimitMinor: minor.nullable().optional(),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    notes: z.string().max(4000).nullable().optional(),
  })
  .strict()
  .refine((p) => !p.validTo || p.validTo >= p.validFrom, {
    path: ["validTo"],
    message: "must be on or after validFrom",
  });
export type FactoringAgreementInput = z.input<typeof factoringAgreementInputSchema>;
