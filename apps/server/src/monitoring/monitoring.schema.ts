import { DEPARTMENTS, SEVERITIES } from "@creditdesk/core/monitoring";
import { z } from "zod";

export const MONITORING_TAG = "Monitoring";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const alertIdParams = z.object({ id: z.coerce.number().int().positive() });
export const ruleCodeParams = z.object({ code: z.string().min(1).max(64) });

export const alertSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customer: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
    ruleCode: z.string(),
    ruleVersion: z.number().int(),
    severity: z.enum(SEVERITIES),
    department: z.enum(DEPARTMENTS),
    state: z.enum(["open", "acknowledged", "resolved", "dismissed"]),
    title: z.string(),
    measuredValue: z.number(),
    threshold: z.number(),
    baseline: z.number().nullable(),
    lastValue: z.number(),
    recommendedAction: z.string(),
    evidence: z.unknown(),
    asOf: isoDate,
    assignee: z.string().nullable(),
    conditionActive: z.boolean(),
    dismissedReason: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
  })
  .passthrough()
  .meta({ id: "Alert" });

export const alertDetailSchema = alertSchema
  .extend({
    comments: z.array(
      z.object({ id: z.number().int(), author: z.string(), body: z.string(), createdAt: z.string() }),
    ),
  })
  .meta({ id: "AlertDetail" });

export const alertPage = z
  .object({ items: z.array(alertSchema), nextCursor: z.string().nullable() })
  .meta({ id: "AlertPage" });

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const alertQuery = z.object({
  state: csv(["open", "acknowledged", "resolved", "dismissed"] as const)
    .optional()
    .describe("comma-separated states"),
  severity: z.enum(SEVERITIES).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  customer: z.string().optional().describe("customer code"),
  rule: z.string().optional(),
  assignee: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export const assignBody = z.object({ assignee: z.string().min(1).max(100) }).strict();
export const commentBody = z.object({ body: z.string().min(1).max(5000) }).strict();
export const resolveBody = z.object({ note: z.string().max(5000).optional() }).strict();
export const dismissBody = z.object({ reason: z.string().min(1).max(2000) }).strict();

export const ruleSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    active: z.boolean(),
    rule: z.unknown(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "MonitoringRule" });

export const runBody = z
  .object({
    asOf: isoDate.optional().describe("default today"),
    customers: z.array(z.string().min(1)).max(10_000).optional().describe("customer codes (incremental run)"),
  })
  .strict();

export const runSummarySchema = z
  .object({
    runId: z.number().int(),
    asOf: isoDate,
    customers: z.number().int(),
    skipped: z
      .object({ closed: z.number().int(), recovering: z.number().int() })
      .describe("customers not monitored: closed, or in recovery after a recorded default"),
    evaluated: z.number().int(),
    breaches: z.number().int(),
    alertsOpened: z.number().int(),
    alertsUpdated: z.number().int(),
    conditionsCleared: z.number().int(),
    holdsPlaced: z.number().int(),
    notes: z.array(z.string()),
    seconds: z.object({ load: z.number(), evaluate: z.number(), write: z.number(), total: z.number() }),
  })
  .meta({ id: "MonitoringRunSummary" });

export const inboxQuery = z.object({
  department: z.enum(DEPARTMENTS).optional().describe("also show this department's entries"),
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export const inboxPage = z
  .object({
    items: z.array(
      z
        .object({
          id: z.number().int(),
          recipient: z.string().nullable(),
          department: z.string().nullable(),
          alertId: z.number().int().nullable(),
          severity: z.string(),
          title: z.string(),
          body: z.string(),
          link: z.string().nullable(),
          readAt: z.string().nullable(),
          createdAt: z.string(),
        })
        .meta({ id: "InboxEntry" }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "InboxPage" });

export const runListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

export const runRecordSchema = z
  .object({
    id: z.number().int(),
    asOf: isoDate,
    trigger: z.string(),
    scope: z.string(),
    status: z.string(),
    customers: z.number().int(),
    alertsOpened: z.number().int(),
    alertsUpdated: z.number().int(),
    conditionsCleared: z.number().int(),
    notes: z.unknown(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "MonitoringRun" });

const severityModesSchema = z.object({
  info: z.enum(["immediate", "digest", "off"]),
  warning: z.enum(["immediate", "digest", "off"]),
  critical: z.enum(["immediate", "digest", "off"]),
});

export const channelSchema = z
  .object({
    id: z.number().int(),
    name: z.string().nullable(),
    kind: z.enum(["email", "webhook"]),
    recipients: z.array(z.string()).nullable(),
    url: z.string().nullable(),
    department: z.string().nullable(),
    severities: severityModesSchema,
    secretSet: z.boolean(),
    enabled: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    secret: z.string().optional().describe("only right after creation or rotation"),
  })
  .meta({ id: "NotificationChannel" });

export const channelIdParams = z.object({ id: z.coerce.number().int().positive() });

export const deliveryQuery = z.object({
  status: z.enum(["pending", "sent", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export const deliverySchema = z
  .object({
    id: z.number().int(),
    channelId: z.number().int(),
    alertId: z.number().int().nullable(),
    customerCode: z.string().nullable(),
    alertTitle: z.string().nullable(),
    mode: z.enum(["immediate", "digest"]),
    status: z.enum(["pending", "sent", "failed"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    payload: z.unknown(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: "NotificationDelivery" });

export const deliveryPage = z
  .object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() })
  .meta({ id: "NotificationDeliveryPage" });

export const holdQuery = z.object({
  customer: z.string().optional().describe("customer code"),
  all: z.enum(["true", "false"]).optional().describe("true: released holds too"),
});

export const holdSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customer: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
    reason: z.string(),
    alertId: z.number().int().nullable(),
    placedAt: z.string(),
    placedBy: z.string(),
    releasedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
    releaseReason: z.string().nullable(),
  })
  .meta({ id: "CreditHold" });

export const releaseHoldBody = z
  .object({ reason: z.string().trim().min(3).max(2000).describe("why the hold is lifted") })
  .strict();
