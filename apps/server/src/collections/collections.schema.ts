import { DUNNING_ACTIONS, TEMPLATE_LOCALES } from "@creditdesk/core/collections";
import {
  collectionActionInputSchema,
  collectionSettingsInputSchema,
  promiseInputSchema,
} from "@creditdesk/lib/collections";
import { z } from "zod";

export const COLLECTIONS_TAG = "Collections";

const isoDate = z.iso.date();
const customerKey = z.union([z.string().min(1).max(100), z.number().int().positive()]);

export const customerParams = z.object({ idOrCode: z.string().min(1).max(100) });
export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const worklistQuery = z.object({
  asOf: isoDate.optional(),
  collector: z.string().min(1).max(100).optional(),
  owner: z.string().min(1).max(100).optional(),
  department: z.string().min(1).max(100).optional(),
  customer: z.string().min(1).max(100).optional().describe("customer code or id"),
  level: z.coerce
    .number()
    .int()
    .min(0)
    .max(9)
    .optional()
    .describe("current dunning level (0 = never dunned)"),
  includeDisputed: z.enum(["true", "false"]).optional().describe("keep disputed invoices (flagged)"),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});

export const worklistItemSchema = z
  .object({
    invoiceId: z.number().int(),
    invoiceNumber: z.string(),
    customerId: z.number().int(),
    customerCode: z.string(),
    customerName: z.string(),
    salesOwner: z.string().nullable(),
    collector: z.string().nullable(),
    issuedOn: isoDate,
    dueOn: isoDate,
    currency: z.string(),
    amountMinor: z.number().int(),
    openMinor: z.number().int(),
    openBaseMinor: z.number().int().nullable(),
    daysPastDue: z.number().int(),
    pd: z.number().nullable(),
    grade: z.string().nullable(),
    risk: z.number(),
    priority: z.number().nullable(),
    level: z.number().int(),
    lastActionOn: isoDate.nullable(),
    disputed: z.boolean(),
    promised: z.boolean(),
  })
  .passthrough()
  .meta({ id: "CollectionWorklistItem" });

export const worklistPageSchema = z
  .object({
    asOf: isoDate,
    baseCurrency: z.string(),
    weights: z.object({ amount: z.number(), days: z.number(), risk: z.number() }),
    total: z.number().int(),
    totalBaseMinor: z.number().int(),
    items: z.array(worklistItemSchema),
  })
  .meta({ id: "CollectionWorklist" });

export const assignBody = z
  .object({
    customers: z.array(customerKey).min(1).max(1000),
    collector: z.string().min(1).max(100).nullable(),
  })
  .strict();

export const dunningRunBody = z
  .object({
    mode: z.enum(["propose", "execute"]),
    asOf: isoDate.optional(),
    customers: z.array(customerKey).min(1).max(10_000).optional(),
    locale: z.enum(TEMPLATE_LOCALES).optional(),
  })
  .strict();

const invoiceRef = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  dueOn: isoDate,
  currency: z.string(),
  openMinor: z.number().int(),
  daysPastDue: z.number().int(),
});

export const dunningRunSchema = z
  .object({
    runId: z.number().int(),
    asOf: isoDate,
    mode: z.enum(["propose", "execute"]),
    proposals: z.array(
      z.object({
        customerId: z.number().int(),
        customerCode: z.string(),
        customerName: z.string(),
        level: z.number().int(),
        action: z.enum(DUNNING_ACTIONS),
        locale: z.enum(TEMPLATE_LOCALES),
        recipient: z.string().nullable(),
        subject: z.string(),
        body: z.string(),
        invoices: z.array(invoiceRef.extend({ fromLevel: z.number().int() })),
      }),
    ),
    skipped: z.record(z.string(), z.number().int()),
    actions: z.array(
      z.object({
        actionId: z.number().int(),
        customerId: z.number().int(),
        level: z.number().int(),
        kind: z.enum(DUNNING_ACTIONS),
        outcome: z.string(),
        holdId: z.number().int().nullable(),
        error: z.string().optional(),
      }),
    ),
  })
  .meta({ id: "DunningRun" });

export const actionSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    runId: z.number().int().nullable(),
    level: z.number().int().nullable(),
    kind: z.string(),
    outcome: z.string(),
    locale: z.string().nullable(),
    subject: z.string().nullable(),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    holdId: z.number().int().nullable(),
    performedBy: z.string(),
    performedAt: z.string(),
    actionOn: isoDate,
  })
  .passthrough()
  .meta({ id: "CollectionAction" });

export const historySchema = z
  .object({
    items: z.array(
      actionSchema.extend({
        invoices: z.array(
          z.object({
            invoiceId: z.number().int(),
            invoiceNumber: z.string(),
            currency: z.string(),
            openMinor: z.number().int(),
            daysPastDue: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "CollectionHistory" });

export const actionBody = collectionActionInputSchema;

export const promiseBody = promiseInputSchema;

export const promiseSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    currency: z.string(),
    promisedMinor: z.number().int(),
    madeOn: isoDate,
    promisedOn: isoDate,
    graceDays: z.number().int(),
    status: z.enum(["open", "kept", "broken", "cancelled"]),
    paidMinor: z.number().int(),
    keptOn: isoDate.nullable(),
    evaluatedOn: isoDate.nullable(),
    contact: z.string().nullable(),
    note: z.string().nullable(),
    alertId: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    invoiceNumbers: z.array(z.string()).optional(),
  })
  .passthrough()
  .meta({ id: "PaymentPromise" });

export const promisePageSchema = z
  .object({ items: z.array(promiseSchema) })
  .meta({ id: "PaymentPromisePage" });

export const promiseQuery = z.object({
  customer: z.string().min(1).max(100).optional(),
  status: z.enum(["open", "kept", "broken", "cancelled"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const cancelBody = z.object({ reason: z.string().min(1).max(2000) }).strict();

export const evaluationBody = z.object({ asOf: isoDate }).strict();

export const evaluationSchema = z
  .object({
    asOf: isoDate,
    evaluated: z.number().int(),
    kept: z.number().int(),
    broken: z.number().int(),
    open: z.number().int(),
    alertIds: z.array(z.number().int()),
  })
  .meta({ id: "PromiseEvaluation" });

export const statementQuery = z.object({
  asOf: isoDate.optional(),
  from: isoDate.optional(),
  format: z.enum(["json", "html", "pdf"]).optional(),
});

export const letterQuery = z.object({ format: z.enum(["html", "pdf"]).optional() });

export const settingsSchema = z
  .object({
    priority: z.record(z.string(), z.unknown()),
    dunning: z.record(z.string(), z.unknown()),
    templates: z.record(z.string(), z.unknown()),
    sender: z.string(),
  })
  .meta({ id: "CollectionSettings" });

export const settingsBody = collectionSettingsInputSchema;
