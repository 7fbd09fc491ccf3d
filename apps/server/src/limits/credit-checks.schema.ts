import { z } from "zod";

export const CREDIT_CHECKS_TAG = "Limits: credit checks";

const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localised = z.object({ en: z.string(), zh: z.string() });

export const creditCheckBody = z
  .object({
    customer: z
      .union([z.string().min(1).max(64), z.number().int().positive()])
      .describe("customer code or id"),
    amountMinor: z
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .describe("order total, minor units"),
    currency,
    orderReference: z.string().trim().min(1).max(100),
    segment: z.string().min(1).max(64).optional(),
    deliveryDate: isoDate.optional(),
  })
  .meta({ id: "CreditCheckRequest" });

const exposureParts = z.object({
  openReceivablesMinor: z.number().int(),
  overdueMinor: z.number().int(),
  undeliveredOrdersMinor: z.number().int(),
  undeliveredInHorizonMinor: z.number().int(),
  deliveredNotInvoicedMinor: z.number().int(),
  reservationsMinor: z.number().int(),
  oldestDaysPastDue: z.number().int().nullable(),
});

export const creditCheckResultSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    segment: z.string(),
    orderReference: z.string(),
    outcome: z.enum(["approved", "blocked"]),
    idempotent: z.boolean(),
    amountMinor: z.number().int().describe("amount decided by this check (the increase on a re-check)"),
    orderTotalMinor: z.number().int(),
    currency: z.string(),
    limitCurrency: z.string().nullable(),
    creditStatus: z.enum(["ok", "watch", "hold", "stop"]),
    reasons: z.array(z.object({ code: z.string(), severity: z.enum(["block", "warning"]), text: localised })),
    steps: z.array(
      z.object({
        step: z.string(),
        result: z.enum(["passed", "failed", "warning", "not_applicable"]),
        code: z.string(),
        text: localised,
        measured: z.number().nullable(),
        threshold: z.number().nullable(),
      }),
    ),
    exposure: exposureParts.nullable(),
    exposureMinor: z.number().int().nullable(),
    limitMinor: z.number().int().nullable(),
    availableMinor: z.number().int().nullable(),
    utilisationAfter: z.number().nullable(),
    amountInLimitCurrencyMinor: z.number().int().nullable(),
    asOf: z.string(),
    reservation: z
      .object({ status: z.string(), reservedMinor: z.number().int(), expiresAt: z.string().nullable() })
      .nullable(),
    blockStatus: z.string().nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: "CreditCheckResult" });

export const checkIdParams = z.object({ id: z.coerce.number().int().positive() });

export const releaseReservationBody = z
  .object({
    customer: z.union([z.string().min(1).max(64), z.number().int().positive()]),
    orderReference: z.string().trim().min(1).max(100),
    reason: z.enum(["cancelled", "invoiced"]),
  })
  .meta({ id: "ReservationRelease" });
export const releaseReservationResult = z.object({
  released: z.number().int(),
  releasedMinor: z.number().int(),
});

export { exposureParts };
