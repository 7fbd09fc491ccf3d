import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { currency, id, money, timestamps } from "../shared/columns.ts";

const customerRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/**
 * Credit segments (like SAP credit segments): the configured check steps, Watch threshold and
 * reservation lifetime (`config`, validated by core `creditCheckConfigSchema`). The segment
 * `default` is used when an order names none.
 */
export const creditSegments = pgTable("credit_segments", {
  code: text().primaryKey(),
  name: text().notNull(),
  config: jsonb().notNull(),
  ...timestamps,
});

/**
 * One credit account per customer and segment: its manual credit status (OK / Hold / Stop; Watch
 * is derived) and THE row credit checks lock (`SELECT … FOR UPDATE`) so that concurrent checks of
 * one customer serialise and approved reservations never jointly exceed the limit.
 */
export const creditAccounts = pgTable(
  "credit_accounts",
  {
    id: id(),
    customerId: customerRef(),
    segment: text().notNull().default("default"),
    status: text().notNull().default("ok"),
    statusReason: text(),
    /**
     * The account's active reservations summed by (limit) currency, `{"CNY": 123400}` — kept by the
     * `credit_checks` trigger (packages/db/src/limits/reservation-totals.ts) under this row's lock,
     * so that a credit check reads them from the row it locks instead of scanning its reservations.
     */
    reservedByCurrency: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** No active reservation of the account expires before this (a check sweeps when it is due). */
    reservationsExpireAt: timestamp({ withTimezone: true }),
    /**
     * Bumped (in the same transaction) by every change that can LOWER what a check counts or allows:
     * a reservation released or expired, a limit set. A check that read the ledger before taking the
     * lock and finds a different value under the lock re-reads the ledger under it.
     */
    exposureSeq: bigint({ mode: "number" }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("credit_accounts_customer_segment_uq").on(t.customerId, t.segment),
    check("credit_accounts_status_ck", sql`${t.status} in ('ok', 'hold', 'stop')`),
  ],
);

/**
 * Credit limits with history: a row is never overwritten; a new standard limit supersedes the
 * previous standard (and a new temporary the previous temporary) by setting `supersededAt/ById`.
 * A temporary limit applies instead of the standard one between `validFrom` and `validTo` and
 * lapses on its own afterwards.
 */
export const creditLimits = pgTable(
  "credit_limits",
  {
    id: id(),
    accountId: bigint({ mode: "number" })
      .notNull()
      .references(() => creditAccounts.id, { onDelete: "cascade" }),
    customerId: customerRef(),
    segment: text().notNull().default("default"),
    kind: text().notNull().default("standard"),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }),
    requestId: bigint({ mode: "number" }),
    note: text(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp({ withTimezone: true }),
    supersededById: bigint({ mode: "number" }),
  },
  (t) => [
    index("credit_limits_account_idx").on(t.accountId, t.id).where(sql`${t.supersededAt} is null`),
    index("credit_limits_customer_idx").on(t.customerId, t.createdAt),
    check("credit_limits_kind_ck", sql`${t.kind} in ('standard', 'temporary')`),
    check("credit_limits_amount_ck", sql`${t.amountMinor} >= 0`),
    check("credit_limits_dates_ck", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check("credit_limits_temporary_ck", sql`${t.kind} <> 'temporary' or ${t.validTo} is not null`),
  ],
);

/** Authority matrix: a role may approve limits up to `maxMinor` (null = unlimited) in `currency`. */
export const limitAuthorities = pgTable(
  "limit_authorities",
  {
    role: text().primaryKey(),
    level: integer().notNull(),
    currency: currency().notNull(),
    maxMinor: money(),
    ...timestamps,
  },
  (t) => [check("limit_authorities_level_ck", sql`${t.level} >= 1`)],
);

/** A request for a new, raised, lowered or temporary limit, routed by the authority matrix. */
export const limitRequests = pgTable(
  "limit_requests",
  {
    id: id(),
    customerId: customerRef(),
    segment: text().notNull().default("default"),
    kind: text().notNull(),
    currency: currency().notNull(),
    requestedMinor: money().notNull(),
    /** The current limit when requested (null = none), same currency when comparable. */
    currentMinor: money(),
    exposureMinor: money(),
    /** Lowering below the current exposure is allowed but flagged (null = exposure not computable). */
    belowExposure: boolean(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }),
    justification: text().notNull(),
    requiredRole: text(),
    requiredLevel: integer(),
    /**
     * The authority levels the request passes through, in order (core `approvalChain`), and the
     * one whose decision is awaited (null once decided). A request above the lowest level's
     * maximum is approved level by level, each time by another person.
     */
    approvalLevels: integer().array(),
    currentLevel: integer(),
    status: text().notNull().default("pending"),
    requestedBy: text().notNull(),
    requestedRole: text().notNull(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
    limitId: bigint({ mode: "number" }),
    ...timestamps,
  },
  (t) => [
    index("limit_requests_status_idx").on(t.status, t.id),
    index("limit_requests_customer_idx").on(t.customerId, t.id),
    check("limit_requests_kind_ck", sql`${t.kind} in ('new', 'raise', 'lower', 'temporary')`),
    check(
      "limit_requests_status_ck",
      sql`${t.status} in ('pending', 'approved', 'rejected', 'sent_back', 'withdrawn')`,
    ),
    check("limit_requests_amount_ck", sql`${t.requestedMinor} >= 0`),
  ],
);

/** Every step of a limit request (submitted, approved, rejected, sent back, resubmitted). */
export const limitRequestSteps = pgTable(
  "limit_request_steps",
  {
    id: id(),
    requestId: bigint({ mode: "number" })
      .notNull()
      .references(() => limitRequests.id, { onDelete: "cascade" }),
    action: text().notNull(),
    actorId: text().notNull(),
    actorRole: text().notNull(),
    /** The authority level an approval was given at (multi-level chains). */
    level: integer(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("limit_request_steps_request_idx").on(t.requestId, t.id),
    check(
      "limit_request_steps_action_ck",
      sql`${t.action} in ('submitted', 'approved', 'rejected', 'sent_back', 'resubmitted', 'withdrawn')`,
    ),
  ],
);

/**
 * Every credit check decision: inputs, steps, outcome, reasons. An approved check carries the
 * reservation of its amount (in the limit currency) until the order is invoiced or cancelled, or it
 * expires. A blocked check waits in the blocked-orders queue (`blockStatus = open`) until released
 * or rejected. Several rows per order reference are possible: raising an order re-checks the
 * difference.
 */
export const creditChecks = pgTable(
  "credit_checks",
  {
    id: id(),
    customerId: customerRef(),
    accountId: bigint({ mode: "number" }).references(() => creditAccounts.id, { onDelete: "cascade" }),
    segment: text().notNull().default("default"),
    orderReference: text().notNull(),
    /** The amount this check decided on (the whole order, or the increase of a re-check). */
    amountMinor: money().notNull(),
    currency: currency().notNull(),
    /** The order total as of this check. */
    orderTotalMinor: money().notNull(),
    deliveryDate: date({ mode: "string" }),
    outcome: text().notNull(),
    reasons: jsonb().notNull(),
    decision: jsonb().notNull(),
    limitId: bigint({ mode: "number" }),
    limitCurrency: currency(),
    reservedMinor: money().notNull().default(0),
    reservationStatus: text().notNull().default("none"),
    expiresAt: timestamp({ withTimezone: true }),
    releasedAt: timestamp({ withTimezone: true }),
    releaseReason: text(),
    blockStatus: text(),
    resolvedBy: text(),
    resolvedRole: text(),
    resolutionCondition: text(),
    resolutionComment: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    checkedBy: text(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credit_checks_order_idx").on(t.customerId, t.orderReference),
    // Every credit check sums the customer's active reservations: a covering index (with what the
    // sum filters on) lets PostgreSQL answer from the index without reading the wide check rows.
    index("credit_checks_active_reservations_idx")
      .on(t.customerId, t.limitCurrency, t.expiresAt, t.orderReference, t.reservedMinor)
      .where(sql`${t.reservationStatus} = 'active'`),
    // The sweep of due reservations and the recount of an account's totals.
    index("credit_checks_account_reservations_idx")
      .on(t.accountId, t.expiresAt)
      .where(sql`${t.reservationStatus} = 'active'`),
    index("credit_checks_blocked_idx").on(t.id).where(sql`${t.blockStatus} = 'open'`),
    check("credit_checks_outcome_ck", sql`${t.outcome} in ('approved', 'blocked')`),
    check(
      "credit_checks_reservation_ck",
      sql`${t.reservationStatus} in ('none', 'active', 'released', 'expired')`,
    ),
    check(
      "credit_checks_block_ck",
      sql`${t.blockStatus} is null or ${t.blockStatus} in ('open', 'released', 'rejected')`,
    ),
    check("credit_checks_amount_ck", sql`${t.amountMinor} >= 0 and ${t.reservedMinor} >= 0`),
  ],
);

/** Credit contracts: payment terms, late-payment interest (annual rate, exact decimal), penalties. */
export const creditContracts = pgTable(
  "credit_contracts",
  {
    id: id(),
    customerId: customerRef(),
    reference: text().notNull(),
    currency: currency().notNull(),
    paymentTermsDays: integer().notNull(),
    /** Late-payment interest, annual, e.g. 0.0545 = reference rate + margin (DOMAIN.md). */
    lateInterestAnnualRate: numeric({ precision: 10, scale: 6 }).notNull().default("0"),
    referenceRate: text(),
    penaltyBps: integer().notNull().default(0),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }),
    notes: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("credit_contracts_reference_uq").on(t.reference),
    index("credit_contracts_customer_idx").on(t.customerId),
    check("credit_contracts_terms_ck", sql`${t.paymentTermsDays} between 0 and 720`),
    check("credit_contracts_rate_ck", sql`${t.lateInterestAnnualRate} >= 0`),
    check("credit_contracts_penalty_ck", sql`${t.penaltyBps} between 0 and 10000`),
  ],
);

/** Guarantees, collateral, credit insurance and letters of credit held against a customer's exposure. */
export const creditSecurities = pgTable(
  "credit_securities",
  {
    id: id(),
    customerId: customerRef(),
    type: text().notNull(),
    reference: text().notNull(),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    /** Credit insurance: share of a loss indemnified, basis points. */
    indemnityBps: integer(),
    guarantor: text(),
    validFrom: date({ mode: "string" }).notNull(),
    expiresOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("credit_securities_reference_uq").on(t.reference),
    index("credit_securities_customer_idx").on(t.customerId),
    check(
      "credit_securities_type_ck",
      sql`${t.type} in ('guarantee', 'collateral', 'credit_insurance', 'letter_of_credit')`,
    ),
    check("credit_securities_amount_ck", sql`${t.amountMinor} >= 0`),
    check(
      "credit_securities_indemnity_ck",
      sql`${t.indemnityBps} is null or ${t.indemnityBps} between 0 and 10000`,
    ),
  ],
);
