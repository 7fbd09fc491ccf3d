import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { currency, id, money, timestamps } from "../shared/columns.ts";

/** File bytes (bytea) as a Node Buffer: documents live in the database, so one backup holds them. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

const applicationRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => creditApplications.id, { onDelete: "cascade" });

/**
 * Credit applications (授信申请): a prospect asking for credit terms and a limit. The prospect is a
 * customer row with status `prospect` (so statements, ratings, events and the assessment attach to
 * it as to any customer); the decision activates it, or leaves it a prospect on decline.
 */
export const creditApplications = pgTable(
  "credit_applications",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    status: text().notNull().default("submitted"),
    /** sales (entered by a user) or public_form (filled in by the prospect through a token link). */
    source: text().notNull().default("sales"),
    legalName: text().notNull(),
    registrationType: text(),
    registrationId: text(),
    /** The name on the registry, recorded by the registration check. */
    registryName: text(),
    companyType: text().notNull().default("private_manufacturer"),
    industry: text(),
    region: text(),
    address: text(),
    phone: text(),
    email: text(),
    contactName: text(),
    foundedOn: date({ mode: "string" }),
    bankName: text(),
    bankAccount: text(),
    /** Bank and trade references: [{ kind, name, contact, phone, email, address, bankAccount, registrationId, relatedParty }]. */
    references: jsonb().notNull().default(sql`'[]'::jsonb`),
    currency: currency().notNull(),
    requestedLimitMinor: money().notNull(),
    requestedTermsDays: smallint().notNull().default(30),
    statedMonthlyNeedMinor: money(),
    createdBy: text().notNull(),
    checkedAt: timestamp({ withTimezone: true }),
    /** Duplicate matches found by the last check (core findDuplicates). */
    duplicates: jsonb(),
    decision: text(),
    decisionReason: text(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
    approvedLimitMinor: money(),
    approvedTermsDays: smallint(),
    reviewOn: date({ mode: "string" }),
    conditions: jsonb(),
    /** Everything the decision rested on: checklist, signals, assessment, recommendation, versions. */
    decisionInputs: jsonb(),
    limitId: bigint({ mode: "number" }),
    ...timestamps,
  },
  (t) => [
    index("credit_applications_status_idx").on(t.status, t.id),
    index("credit_applications_customer_idx").on(t.customerId),
    index("credit_applications_registration_idx").on(t.registrationId),
    check(
      "credit_applications_status_ck",
      sql`${t.status} in ('submitted', 'in_review', 'approved', 'approved_with_conditions', 'declined')`,
    ),
    check("credit_applications_source_ck", sql`${t.source} in ('sales', 'public_form')`),
    check(
      "credit_applications_decision_ck",
      sql`${t.decision} is null or ${t.decision} in ('approve', 'approve_with_conditions', 'decline')`,
    ),
    check("credit_applications_amount_ck", sql`${t.requestedLimitMinor} >= 0`),
    check("credit_applications_terms_ck", sql`${t.requestedTermsDays} between 0 and 720`),
  ],
);

