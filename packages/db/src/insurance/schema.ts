import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { invoices } from "../ledger/schema.ts";
import { currency, id, money, timestamps } from "../shared/columns.ts";

const customerRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/**
 * Trade credit insurance policies (whole-turnover or single-buyer). `indemnityBps` is the share of
 * an insured loss the insurer pays (cover %, e.g. 9,000 = 90 %); `maxLiabilityMinor` caps what the
 * insurer pays in total over the policy period; an overdue invoice must be notified to the insurer
 * within `notificationDeadlineDays` after its due date or its cover is lost; the insurer pays a
 * claim at the earliest `waitingPeriodDays` after the notification (protracted default).
 */
export const insurancePolicies = pgTable(
  "insurance_policies",
  {
    id: id(),
    policyNumber: text().notNull(),
    insurer: text().notNull(),
    currency: currency().notNull(),
    indemnityBps: integer().notNull(),
    maxLiabilityMinor: money(),
    waitingPeriodDays: integer().notNull().default(0),
    notificationDeadlineDays: integer().notNull(),
    /** Warn this many days before the notification deadline (configurable per policy). */
    warnDaysBefore: integer().notNull().default(7),
    /** Premium rate on insured turnover, exact decimal (e.g. 0.0015 = 0.15 %). */
    premiumRate: numeric({ precision: 10, scale: 6 }),
    /** Fixed (minimum or annual) premium, policy currency. */
    premiumMinor: money(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }),
    status: text().notNull().default("active"),
    notes: text(),
    createdBy: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("insurance_policies_number_uq").on(t.policyNumber),
    check("insurance_policies_indemnity_ck", sql`${t.indemnityBps} between 0 and 10000`),
    check(
      "insurance_policies_days_ck",
      sql`${t.waitingPeriodDays} >= 0 and ${t.notificationDeadlineDays} >= 0
      and ${t.warnDaysBefore} >= 0`,
    ),
    check(
      "insurance_policies_amounts_ck",
      sql`(${t.maxLiabilityMinor} is null or ${t.maxLiabilityMinor} >= 0)
      and (${t.premiumMinor} is null or ${t.premiumMinor} >= 0) and (${t.premiumRate} is null or ${t.premiumRate} >= 0)`,
    ),
    check("insurance_policies_dates_ck", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check("insurance_policies_status_ck", sql`${t.status} in ('active', 'cancelled')`),
  ],
);

/**
 * Insured limits per buyer, with history: every request and every insurer decision is a row, never
 * overwritten (a pending request is completed once by the decision). The limit in force on a day is
 * the newest decided row of the policy and buyer with `decidedOn` on or before the day that has not
 * expired — a refusal (decided 0) in force means no cover.
 */
export const insuredLimits = pgTable(
  "insured_limits",
  {
    id: id(),
    policyId: bigint({ mode: "number" })
      .notNull()
      .references(() => insurancePolicies.id, { onDelete: "cascade" }),
    customerId: customerRef(),
    currency: currency().notNull(),
    requestedMinor: money().notNull(),
    requestedOn: date({ mode: "string" }).notNull(),
    /** pending (requested, no answer yet), full, partial, refused. */
    decision: text().notNull().default("pending"),
    decidedMinor: money(),
    decidedOn: date({ mode: "string" }),
    expiresOn: date({ mode: "string" }),
    conditions: text(),
    insurerReference: text(),
    requestedBy: text().notNull(),
    decisionRecordedBy: text(),
    decisionRecordedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("insured_limits_customer_idx").on(t.customerId, t.policyId, t.decidedOn),
    index("insured_limits_policy_idx").on(t.policyId, t.customerId),
    check("insured_limits_decision_ck", sql`${t.decision} in ('pending', 'full', 'partial', 'refused')`),
    check(
      "insured_limits_amount_ck",
      sql`${t.requestedMinor} >= 0 and (${t.decidedMinor} is null or ${t.decidedMinor} >= 0)`,
    ),
    check(
      "insured_limits_decided_ck",
      sql`(${t.decision} = 'pending') = (${t.decidedOn} is null) and (${t.decision} = 'pending') = (${t.decidedMinor} is null)`,
    ),
    check(
      "insured_limits_expiry_ck",
      sql`${t.expiresOn} is null or ${t.decidedOn} is null or ${t.expiresOn} >= ${t.decidedOn}`,
    ),
  ],
);

/** Overdue notifications filed with the insurer (keeps the cover of the invoices they name). */
export const insuranceNotifications = pgTable(
  "insurance_notifications",
  {
    id: id(),
    policyId: bigint({ mode: "number" })
      .notNull()
      .references(() => insurancePolicies.id, { onDelete: "cascade" }),
    customerId: customerRef(),
    filedOn: date({ mode: "string" }).notNull(),
    reference: text(),
    currency: currency().notNull(),
    overdueMinor: money().notNull(),
    note: text(),
    filedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("insurance_notifications_customer_idx").on(t.customerId, t.filedOn),
    check("insurance_notifications_amount_ck", sql`${t.overdueMinor} >= 0`),
  ],
);

