import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { currency, id, money, timestamps } from "../shared/columns.ts";

/**
 * The customer credit archive (客户信用档案): who the customer is, how to reach them, their
 * financial statements, what outside sources say about them.
 */
export const customers = pgTable(
  "customers",
  {
    id: id(),
    /** Natural key from the ERP (客户编码). */
    code: text().notNull(),
    legalName: text().notNull(),
    otherNames: text().array().notNull().default(sql`'{}'::text[]`),
    /** Industry code or label (e.g. GB/T 4754 section letter or a company taxonomy). */
    industry: text(),
    region: text(),
    countryCode: char({ length: 2 }).notNull().default("CN"),
    foundedOn: date({ mode: "string" }),
    registeredCapitalMinor: money(),
    registeredCapitalCurrency: currency(),
    employees: integer(),
    businessScope: text(),
    /** Registered address (注册地址), main phone (联系电话), e-mail (邮箱), bank (开户行) and accounts (银行账号): screening compares applications with them. */
    registeredAddress: text(),
    phone: text(),
    email: text(),
    bankName: text(),
    bankAccounts: text().array().notNull().default(sql`'{}'::text[]`),
    /** core / general (DOMAIN.md review frequency). */
    tier: text().notNull().default("general"),
    /** Chooses the Altman variant: public_manufacturer → Z, private_manufacturer → Z', other → Z''. */
    companyType: text().notNull().default("private_manufacturer"),
    salesOwner: text(),
    /** Customer group (related companies under one parent), by parent customer code. */
    parentCode: text(),
    defaultCurrency: currency().notNull().default("CNY"),
    paymentTermsDays: smallint().notNull().default(30),
    status: text().notNull().default("active"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("customers_code_uq").on(t.code),
    index("customers_industry_idx").on(t.industry),
    index("customers_region_idx").on(t.region),
    // Screening keys are refreshed for customers changed since the last refresh (applications).
    index("customers_updated_at_idx").on(t.updatedAt),
    check("customers_tier_ck", sql`${t.tier} in ('core', 'general')`),
    check("customers_status_ck", sql`${t.status} in ('prospect', 'active', 'inactive', 'closed')`),
    check(
      "customers_company_type_ck",
      sql`${t.companyType} in ('public_manufacturer', 'private_manufacturer', 'non_manufacturer')`,
    ),
    check("customers_terms_ck", sql`${t.paymentTermsDays} between 0 and 720`),
  ],
);

/** Registry identifiers with an explicit type (uscc, duns, lei, vat, other). */
export const customerIdentifiers = pgTable(
  "customer_identifiers",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    type: text().notNull(),
    value: text().notNull(),
    verifiedOn: date({ mode: "string" }),
  },
  (t) => [
    uniqueIndex("customer_identifiers_type_value_uq").on(t.type, t.value),
    uniqueIndex("customer_identifiers_customer_type_uq").on(t.customerId, t.type),
    check("customer_identifiers_type_ck", sql`${t.type} in ('uscc', 'duns', 'lei', 'vat', 'other')`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    name: text().notNull(),
    title: text(),
    phone: text(),
    email: text(),
    isPrimary: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex("contacts_customer_name_uq").on(t.customerId, t.name)],
);

/**
 * One financial statement per customer and period. Lines in minor units of `currency`; absent
 * lines are NULL (not zero) so that ratios can say "not computable" rather than divide by zero.
 */
export const financialStatements = pgTable(
  "financial_statements",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    periodEnd: date({ mode: "string" }).notNull(),
    periodMonths: smallint().notNull().default(12),
    audited: boolean().notNull().default(false),
    currency: currency().notNull(),
    // balance sheet
    cash: money(),
    receivables: money(),
    inventory: money(),
    currentAssets: money(),
    totalAssets: money(),
    intangibleAssets: money(),
    currentLiabilities: money(),
    totalLiabilities: money(),
    equity: money(),
    retainedEarnings: money(),
    // income statement
    revenue: money(),
    costOfSales: money(),
    ebit: money(),
    interestExpense: money(),
    netIncome: money(),
    // cash flow
    operatingCashFlow: money(),
    /** Listed companies only (Altman Z X4). */
    marketValueEquity: money(),
    source: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("financial_statements_period_uq").on(t.customerId, t.periodEnd, t.periodMonths),
    check("financial_statements_months_ck", sql`${t.periodMonths} between 1 and 12`),
  ],
);

export const externalRatings = pgTable(
  "external_ratings",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    agency: text().notNull(),
    rating: text().notNull(),
    outlook: text(),
    ratedOn: date({ mode: "string" }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("external_ratings_uq").on(t.customerId, t.agency, t.ratedOn)],
);

export const EXTERNAL_EVENT_TYPES = [
  "lawsuit",
  "enforcement",
  "management_change",
  "legal_rep_change",
  "address_change",
  "rating_change",
  "bankruptcy",
  "tax_violation",
  "other",
] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export const externalEvents = pgTable(
  "external_events",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** Natural key from the source (case number, bulletin id) for idempotent import. */
    reference: text().notNull(),
    type: text().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    severity: text().notNull().default("medium"),
    source: text().notNull(),
    description: text(),
    amountMinor: money(),
    currency: currency(),
    details: jsonb(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("external_events_reference_uq").on(t.source, t.reference),
    index("external_events_customer_idx").on(t.customerId, t.occurredOn),
    check("external_events_severity_ck", sql`${t.severity} in ('low', 'medium', 'high', 'critical')`),
  ],
);

export const complaints = pgTable(
  "complaints",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    reference: text().notNull(),
    receivedOn: date({ mode: "string" }).notNull(),
    category: text(),
    severity: text().notNull().default("medium"),
    description: text(),
    resolvedOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("complaints_reference_uq").on(t.reference),
    index("complaints_customer_idx").on(t.customerId, t.receivedOn),
  ],
);

/**
 * Realised defaults (the outcome models learn from and back-tests check): a customer that went
 * 90+ days past due on a material amount, was written off, or entered insolvency.
 */
export const customerDefaults = pgTable(
  "customer_defaults",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    defaultedOn: date({ mode: "string" }).notNull(),
    kind: text().notNull(),
    source: text().notNull().default("recorded"),
    note: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("customer_defaults_uq").on(t.customerId, t.defaultedOn),
    check("customer_defaults_kind_ck", sql`${t.kind} in ('past_due_90', 'write_off', 'insolvency')`),
  ],
);
