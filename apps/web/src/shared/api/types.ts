/**
 * Shapes the workbench reads from the CreditDesk HTTP API (see `/openapi.json`). They mirror the
 * select schemas in `packages/db/src/*\/validation.ts`; dates are ISO "YYYY-MM-DD" strings and
 * money is integer minor units plus an ISO 4217 code.
 */

/** Cursor-paginated list response. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CustomerIdentifier {
  type: string;
  value: string;
  verifiedOn: string | null;
}

export interface Customer {
  id: number;
  code: string;
  legalName: string;
  otherNames: string[];
  industry: string | null;
  region: string | null;
  countryCode: string;
  foundedOn: string | null;
  registeredCapitalMinor: number | null;
  registeredCapitalCurrency: string | null;
  employees: number | null;
  businessScope: string | null;
  registeredAddress: string | null;
  phone: string | null;
  email: string | null;
  bankName: string | null;
  bankAccounts: string[];
  tier: string;
  companyType: string;
  salesOwner: string | null;
  parentCode: string | null;
  defaultCurrency: string;
  paymentTermsDays: number;
  status: string;
  identifiers: CustomerIdentifier[];
  createdAt?: string;
  updatedAt?: string;
}

export interface Contact {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

/** Statement lines in minor units of `currency`; null = line not reported. */
export const STATEMENT_LINES = [
  "cash",
  "receivables",
  "inventory",
  "currentAssets",
  "totalAssets",
  "intangibleAssets",
  "currentLiabilities",
  "totalLiabilities",
  "equity",
  "retainedEarnings",
  "revenue",
  "costOfSales",
  "ebit",
  "interestExpense",
  "netIncome",
  "operatingCashFlow",
  "marketValueEquity",
] as const;
export type StatementLine = (typeof STATEMENT_LINES)[number];

export type FinancialStatement = {
  id: number;
  periodEnd: string;
  periodMonths: number;
  audited: boolean;
  currency: string;
  source: string | null;
} & { [K in StatementLine]: number | null };

export interface SalesOrder {
  id: number;
  orderNumber: string;
  orderedOn: string;
  deliveryDue: string | null;
  currency: string;
  orderedMinor: number;
  deliveredMinor: number;
  invoicedMinor: number;
  status: string;
}

export interface Invoice {
  id: number;
  invoiceNumber: string;
  orderNumber: string | null;
  issuedOn: string;
  dueOn: string;
  currency: string;
  amountMinor: number;
  status: string;
  /** Present when the API reports what is still open on the invoice. */
  openMinor?: number | null;
  paidMinor?: number | null;
}

export interface Payment {
  id: number;
  reference: string;
  receivedOn: string;
  currency: string;
  amountMinor: number;
  method: string | null;
}

export interface CreditNote {
  id: number;
  noteNumber: string;
  invoiceId: number | null;
  issuedOn: string;
  currency: string;
  amountMinor: number;
  reason: string | null;
}

export interface Dispute {
  id: number;
  reference: string;
  invoiceId: number | null;
  openedOn: string;
  resolvedOn: string | null;
  currency: string;
  amountMinor: number;
  reason: string | null;
  status: string;
}

export interface Complaint {
  id: number;
  reference: string;
  receivedOn: string;
  category: string | null;
  severity: string;
  description: string | null;
  resolvedOn: string | null;
}

export interface ExternalRating {
  id: number;
  agency: string;
  rating: string;
  outlook: string | null;
  ratedOn: string;
}

export interface ExternalEvent {
  id: number;
  reference: string;
  type: string;
  occurredOn: string;
  severity: string;
  source: string;
  description: string | null;
  amountMinor: number | null;
  currency: string | null;
}
