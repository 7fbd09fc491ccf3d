import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
import { currency, id, money, timestamps } from "../shared/columns.ts";

/**
 * Concentration limits (issue 9): at most `maxShareBps` of the portfolio's exposure with one holder
 * of `dimension` (customer, customer group, industry, region); one row per dimension, validated by
 * core `concentrationLimitSchema`. `version` grows with every change and is recorded on the alerts
 * a breach raises.
 */
export const portfolioConcentrationLimits = pgTable(
  "portfolio_concentration_limits",
  {
    id: id(),
    dimension: text().notNull(),
    maxShareBps: integer().notNull(),
    severity: text().notNull().default("warning"),
    department: text().notNull().default("credit"),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    updatedBy: text().notNull().default("system"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("portfolio_concentration_limits_dimension_uq").on(t.dimension),
    check(
      "portfolio_concentration_limits_dimension_ck",
      sql`${t.dimension} in ('customer', 'group', 'industry', 'region')`,
    ),
    check("portfolio_concentration_limits_share_ck", sql`${t.maxShareBps} between 1 and 10000`),
    check(
      "portfolio_concentration_limits_severity_ck",
      sql`${t.severity} in ('info', 'warning', 'critical')`,
    ),
    check(
      "portfolio_concentration_limits_department_ck",
      sql`${t.department} in ('finance', 'sales', 'credit')`,
    ),
  ],
);

/** Portfolio settings as validated JSON documents by key (e.g. `lgd`: core `lgdConfigSchema`). */
export const portfolioSettings = pgTable("portfolio_settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  version: integer().notNull().default(1),
  updatedBy: text().notNull().default("system"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Named stress scenarios (core `stressScenarioSchema` in `definition`), run on demand. */
export const portfolioStressScenarios = pgTable(
  "portfolio_stress_scenarios",
  {
    id: id(),
    name: text().notNull(),
    definition: jsonb().notNull(),
    createdBy: text().notNull(),
    updatedBy: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("portfolio_stress_scenarios_name_uq").on(t.name)],
);

/**
 * Month-end receivables snapshots (issue 9): per customer, currency and month end, in the invoice
 * currency, the figures the monthly DSO / ADDB / CEI trend needs — closing AR (cumulative net of
 * every invoice, payment allocation and credit note effective by the month end), the month's net
 * flow and credit sales, and the not-yet-due (current) part at the month end. Invoices cancelled or
 * written off are left out (their current status, as the direct computation does); receivables
 * sold without recourse are kept here and taken out when read (that depends on the as-of date).
 * Kept by the month-close step (`closeArSnapshotMonths`); a back-dated ledger change marks the
 * customer in `portfolio_ar_snapshot_stale` (database triggers) and the affected months are
 * rebuilt before the snapshots are read, so they always equal the recomputed figures.
 */
export const portfolioArSnapshots = pgTable(
  "portfolio_ar_snapshots",
  {
    monthEnd: date({ mode: "string" }).notNull(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    currency: currency().notNull(),
    arMinor: money().notNull(),
    flowMinor: money().notNull(),
    salesMinor: money().notNull(),
    currentMinor: money().notNull(),
  },
  (t) => [primaryKey({ columns: [t.monthEnd, t.customerId, t.currency] })],
);

/** The month ends `portfolio_ar_snapshots` covers (for every customer), with when they were built. */
export const portfolioArSnapshotMonths = pgTable("portfolio_ar_snapshot_months", {
  monthEnd: date({ mode: "string" }).primaryKey(),
  builtAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  rows: integer().notNull().default(0),
});

/**
 * Customers whose snapshots from the month of `since` on are out of date (a ledger change dated
 * `since` or later landed after they were built); written by triggers on the ledger tables.
 */
export const portfolioArSnapshotStale = pgTable("portfolio_ar_snapshot_stale", {
  customerId: bigint({ mode: "number" }).primaryKey(),
  since: date({ mode: "string" }).notNull(),
});

/**
 * Every recorded state of a sales order (status and amounts) from `recordedAt` on, written by a
 * trigger on `sales_orders`: the portfolio's open orders as of a past date use the state the order
 * was in then, not its current one.
 */
export const portfolioOrderStates = pgTable(
  "portfolio_order_states",
  {
    id: id(),
    orderId: bigint({ mode: "number" }).notNull(),
    customerId: bigint({ mode: "number" }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull(),
    currency: currency().notNull(),
    orderedMinor: money().notNull(),
    deliveredMinor: money().notNull(),
    invoicedMinor: money().notNull(),
  },
  (t) => [
    index("portfolio_order_states_order_idx").on(t.orderId, t.recordedAt),
    index("portfolio_order_states_recorded_idx").on(t.recordedAt),
  ],
);

/**
 * Every recorded state of a customer from `recordedAt` on (trigger on `customers`): the status and
 * the attributes the portfolio is split by — tier, sales owner, industry, region, customer group
 * (parent code) — so a view as of a past date groups customers as they were then, and the grade
 * migration matrix knows who had left (closed) by a date. `attributes` is false on rows recorded
 * before the attribute columns existed (only the status is known; the rest is read from now).
 */
export const portfolioCustomerStates = pgTable(
  "portfolio_customer_states",
  {
    id: id(),
    customerId: bigint({ mode: "number" }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull(),
    attributes: boolean().notNull().default(false),
    tier: text(),
    salesOwner: text(),
    industry: text(),
    region: text(),
    parentCode: text(),
  },
  (t) => [index("portfolio_customer_states_customer_idx").on(t.customerId, t.recordedAt)],
);
