import { z } from "zod";

export const REQUESTS_TAG = "Limits: requests";
export const BLOCKED_TAG = "Limits: blocked orders";
export const CONTRACTS_TAG = "Limits: contracts";

const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const customerParams = z.object({ idOrCode: z.string().min(1).max(64) });

export const limitRequestBody = z
  .object({
    customer: z.union([z.string().min(1).max(64), z.number().int().positive()]),
    segment: z.string().min(1).max(64).optional(),
    kind: z.enum(["new", "raise", "lower", "temporary"]),
    currency,
    requestedMinor: minor,
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    justification: z.string().trim().min(1).max(4000),
  })
  .meta({ id: "LimitRequestCreate" });

export const decisionBody = z
  .object({ decision: z.enum(["approve", "reject", "send_back"]), comment: z.string().max(4000).optional() })
  .meta({ id: "LimitRequestDecision" });

export const resubmitBody = z
  .object({ requestedMinor: minor.optional(), justification: z.string().trim().min(1).max(4000).optional() })
  .meta({ id: "LimitRequestResubmit" });

const stepSchema = z.object({
  id: z.number().int(),
  requestId: z.number().int(),
  action: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  level: z.number().int().nullable().describe("the authority level an approval was given at"),
  comment: z.string().nullable(),
  createdAt: z.date(),
});

const requestFields = {
  id: z.number().int(),
  customerId: z.number().int(),
  segment: z.string(),
  kind: z.string(),
  currency: z.string(),
  requestedMinor: z.number().int(),
  currentMinor: z.number().int().nullable(),
  exposureMinor: z.number().int().nullable(),
  belowExposure: z.boolean().nullable().describe("lowering below the current exposure (allowed, flagged)"),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  justification: z.string(),
  requiredRole: z.string().nullable(),
  requiredLevel: z.number().int().nullable(),
  approvalLevels: z
    .array(z.number().int())
    .nullable()
    .describe("the authority levels the request passes through, in order, each approved by another person"),
  currentLevel: z
    .number()
    .int()
    .nullable()
    .describe("the level whose decision is awaited (null once decided)"),
  status: z.string(),
  requestedBy: z.string(),
  requestedRole: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  limitId: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
export const limitRequestSchema = z.object(requestFields).meta({ id: "LimitRequest" });
export const limitRequestWithStepsSchema = z
  .object({ ...requestFields, steps: z.array(stepSchema) })
  .meta({ id: "LimitRequestWithSteps" });
export const listRequestsQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "sent_back", "withdrawn"]).optional(),
  customer: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const authorityMatrixSchema = z
  .object({
    currency,
    entries: z
      .array(
        z.object({
          role: z.string().min(1).max(64),
          level: z.number().int().min(1).max(99),
          maxMinor: minor.nullable().describe("null = unlimited"),
        }),
      )
      .min(1),
  })
  .meta({ id: "AuthorityMatrix" });

const figure = z.union([
  z.object({ status: z.literal("ok"), valueMinor: z.number().int(), formula: z.string() }),
  z.object({ status: z.literal("not_computable"), reason: z.string() }),
]);
export const recommendationSchema = z
  .object({
    customerId: z.number().int(),
    currency: z.string(),
    asOf: z.string(),
    methods: z.object({ tangible_net_worth: figure, working_capital: figure, expected_need: figure }),
    baseMethod: z.string().nullable(),
    baseMinor: z.number().int().nullable(),
    gradeFactor: z.number().nullable(),
    afterGradeMinor: z.number().int().nullable(),
    caps: z.object({ policy_cap: figure, insured_plus_tolerance: figure }),
    recommendedMinor: z.number().int().nullable(),
    boundBy: z.string().nullable(),
    reason: z.string().nullable(),
    inputs: z.object({
      statementPeriodEnd: z.string().nullable(),
      grade: z.string().nullable(),
      tangibleNetWorthMinor: z.number().int().nullable(),
      workingCapitalMinor: z.number().int().nullable(),
      monthlyPurchasesMinor: z.number().int().nullable(),
      termsDays: z.number().int(),
      expectedDaysBeyondTerms: z.number().nullable(),
      insuredLimitMinor: z.number().int().nullable(),
    }),
  })
  .meta({ id: "LimitRecommendation" });
export const recommendationQuery = z.object({
  currency: currency.optional(),
  asOf: isoDate.optional(),
  /** Uninsured tolerance above the insured limit (minor units of `currency`); default the policy's. */
  uninsuredToleranceMinor: z.coerce.number().int().nonnegative().optional(),
});

export const resolveBlockedBody = z
  .object({
    action: z.enum(["release", "reject"]),
    condition: z.enum(["guarantee_received", "prepayment_received", "shorter_terms", "other"]).optional(),
    comment: z.string().trim().min(1).max(4000),
  })
  .meta({ id: "BlockedOrderResolution" });

export const contractBody = z
  .object({
    reference: z.string().trim().min(1).max(100),
    currency,
    paymentTermsDays: z.number().int().min(0).max(720),
    lateInterestAnnualRate: z
      .string()
      .regex(/^\d+(\.\d{1,6})?$/)
      .describe("annual rate, decimal (0.0545)"),
    referenceRate: z.string().max(100).nullable().optional(),
    penaltyBps: z.number().int().min(0).max(10_000).optional(),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    notes: z.string().max(4000).nullable().optional(),
  })
  .meta({ id: "CreditContractCreate" });
export const contractSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    reference: z.string(),
    currency: z.string(),
    paymentTermsDays: z.number().int(),
    lateInterestAnnualRate: z.string(),
    referenceRate: z.string().nullable(),
    penaltyBps: z.number().int(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "CreditContract" });
export const securityBody = z
  .object({
    type: z.enum(["guarantee", "collateral", "credit_insurance", "letter_of_credit"]),
    reference: z.string().trim().min(1).max(100),
    currency,
    amountMinor: minor,
    indemnityBps: z.number().int().min(0).max(10_000).nullable().optional(),
    guarantor: z.string().max(200).nullable().optional(),
    validFrom: isoDate,
    expiresOn: isoDate.nullable().optional(),
  })
  .meta({ id: "CreditSecurityCreate" });
export const securitySchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    type: z.string(),
    reference: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    indemnityBps: z.number().int().nullable(),
    guarantor: z.string().nullable(),
    validFrom: z.string(),
    expiresOn: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "CreditSecurity" });
export const contractsSchema = z.object({
  contracts: z.array(contractSchema),
  securities: z.array(securitySchema),
});
export const lateInterestQuery = z.object({
  principalMinor: z.coerce.number().int().nonnegative(),
  dueOn: isoDate,
  paidOn: isoDate,
});
export const lateInterestSchema = z
  .object({
    contractReference: z.string().nullable(),
    annualRate: z.string(),
    principalMinor: z.number().int(),
    daysLate: z.number().int(),
    interestMinor: z.number().int(),
    penaltyMinor: z.number().int(),
  })
  .meta({ id: "LateInterest" });
