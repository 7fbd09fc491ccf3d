import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { invoices } from "../ledger/schema.ts";
import { alerts, creditHolds } from "../monitoring/schema.ts";
import { currency, id, money } from "../shared/columns.ts";

const customerRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/**
 * Collections configuration as data (validated by core on save): `priority` (worklist weights),
 * `dunning` (levels, intervals, promise grace), `templates` (per level, zh-CN and en), `sender`.
 */
export const collectionSettings = pgTable("collection_settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The collector responsible for a customer's receivables (one per customer). */
export const collectionAssignments = pgTable("collection_assignments", {
  customerId: bigint({ mode: "number" })
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  collector: text().notNull(),
  assignedBy: text().notNull(),
  assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One dunning run: proposed (dry) or executed, as of a date. */
export const dunningRuns = pgTable(
  "dunning_runs",
  {
    id: id(),
    asOf: date({ mode: "string" }).notNull(),
    mode: text().notNull(),
    proposals: integer().notNull().default(0),
    actions: integer().notNull().default(0),
    skipped: jsonb().notNull().default(sql`'{}'::jsonb`),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("dunning_runs_mode_ck", sql`${t.mode} in ('propose', 'execute')`)],
);

/**
 * Every collection action — who, when, what, outcome: reminder e-mails, calls, letters, stop supply
 * (with the credit hold it placed), legal handovers, notes. `level` is the dunning level the action
 * carried out (null for an action outside the dunning ladder, e.g. an extra call). An action whose
 * outcome is `failed` (an e-mail the SMTP server refused: the next run tries again) does not count as
 * the level reached; `not_sent` (no address, no SMTP server — flagged for the collector to deliver
 * another way) and `pending` (a call task, an e-mail being sent) do, so the ladder never stalls.
 */
export const collectionActions = pgTable(
  "collection_actions",
  {
    id: id(),
    customerId: customerRef(),
    runId: bigint({ mode: "number" }).references(() => dunningRuns.id, { onDelete: "set null" }),
    level: integer(),
    kind: text().notNull(),
    outcome: text().notNull(),
    /** Language of the message sent/printed (zh-CN / en). */
    locale: text(),
    subject: text(),
    body: text(),
    /** Kind-specific facts: recipients and message id, call contact and callback date, hold id, law firm … */
    details: jsonb().notNull().default(sql`'{}'::jsonb`),
    holdId: bigint({ mode: "number" }).references(() => creditHolds.id, { onDelete: "set null" }),
    note: text(),
    performedBy: text().notNull(),
    performedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actionOn: date({ mode: "string" }).notNull(),
  },
  (t) => [
    index("collection_actions_customer_idx").on(t.customerId, t.id),
    check(
      "collection_actions_kind_ck",
      sql`${t.kind} in ('reminder_email', 'call', 'letter', 'stop_supply', 'legal', 'note')`,
    ),
    check(
      "collection_actions_outcome_ck",
      sql`${t.outcome} in ('pending', 'sent', 'failed', 'not_sent', 'reached', 'no_answer', 'promised', 'disputed', 'refused', 'wrong_contact', 'printed', 'hold_placed', 'handed_over', 'recorded')`,
    ),
    check("collection_actions_level_ck", sql`${t.level} is null or ${t.level} between 1 and 9`),
  ],
);

/** The invoices an action covered, with their open amount then (the dunning level per invoice). */
export const collectionActionInvoices = pgTable(
  "collection_action_invoices",
  {
    actionId: bigint({ mode: "number" })
      .notNull()
      .references(() => collectionActions.id, { onDelete: "cascade" }),
    invoiceId: bigint({ mode: "number" })
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    currency: currency().notNull(),
    openMinor: money().notNull(),
    daysPastDue: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.invoiceId] }),
    index("collection_action_invoices_invoice_idx").on(t.invoiceId),
  ],
);

/**
 * Promises to pay: amount, promised date and the invoices covered; evaluated kept / broken against
 * the payments allocated to those invoices (core `evaluatePromise`). A broken promise raises one
 * monitoring alert (`alertId`).
 */
export const paymentPromises = pgTable(
  "payment_promises",
  {
    id: id(),
    customerId: customerRef(),
    currency: currency().notNull(),
    promisedMinor: money().notNull(),
    madeOn: date({ mode: "string" }).notNull(),
    promisedOn: date({ mode: "string" }).notNull(),
    graceDays: integer().notNull(),
    status: text().notNull().default("open"),
    paidMinor: money().notNull().default(0),
    keptOn: date({ mode: "string" }),
    evaluatedOn: date({ mode: "string" }),
    contact: text(),
    note: text(),
    alertId: bigint({ mode: "number" }).references(() => alerts.id, { onDelete: "set null" }),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payment_promises_customer_idx").on(t.customerId, t.promisedOn),
    index("payment_promises_open_idx").on(t.promisedOn).where(sql`${t.status} = 'open'`),
    check("payment_promises_status_ck", sql`${t.status} in ('open', 'kept', 'broken', 'cancelled')`),
    check("payment_promises_amount_ck", sql`${t.promisedMinor} > 0`),
    check("payment_promises_grace_ck", sql`${t.graceDays} between 0 and 60`),
    check("payment_promises_dates_ck", sql`${t.promisedOn} >= ${t.madeOn}`),
  ],
);

export const paymentPromiseInvoices = pgTable(
  "payment_promise_invoices",
  {
    promiseId: bigint({ mode: "number" })
      .notNull()
      .references(() => paymentPromises.id, { onDelete: "cascade" }),
    invoiceId: bigint({ mode: "number" })
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.promiseId, t.invoiceId] }),
    uniqueIndex("payment_promise_invoices_invoice_idx").on(t.invoiceId, t.promiseId),
  ],
);