/** The invoices an overdue notification names, with their open amount when filed. */
export const insuranceNotificationInvoices = pgTable(
  "insurance_notification_invoices",
  {
    notificationId: bigint({ mode: "number" })
      .notNull()
      .references(() => insuranceNotifications.id, { onDelete: "cascade" }),
    invoiceId: bigint({ mode: "number" })
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    openMinor: money().notNull(),
  },
  (t) => [
    uniqueIndex("insurance_notification_invoices_uq").on(t.notificationId, t.invoiceId),
    index("insurance_notification_invoices_invoice_idx").on(t.invoiceId),
  ],
);

/** Claims filed with the insurer and their lifecycle (filed → under review → paid | rejected). */
export const insuranceClaims = pgTable(
  "insurance_claims",
  {
    id: id(),
    reference: text().notNull(),
    policyId: bigint({ mode: "number" })
      .notNull()
      .references(() => insurancePolicies.id, { onDelete: "cascade" }),
    customerId: customerRef(),
    notificationId: bigint({ mode: "number" }).references(() => insuranceNotifications.id, {
      onDelete: "set null",
    }),
    currency: currency().notNull(),
    claimedMinor: money().notNull(),
    status: text().notNull().default("filed"),
    filedOn: date({ mode: "string" }).notNull(),
    reviewStartedOn: date({ mode: "string" }),
    decidedOn: date({ mode: "string" }),
    indemnityPaidMinor: money(),
    paidOn: date({ mode: "string" }),
    rejectionReason: text(),
    note: text(),
    filedBy: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("insurance_claims_reference_uq").on(t.reference),
    index("insurance_claims_customer_idx").on(t.customerId, t.id),
    index("insurance_claims_status_idx").on(t.status, t.id),
    check("insurance_claims_status_ck", sql`${t.status} in ('filed', 'under_review', 'paid', 'rejected')`),
    check(
      "insurance_claims_amount_ck",
      sql`${t.claimedMinor} > 0 and (${t.indemnityPaidMinor} is null or ${t.indemnityPaidMinor} >= 0)`,
    ),
  ],
);

/** Every status change of a claim, who recorded it and when (the claim's history). */
export const insuranceClaimEvents = pgTable(
  "insurance_claim_events",
  {
    id: id(),
    claimId: bigint({ mode: "number" })
      .notNull()
      .references(() => insuranceClaims.id, { onDelete: "cascade" }),
    status: text().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    amountMinor: money(),
    comment: text(),
    actorId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("insurance_claim_events_claim_idx").on(t.claimId, t.id)],
);

/**
 * Factoring agreements with a factor (bank or factoring company): recourse or not, advance rate and
 * fees (basis points of the face value), facility limit.
 */
export const factoringAgreements = pgTable(
  "factoring_agreements",
  {
    id: id(),
    reference: text().notNull(),
    factor: text().notNull(),
    currency: currency().notNull(),
    /** With recourse (the factor can hand a defaulted invoice back): the risk stays with us. */
    withRecourse: boolean().notNull().default(true),
    advanceRateBps: integer().notNull(),
    feeBps: integer().notNull().default(0),
    facilityLimitMinor: money(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }),
    status: text().notNull().default("active"),
    notes: text(),
    createdBy: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("factoring_agreements_reference_uq").on(t.reference),
    check(
      "factoring_agreements_rates_ck",
      sql`${t.advanceRateBps} between 0 and 10000 and ${t.feeBps} between 0 and 10000`,
    ),
    check("factoring_agreements_status_ck", sql`${t.status} in ('active', 'terminated')`),
    check("factoring_agreements_dates_ck", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * Invoices sold or pledged to a factor. A non-recourse sale from `assignedOn` removes the invoice
 * from the customer's exposure (the factor bears the credit risk) until it ends (`endedOn`:
 * repurchased or settled); a sale with recourse and a pledge keep it in exposure.
 */
export const factoredReceivables = pgTable(
  "factored_receivables",
  {
    id: id(),
    agreementId: bigint({ mode: "number" })
      .notNull()
      .references(() => factoringAgreements.id, { onDelete: "cascade" }),
    invoiceId: bigint({ mode: "number" })
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    customerId: customerRef(),
    /** sold (assigned to the factor) or pledged (security for a loan). */
    mode: text().notNull(),
    withRecourse: boolean().notNull(),
    assignedOn: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    faceMinor: money().notNull(),
    advanceRateBps: integer().notNull(),
    advanceMinor: money().notNull(),
    feesMinor: money().notNull().default(0),
    /** active, repurchased (handed back under recourse / bought back), settled (buyer paid the factor). */
    status: text().notNull().default("active"),
    endedOn: date({ mode: "string" }),
    createdBy: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("factored_receivables_active_uq").on(t.invoiceId).where(sql`${t.status} = 'active'`),
    index("factored_receivables_invoice_idx").on(t.invoiceId),
    index("factored_receivables_customer_idx").on(t.customerId),
    check("factored_receivables_mode_ck", sql`${t.mode} in ('sold', 'pledged')`),
    check("factored_receivables_status_ck", sql`${t.status} in ('active', 'repurchased', 'settled')`),
    check(
      "factored_receivables_ended_ck",
      sql`(${t.status} = 'active') = (${t.endedOn} is null) and (${t.endedOn} is null or ${t.endedOn} >= ${t.assignedOn})`,
    ),
    check(
      "factored_receivables_amounts_ck",
      sql`${t.faceMinor} > 0 and ${t.advanceMinor} >= 0 and ${t.feesMinor} >= 0 and ${t.advanceRateBps} between 0 and 10000`,
    ),
  ],
);
