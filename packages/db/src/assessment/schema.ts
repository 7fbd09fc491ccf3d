import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { id } from "../shared/columns.ts";

/**
 * Expert scorecard definitions, versioned. A version is never edited once used: a new definition is
 * a new row, so any past assessment can be recomputed with exactly the definition it used.
 */
export const scorecards = pgTable(
  "scorecards",
  {
    id: id(),
    version: text().notNull(),
    name: text().notNull(),
    definition: jsonb().notNull(),
    status: text().notNull().default("draft"),
    createdBy: text().notNull().default("system"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scorecards_version_uq").on(t.version),
    check("scorecards_status_ck", sql`${t.status} in ('draft', 'active', 'retired')`),
  ],
);

/** Trained statistical models (issue 5): the JSON artefact and its metrics; one champion is active. */
export const models = pgTable(
  "models",
  {
    id: id(),
    name: text().notNull(),
    version: text().notNull(),
    method: text().notNull(),
    artefact: jsonb().notNull(),
    metrics: jsonb(),
    role: text().notNull().default("challenger"),
    createdBy: text().notNull().default("system"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("models_name_version_uq").on(t.name, t.version),
    check("models_role_ck", sql`${t.role} in ('champion', 'challenger', 'retired')`),
    // At most one champion at a time.
    uniqueIndex("models_one_champion_uq").on(t.role).where(sql`${t.role} = 'champion'`),
  ],
);

/** One bulk or single assessment run: who started it, as of when, with which scorecard. */
export const assessmentRuns = pgTable("assessment_runs", {
  id: id(),
  asOf: date({ mode: "string" }).notNull(),
  scope: text().notNull(),
  trigger: text().notNull(),
  triggeredBy: text().notNull(),
  scorecardVersion: text().notNull(),
  status: text().notNull().default("running"),
  customers: integer().notNull().default(0),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

/**
 * Every assessment is a record: inputs snapshot, scorecard version, score, PD, grade, reasons,
 * policy, who/what triggered it. Never updated; history per customer is the sequence of rows.
 */
export const assessments = pgTable(
  "assessments",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    runId: bigint({ mode: "number" }).references(() => assessmentRuns.id),
    asOf: date({ mode: "string" }).notNull(),
    scorecardVersion: text().notNull(),
    score: doublePrecision().notNull(),
    pd: doublePrecision().notNull(),
    grade: text().notNull(),
    masterNotch: text(),
    previousGrade: text(),
    // json (kept as text, validated), not jsonb: written in bulk for every customer and read back
    // whole, never searched inside — jsonb's binary conversion doubled the bulk run's write time.
    reasons: json().notNull(),
    policy: json().notNull(),
    result: json().notNull(),
    inputs: json().notNull(),
    trigger: text().notNull(),
    triggeredBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("assessments_customer_idx").on(t.customerId, t.createdAt),
    index("assessments_run_idx").on(t.runId),
  ],
);

/**
 * Domain events other capabilities react to (grade changed → alerts, reviews). Appended in the same
 * transaction as the change that caused them (outbox).
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: id(),
    type: text().notNull(),
    customerId: bigint({ mode: "number" }).references(() => customers.id, { onDelete: "cascade" }),
    payload: jsonb().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("domain_events_unprocessed_idx").on(t.type, t.id).where(sql`${t.processedAt} is null`)],
);