/** Uploaded documents (business licence, statements, reference letters …): bytes in the database. */
export const applicationDocuments = pgTable(
  "application_documents",
  {
    id: id(),
    applicationId: applicationRef(),
    kind: text().notNull().default("other"),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedBy: text().notNull(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("application_documents_application_idx").on(t.applicationId),
    check(
      "application_documents_kind_ck",
      sql`${t.kind} in ('business_licence', 'statement', 'reference', 'site_visit', 'rating_report', 'other')`,
    ),
    check("application_documents_size_ck", sql`${t.sizeBytes} > 0`),
  ],
);

/** Evidence on a checklist item: a note and/or a document, dated, by whom (and structured data). */
export const applicationEvidence = pgTable(
  "application_evidence",
  {
    id: id(),
    applicationId: applicationRef(),
    item: text().notNull(),
    note: text(),
    documentId: bigint({ mode: "number" }).references(() => applicationDocuments.id, {
      onDelete: "set null",
    }),
    evidenceOn: date({ mode: "string" }).notNull(),
    recordedBy: text().notNull(),
    data: jsonb(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_evidence_application_idx").on(t.applicationId, t.item)],
);

/** Fraud and integrity signals as last detected; clearing keeps who, when and why. */
export const applicationSignals = pgTable(
  "application_signals",
  {
    id: id(),
    applicationId: applicationRef(),
    code: text().notNull(),
    severity: text().notNull(),
    score: integer().notNull(),
    explanation: jsonb().notNull(),
    evidence: jsonb().notNull(),
    /** false once a later check no longer finds it. */
    active: boolean().notNull().default(true),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    clearedBy: text(),
    clearedAt: timestamp({ withTimezone: true }),
    clearReason: text(),
  },
  (t) => [
    uniqueIndex("application_signals_uq").on(t.applicationId, t.code),
    check("application_signals_severity_ck", sql`${t.severity} in ('low', 'medium', 'high')`),
  ],
);

/**
 * Rating reports obtained through the agency waterfall ("pulls" recorded; the agency's data comes
 * from the archive's external ratings). Keyed by registration id so a later application of the
 * same company reuses a report younger than the configured age.
 */
export const applicationRatingReports = pgTable(
  "application_rating_reports",
  {
    id: id(),
    applicationId: applicationRef(),
    registrationId: text(),
    agency: text().notNull(),
    rating: text().notNull(),
    ratedOn: date({ mode: "string" }).notNull(),
    pulledOn: date({ mode: "string" }).notNull(),
    /** pulled (a new pull) or reused (a report younger than the configured age). */
    mode: text().notNull(),
    pulledBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("application_rating_reports_registration_idx").on(t.registrationId, t.pulledOn),
    check("application_rating_reports_mode_ck", sql`${t.mode} in ('pulled', 'reused')`),
  ],
);

/** Links for the public application form: only the SHA-256 of the token is stored; one application each. */
export const applicationTokens = pgTable(
  "application_tokens",
  {
    id: id(),
    tokenHash: text().notNull(),
    /** Who the link was made for (shown on the form). */
    prospectName: text(),
    createdBy: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    applicationId: bigint({ mode: "number" }).references(() => creditApplications.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("application_tokens_hash_uq").on(t.tokenHash)],
);

export const applicationComments = pgTable(
  "application_comments",
  {
    id: id(),
    applicationId: applicationRef(),
    author: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_comments_application_idx").on(t.applicationId, t.id)],
);

/** The customer risk register: credit, operational, market and reputation risks with owners and reviews. */
export const customerRisks = pgTable(
  "customer_risks",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    category: text().notNull(),
    description: text().notNull(),
    likelihood: smallint().notNull(),
    impact: smallint().notNull(),
    owner: text().notNull(),
    mitigation: text(),
    reviewOn: date({ mode: "string" }).notNull(),
    status: text().notNull().default("open"),
    createdBy: text().notNull(),
    /** Who closed the entry, when and why (a closed risk stays in the register). */
    closedBy: text(),
    closedAt: timestamp({ withTimezone: true }),
    closeReason: text(),
    ...timestamps,
  },
  (t) => [
    index("customer_risks_customer_idx").on(t.customerId, t.id),
    check(
      "customer_risks_category_ck",
      sql`${t.category} in ('credit', 'operational', 'market', 'reputation')`,
    ),
    check("customer_risks_likelihood_ck", sql`${t.likelihood} between 1 and 5`),
    check("customer_risks_impact_ck", sql`${t.impact} between 1 and 5`),
    check("customer_risks_status_ck", sql`${t.status} in ('open', 'closed')`),
    check(
      "customer_risks_closed_ck",
      // Only a closed entry carries a closure (entries closed before closures were recorded have none).
      sql`${t.status} = 'closed' or (${t.closedAt} is null and ${t.closedBy} is null and ${t.closeReason} is null)`,
    ),
  ],
);

/**
 * The conditions of an approval with conditions, each with what it created: a prepayment term
 * and the required guarantee on the customer's credit contract (limits), the guarantee itself as a
 * credit security once received, an insured-limit request (insurance). An open condition keeps the
 * customer's credit account on hold — the credit check blocks release until it is met.
 */
export const applicationConditions = pgTable(
  "application_conditions",
  {
    id: id(),
    applicationId: applicationRef(),
    kind: text().notNull(),
    currency: currency().notNull(),
    amountMinor: money(),
    prepaymentBps: integer(),
    guarantor: text(),
    status: text().notNull().default("open"),
    contractId: bigint({ mode: "number" }),
    securityId: bigint({ mode: "number" }),
    insuredLimitId: bigint({ mode: "number" }),
    metBy: text(),
    metAt: timestamp({ withTimezone: true }),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("application_conditions_uq").on(t.applicationId, t.kind),
    check(
      "application_conditions_kind_ck",
      sql`${t.kind} in ('prepayment', 'guarantee', 'credit_insurance')`,
    ),
    check("application_conditions_status_ck", sql`${t.status} in ('open', 'met')`),
    check(
      "application_conditions_bps_ck",
      sql`${t.prepaymentBps} is null or ${t.prepaymentBps} between 1 and 10000`,
    ),
  ],
);

/**
 * Duplicate-detection keys of each customer (normalised in the core, so SQL never re-implements
 * the normalisation): name keys and name bigrams of the legal and other names, normalised phones,
 * e-mails, addresses and bank accounts of the customer and its contacts, the registration id.
 * GIN indexes let one screening look candidates up instead of reading every customer. A row is
 * current while `customerUpdatedAt` equals the customer's `updated_at`; stale rows are refreshed
 * before each screening (lib applications/screening-keys.ts).
 */
export const customerScreeningKeys = pgTable(
  "customer_screening_keys",
  {
    customerId: bigint({ mode: "number" })
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    customerUpdatedAt: timestamp({ withTimezone: true }).notNull(),
    nameKeys: text().array().notNull(),
    nameGrams: text().array().notNull(),
    phoneKeys: text().array().notNull(),
    emailKeys: text().array().notNull(),
    addressKeys: text().array().notNull(),
    bankAccountKeys: text().array().notNull(),
  },
  (t) => [
    index("customer_screening_keys_name_keys_idx").using("gin", t.nameKeys),
    index("customer_screening_keys_name_grams_idx").using("gin", t.nameGrams),
    index("customer_screening_keys_phone_idx").using("gin", t.phoneKeys),
    index("customer_screening_keys_email_idx").using("gin", t.emailKeys),
    index("customer_screening_keys_address_idx").using("gin", t.addressKeys),
    index("customer_screening_keys_bank_idx").using("gin", t.bankAccountKeys),
    index("customer_screening_keys_updated_idx").on(t.customerUpdatedAt),
  ],
);
