import {
  CLAIM_STATUSES,
  FACTORING_MODES,
  factoringAgreementInputSchema,
  INSURER_DECISIONS,
  insurancePolicyInputSchema,
  NOTIFICATION_STATES,
} from "@creditdesk/core/insurance";
import { z } from "zod";

export const INSURANCE_TAG = "Insurance";
export const FACTORING_TAG = "Factoring";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const key = z.string().min(1).max(100);

export const asOfQuery = z.object({ asOf: isoDate.optional() });
export const policyParams = z.object({ policy: key });
export const claimParams = z.object({ claim: key });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const customerParams = z.object({ idOrCode: z.string().min(1).max(64) });
export const customerFilterQuery = z.object({ customer: z.string().min(1).max(64).optional() });

export const policySchema = z
  .looseObject({
    id: z.number().int(),
    policyNumber: z.string(),
    insurer: z.string(),
    currency: z.string(),
    indemnityBps: z.number().int(),
    maxLiabilityMinor: z.number().int().nullable(),
    waitingPeriodDays: z.number().int(),
    notificationDeadlineDays: z.number().int(),
    warnDaysBefore: z.number().int(),
    premiumRate: z.string().nullable(),
    premiumMinor: z.number().int().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    status: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: "InsurancePolicy" });

/** No component id: its defaults make input and output differ (one component name cannot hold both). */
export const policyBody = insurancePolicyInputSchema;
export const cancelPolicyBody = z
  .object({ endsOn: isoDate, reason: z.string().trim().min(1).max(2000) })
  .strict();

export const insuredLimitSchema = z
  .looseObject({
    id: z.number().int(),
    policyId: z.number().int(),
    customerId: z.number().int(),
    currency: z.string(),
    requestedMinor: z.number().int(),
    requestedOn: z.string(),
    decision: z.string().describe(`pending, ${INSURER_DECISIONS.join(", ")}`),
    decidedMinor: z.number().int().nullable(),
    decidedOn: z.string().nullable(),
    expiresOn: z.string().nullable(),
    conditions: z.string().nullable(),
    insurerReference: z.string().nullable(),
    requestedBy: z.string(),
    decisionRecordedBy: z.string().nullable(),
  })
  .meta({ id: "InsuredLimit" });

export const insuredPositionSchema = z
  .object({
    policyId: z.number().int(),
    policyNumber: z.string(),
    insurer: z.string(),
    customerId: z.number().int(),
    customerCode: z.string(),
    customerName: z.string(),
    currency: z.string(),
    inForce: z
      .object({
        insuredLimitId: z.number().int(),
        limitMinor: z.number().int(),
        decidedOn: z.string(),
        expiresOn: z.string().nullable(),
      })
      .nullable(),
    latest: insuredLimitSchema,
    indemnityBps: z.number().int(),
    exposureMinor: z.number().int(),
    insuredExposureMinor: z.number().int(),
    uninsuredExposureMinor: z.number().int(),
    coverMinor: z.number().int(),
    netMinor: z.number().int(),
    excessMinor: z.number().int(),
    overLimit: z.boolean(),
    missingFxCurrencies: z.array(z.string()),
  })
  .meta({ id: "InsuredPosition" });

export const requestLimitBody = z
  .object({
    policy: key,
    customer: z.string().min(1).max(64),
    requestedMinor: minor,
    requestedOn: isoDate.optional(),
  })
  .strict();

export const decisionBody = z
  .object({
    requestId: z.number().int().positive().optional(),
    policy: key.optional(),
    customer: z.string().min(1).max(64).optional(),
    requestedMinor: minor,
    decidedMinor: minor,
    decision: z.enum(INSURER_DECISIONS).optional(),
    decidedOn: isoDate,
    expiresOn: isoDate.nullable().optional(),
    conditions: z.string().max(4000).nullable().optional(),
    insurerReference: z.string().max(200).nullable().optional(),
  })
  .strict()
  .meta({ id: "InsurerDecision" });

export const deadlineSchema = z
  .looseObject({
    policyId: z.number().int(),
    policyNumber: z.string(),
    customerId: z.number().int(),
    customerCode: z.string(),
    invoiceId: z.number().int(),
    invoiceNumber: z.string(),
    dueOn: z.string(),
    currency: z.string(),
    openMinor: z.number().int(),
    notifiedOn: z.string().nullable(),
    state: z.enum(NOTIFICATION_STATES),
    deadline: z.string(),
    warnFrom: z.string(),
    daysLeft: z.number().int(),
  })
  .meta({ id: "NotificationDeadline" });

export const deadlinesQuery = z.object({
  asOf: isoDate.optional(),
  state: z.enum(NOTIFICATION_STATES).optional(),
});

