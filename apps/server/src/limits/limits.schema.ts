import { z } from "zod";
import { exposureParts } from "./credit-checks.schema.ts";

export const LIMITS_TAG = "Limits: limits and exposure";

const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const customerParams = z.object({ idOrCode: z.string().min(1).max(64) });
export const segmentQuery = z.object({
  segment: z.string().min(1).max(64).optional(),
  asOf: isoDate.optional(),
});

export const creditLimitSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    segment: z.string(),
    kind: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    requestId: z.number().int().nullable(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.date(),
    supersededAt: z.date().nullable(),
    supersededById: z.number().int().nullable(),
  })
  .meta({ id: "CreditLimit" });

export const customerLimitsSchema = z
  .object({
    customerId: z.number().int(),
    segment: z.string(),
    asOf: z.string(),
    effective: creditLimitSchema.nullable(),
    accountStatus: z.string().nullable(),
    history: z.array(creditLimitSchema),
  })
  .meta({ id: "CustomerLimits" });

export const setLimitBody = z
  .object({
    segment: z.string().min(1).max(64).optional(),
    kind: z.enum(["standard", "temporary"]).optional(),
    currency,
    amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    note: z.string().max(1000).optional(),
  })
  .meta({ id: "CreditLimitSet" });

export const exposureSchema = z
  .object({
    customerId: z.number().int(),
    asOf: z.string(),
    currency: z.string(),
    parts: exposureParts,
    net: z.object({
      grossMinor: z.number().int(),
      collateralMinor: z.number().int(),
      guaranteesMinor: z.number().int(),
      insuredMinor: z.number().int(),
      netMinor: z.number().int(),
    }),
    limitMinor: z.number().int().nullable(),
    availableMinor: z.number().int().nullable(),
    utilisation: z.number().nullable(),
    missingFxCurrencies: z.array(z.string()),
  })
  .meta({ id: "CustomerExposure" });

export const exposureQuery = z.object({
  segment: z.string().min(1).max(64).optional(),
  currency: currency.optional(),
});
