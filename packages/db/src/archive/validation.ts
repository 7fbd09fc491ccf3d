import { createInsertSchema, createSelectSchema, createUpdateSchema } from "drizzle-zod";
import { z } from "zod";
import {
  currencyCode,
  isoDate,
  moneyMinor,
  nonEmptyText,
  positiveMoneyMinor,
  SERVER_FIELDS,
} from "./refinements.ts";
import {
  complaints,
  contacts,
  customerDefaults,
  customerIdentifiers,
  customers,
  EXTERNAL_EVENT_TYPES,
  externalEvents,
  externalRatings,
  financialStatements,
  SEVERITIES,
} from "./schema.ts";

/**
 * Validation schemas of the credit archive, derived from the Drizzle tables (one schema per
 * concept): select schemas describe what the API returns, insert/update schemas what it accepts.
 * Closed sets mirror the tables' check constraints.
 */
export const CUSTOMER_TIERS = ["core", "general"] as const;
export const CUSTOMER_STATUSES = ["prospect", "active", "inactive", "closed"] as const;
export const COMPANY_TYPES = ["public_manufacturer", "private_manufacturer", "non_manufacturer"] as const;
/** Same set as `IDENTIFIER_TYPES` in @creditdesk/core/identifiers (the check constraint's list). */
export const CUSTOMER_IDENTIFIER_TYPES = ["uscc", "duns", "lei", "vat", "other"] as const;
export const DEFAULT_KINDS = ["past_due_90", "write_off", "insolvency"] as const;
export { EXTERNAL_EVENT_TYPES, SEVERITIES };

const customerRefinements = {
  code: () => nonEmptyText.max(64),
  legalName: () => nonEmptyText.max(500),
  otherNames: () => z.array(nonEmptyText.max(500)).max(50),
  countryCode: () => z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CN"),
  foundedOn: () => isoDate,
  registeredCapitalMinor: () => moneyMinor.nonnegative(),
  registeredCapitalCurrency: () => currencyCode,
  employees: (s: z.ZodNumber) => s.nonnegative(),
  tier: () => z.enum(CUSTOMER_TIERS),
  companyType: () => z.enum(COMPANY_TYPES),
  defaultCurrency: () => currencyCode,
  paymentTermsDays: () => z.number().int().min(0).max(720),
  status: () => z.enum(CUSTOMER_STATUSES),
  registeredAddress: () => nonEmptyText.max(500),
  phone: () => nonEmptyText.max(64),
  email: () => z.email("must be an e-mail address"),
  bankName: () => nonEmptyText.max(200),
  bankAccounts: () => z.array(nonEmptyText.max(64)).max(20),
};

export const customerIdentifierInput = createInsertSchema(customerIdentifiers, {
  type: () => z.enum(CUSTOMER_IDENTIFIER_TYPES),
  value: () => nonEmptyText.max(64),
  verifiedOn: () => isoDate,
}).omit({ id: true, customerId: true });
export const customerIdentifierSelect = createSelectSchema(customerIdentifiers, {
  type: () => z.enum(CUSTOMER_IDENTIFIER_TYPES),
}).omit({ id: true, customerId: true });

const identifiersInput = z.array(customerIdentifierInput).max(CUSTOMER_IDENTIFIER_TYPES.length);

export const customerInsert = createInsertSchema(customers, customerRefinements)
  .omit(SERVER_FIELDS)
  .extend({ identifiers: identifiersInput.optional() });
/** PATCH: any subset; `identifiers`, when given, replaces the whole set. */
export const customerUpdate = createUpdateSchema(customers, customerRefinements)
  .omit(SERVER_FIELDS)
  .extend({ identifiers: identifiersInput.optional() });
export const customerSelect = createSelectSchema(customers, {
  tier: () => z.enum(CUSTOMER_TIERS),
  companyType: () => z.enum(COMPANY_TYPES),
  status: () => z.enum(CUSTOMER_STATUSES),
}).extend({ identifiers: z.array(customerIdentifierSelect) });