export const notificationBody = z
  .object({
    policy: key,
    customer: z.string().min(1).max(64),
    invoices: z.array(z.string().min(1).max(100)).min(1).max(1000),
    filedOn: isoDate.optional(),
    reference: z.string().max(200).optional(),
    note: z.string().max(4000).optional(),
  })
  .strict();

export const notificationSchema = z
  .looseObject({
    id: z.number().int(),
    customerId: z.number().int(),
    filedOn: z.string(),
    currency: z.string(),
    overdueMinor: z.number().int(),
  })
  .meta({ id: "InsuranceNotification" });

export const claimSchema = z
  .looseObject({
    id: z.number().int(),
    reference: z.string(),
    policyId: z.number().int(),
    customerId: z.number().int(),
    currency: z.string(),
    claimedMinor: z.number().int(),
    status: z.string().describe(CLAIM_STATUSES.join(", ")),
    filedOn: z.string(),
    reviewStartedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    indemnityPaidMinor: z.number().int().nullable(),
    paidOn: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: "InsuranceClaim" });

export const claimBody = z
  .object({
    reference: key,
    policy: key,
    customer: z.string().min(1).max(64),
    claimedMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    filedOn: isoDate.optional(),
    notificationId: z.number().int().positive().optional(),
    note: z.string().max(4000).optional(),
  })
  .strict();

export const claimStatusBody = z
  .object({
    status: z.enum(CLAIM_STATUSES),
    on: isoDate.optional(),
    indemnityPaidMinor: minor.optional(),
    reason: z.string().max(4000).optional(),
  })
  .strict();

export const claimsQuery = z.object({
  customer: z.string().min(1).max(64).optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
});

export const checkBody = z.object({ asOf: isoDate.optional() }).strict();
export const checkSchema = z
  .object({
    asOf: z.string(),
    deadlineWarnings: z.number().int(),
    coverLost: z.number().int(),
    overLimit: z.number().int(),
    alertsOpened: z.number().int(),
    alertsUpdated: z.number().int(),
    conditionsCleared: z.number().int(),
  })
  .meta({ id: "InsuranceCheckSummary" });

export const agreementSchema = z
  .looseObject({
    id: z.number().int(),
    reference: z.string(),
    factor: z.string(),
    currency: z.string(),
    withRecourse: z.boolean(),
    advanceRateBps: z.number().int(),
    feeBps: z.number().int(),
    facilityLimitMinor: z.number().int().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    status: z.string(),
  })
  .meta({ id: "FactoringAgreement" });

export const agreementBody = factoringAgreementInputSchema;

export const factoredSchema = z
  .looseObject({
    id: z.number().int(),
    agreementId: z.number().int(),
    invoiceId: z.number().int(),
    customerId: z.number().int(),
    mode: z.string().describe(FACTORING_MODES.join(", ")),
    withRecourse: z.boolean(),
    assignedOn: z.string(),
    currency: z.string(),
    faceMinor: z.number().int(),
    advanceRateBps: z.number().int(),
    advanceMinor: z.number().int(),
    feesMinor: z.number().int(),
    status: z.string(),
    endedOn: z.string().nullable(),
    removedFromExposure: z.boolean(),
  })
  .meta({ id: "FactoredReceivable" });

export const assignBody = z
  .object({
    agreement: key,
    mode: z.enum(FACTORING_MODES),
    invoices: z.array(z.string().min(1).max(100)).min(1).max(1000),
    assignedOn: isoDate.optional(),
  })
  .strict();

export const endFactoredBody = z
  .object({ outcome: z.enum(["repurchased", "settled"]), endedOn: isoDate.optional() })
  .strict();

export const factoredQuery = z.object({
  customer: z.string().min(1).max(64).optional(),
  agreement: key.optional(),
  status: z.enum(["active", "repurchased", "settled"]).optional(),
});

export const customerInsuranceSchema = z
  .object({
    customerId: z.number().int(),
    asOf: z.string(),
    exposure: z.object({
      currency: z.string(),
      grossMinor: z.number().int(),
      insuredMinor: z.number().int(),
      collateralMinor: z.number().int(),
      guaranteesMinor: z.number().int(),
      netMinor: z.number().int(),
      missingFxCurrencies: z.array(z.string()),
    }),
    positions: z.array(insuredPositionSchema),
    history: z.array(insuredLimitSchema),
    deadlines: z.array(deadlineSchema),
    notifications: z.array(notificationSchema),
    claims: z.array(claimSchema),
    factored: z.array(factoredSchema),
  })
  .meta({ id: "CustomerInsurance" });

export const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
