import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { id } from "../shared/columns.ts";

const customerRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/**
 * Early-warning rules as data, versioned: saving a rule adds a version (validated by core
 * `monitoringRuleSchema`); exactly one version per code is active. Alerts name the version they used.
 */
export const monitoringRules = pgTable(
  "monitoring_rules",
  {
    id: id(),
    code: text().notNull(),
    version: integer().notNull(),
    definition: jsonb().notNull(),
    active: boolean().notNull().default(true),
    createdBy: text().notNull().default("system"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("monitoring_rules_code_version_uq").on(t.code, t.version),
    uniqueIndex("monitoring_rules_one_active_uq").on(t.code).where(sql`${t.active}`),
  ],
);

/** One monitoring run (scheduled full run, manual, or incremental for a set of customers). */
export const monitoringRuns = pgTable("monitoring_runs", {
  id: id(),
  asOf: date({ mode: "string" }).notNull(),
  trigger: text().notNull(),
  scope: text().notNull(),
  status: text().notNull().default("running"),
  customers: integer().notNull().default(0),
  alertsOpened: integer().notNull().default(0),
  alertsUpdated: integer().notNull().default(0),
  conditionsCleared: integer().notNull().default(0),
  notes: jsonb().notNull().default(sql`'[]'::jsonb`),
  /** Highest domain_events id an incremental (event-driven) run consumed. */
  eventCursor: bigint({ mode: "number" }),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

/**
 * Early-warning alerts. At most one open/acknowledged alert per customer + rule + key; a rule that
 * stays breached updates `lastValue/lastSeenAt` instead of raising a new alert. `conditionActive`
 * turns false when a run sees the condition clear — only then may a resolved alert's rule re-open.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    customerId: customerRef(),
    ruleCode: text().notNull(),
    ruleVersion: integer().notNull(),
    key: text().notNull().default(""),
    severity: text().notNull(),
    department: text().notNull(),
    state: text().notNull().default("open"),
    title: text().notNull(),
    measuredValue: doublePrecision().notNull(),
    threshold: doublePrecision().notNull(),
    baseline: doublePrecision(),
    lastValue: doublePrecision().notNull(),
    recommendedAction: text().notNull(),
    evidence: jsonb().notNull().default(sql`'[]'::jsonb`),
    asOf: date({ mode: "string" }).notNull(),
    firstRunId: bigint({ mode: "number" }).references(() => monitoringRuns.id),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    conditionActive: boolean().notNull().default(true),
    clearedAt: timestamp({ withTimezone: true }),
    assignee: text(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: text(),
    dismissedReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_one_open_uq")
      .on(t.customerId, t.ruleCode, t.key)
      .where(sql`${t.state} in ('open', 'acknowledged')`),
    index("alerts_customer_rule_idx").on(t.customerId, t.ruleCode, t.key, t.id),
    index("alerts_state_idx").on(t.state, t.severity),
    check("alerts_state_ck", sql`${t.state} in ('open', 'acknowledged', 'resolved', 'dismissed')`),
    check("alerts_severity_ck", sql`${t.severity} in ('info', 'warning', 'critical')`),
    check("alerts_department_ck", sql`${t.department} in ('finance', 'sales', 'credit')`),
  ],
);

export const alertComments = pgTable(
  "alert_comments",
  {
    id: id(),
    alertId: bigint({ mode: "number" })
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    author: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("alert_comments_alert_idx").on(t.alertId)],
);

/**
 * Credit holds placed by monitoring (a critical alert) or by hand; the credit check refuses new
 * credit while an unreleased hold exists (`isOnCreditHold`).
 */
export const creditHolds = pgTable(
  "credit_holds",
  {
    id: id(),
    customerId: customerRef(),
    reason: text().notNull(),
    alertId: bigint({ mode: "number" }).references(() => alerts.id, { onDelete: "set null" }),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    placedBy: text().notNull(),
    releasedAt: timestamp({ withTimezone: true }),
    releasedBy: text(),
    /** Why the hold was lifted (a credit decision: who, when and why are recorded). */
    releaseReason: text(),
  },
  (t) => [
    index("credit_holds_active_idx").on(t.customerId).where(sql`${t.releasedAt} is null`),
    uniqueIndex("credit_holds_alert_uq").on(t.alertId),
  ],
);

/**
 * Scheduled job slots: the unique (job, slot) key lets only one process claim e.g. the nightly
 * monitoring of 2025-06-30, however many schedulers run.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: id(),
    job: text().notNull(),
    slot: text().notNull(),
    owner: text().notNull(),
    status: text().notNull().default("running"),
    result: jsonb(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("job_runs_job_slot_uq").on(t.job, t.slot)],
);