const contactRefinements = {
  name: () => nonEmptyText.max(200),
  email: () => z.email("must be an e-mail address"),
};
export const contactInsert = createInsertSchema(contacts, contactRefinements).omit(SERVER_FIELDS);
export const contactUpdate = createUpdateSchema(contacts, contactRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const contactSelect = createSelectSchema(contacts);

const statementMoney = () => moneyMinor;
const statementRefinements = {
  periodEnd: () => isoDate,
  periodMonths: () => z.number().int().min(1).max(12),
  currency: () => currencyCode,
  cash: statementMoney,
  receivables: statementMoney,
  inventory: statementMoney,
  currentAssets: statementMoney,
  totalAssets: statementMoney,
  intangibleAssets: statementMoney,
  currentLiabilities: statementMoney,
  totalLiabilities: statementMoney,
  equity: statementMoney,
  retainedEarnings: statementMoney,
  revenue: statementMoney,
  costOfSales: statementMoney,
  ebit: statementMoney,
  interestExpense: statementMoney,
  netIncome: statementMoney,
  operatingCashFlow: statementMoney,
  marketValueEquity: statementMoney,
};
export const financialStatementInsert = createInsertSchema(financialStatements, statementRefinements).omit(
  SERVER_FIELDS,
);
export const financialStatementUpdate = createUpdateSchema(financialStatements, statementRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const financialStatementSelect = createSelectSchema(financialStatements);

const ratingRefinements = {
  agency: () => nonEmptyText.max(100),
  rating: () => nonEmptyText.max(20),
  ratedOn: () => isoDate,
};
export const externalRatingInsert = createInsertSchema(externalRatings, ratingRefinements).omit(
  SERVER_FIELDS,
);
export const externalRatingUpdate = createUpdateSchema(externalRatings, ratingRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const externalRatingSelect = createSelectSchema(externalRatings);

const eventRefinements = {
  reference: () => nonEmptyText.max(200),
  type: () => z.enum(EXTERNAL_EVENT_TYPES),
  occurredOn: () => isoDate,
  severity: () => z.enum(SEVERITIES),
  source: () => nonEmptyText.max(100),
  amountMinor: () => moneyMinor,
  currency: () => currencyCode,
  details: () => z.record(z.string(), z.unknown()),
};
export const externalEventInsert = createInsertSchema(externalEvents, eventRefinements).omit(SERVER_FIELDS);
export const externalEventUpdate = createUpdateSchema(externalEvents, eventRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const externalEventSelect = createSelectSchema(externalEvents, {
  type: () => z.enum(EXTERNAL_EVENT_TYPES),
  severity: () => z.enum(SEVERITIES),
  details: () => z.record(z.string(), z.unknown()).nullable(),
});

const complaintRefinements = {
  reference: () => nonEmptyText.max(200),
  receivedOn: () => isoDate,
  severity: () => z.enum(SEVERITIES),
  resolvedOn: () => isoDate,
};
export const complaintInsert = createInsertSchema(complaints, complaintRefinements).omit(SERVER_FIELDS);
export const complaintUpdate = createUpdateSchema(complaints, complaintRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const complaintSelect = createSelectSchema(complaints, { severity: () => z.enum(SEVERITIES) });

const defaultRefinements = {
  defaultedOn: () => isoDate,
  kind: () => z.enum(DEFAULT_KINDS),
  source: () => nonEmptyText.max(100),
};
export const customerDefaultInsert = createInsertSchema(customerDefaults, defaultRefinements).omit(
  SERVER_FIELDS,
);
export const customerDefaultUpdate = createUpdateSchema(customerDefaults, defaultRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const customerDefaultSelect = createSelectSchema(customerDefaults, {
  kind: () => z.enum(DEFAULT_KINDS),
});

export { positiveMoneyMinor };
export type CustomerInsert = z.infer<typeof customerInsert>;
export type CustomerUpdate = z.infer<typeof customerUpdate>;
export type CustomerIdentifierInput = z.infer<typeof customerIdentifierInput>;
