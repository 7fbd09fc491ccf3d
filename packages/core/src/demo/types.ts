/**
 * Rows of one demo customer, shaped like the database tables (camelCase columns, ISO dates,
 * integer minor units) but without surrogate ids: references inside a customer are positions in
 * the bundle's own arrays (`invoiceIndex` = index into `invoices`), which the writer turns into ids.
 */
export const DEFAULT_KINDS = ["past_due_90", "write_off", "insolvency"] as const;
export type DefaultKind = (typeof DEFAULT_KINDS)[number];

export const COMPANY_TYPES = ["public_manufacturer", "private_manufacturer", "non_manufacturer"] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

export interface DemoCustomerRow {
  code: string;
  legalName: string;
  industry: string;
  region: string;
  countryCode: string;
  foundedOn: string;
  registeredCapitalMinor: number;
  registeredCapitalCurrency: string;
  employees: number;
  businessScope: string;
  tier: "core" | "general";
  companyType: CompanyType;
  salesOwner: string;
  parentCode: string | null;
  defaultCurrency: string;
  paymentTermsDays: number;
  status: "active" | "inactive" | "closed";
}

export interface DemoIdentifierRow {
  type: "uscc" | "duns" | "lei" | "vat";
  value: string;
  verifiedOn: string | null;
}

export interface DemoContactRow {
  name: string;
  title: string;
  phone: string;
  email: string;
  isPrimary: boolean;
}

export interface DemoStatementRow {
  periodEnd: string;
  periodMonths: 6 | 12;
  audited: boolean;
  currency: string;
  cash: number;
  receivables: number;
  inventory: number;
  currentAssets: number;
  totalAssets: number;
  intangibleAssets: number;
  currentLiabilities: number;
  totalLiabilities: number;
  equity: number;
  retainedEarnings: number;
  revenue: number;
  costOfSales: number;
  ebit: number;
  interestExpense: number;
  netIncome: number;
  operatingCashFlow: number;
  marketValueEquity: number | null;
  source: string;
}

export interface DemoRatingRow {
  agency: string;
  rating: string;
  outlook: "positive" | "stable" | "negative";
  ratedOn: string;
}

export interface DemoEventRow {
  reference: string;
  type:
    | "lawsuit"
    | "enforcement"
    | "management_change"
    | "legal_rep_change"
    | "address_change"
    | "rating_change"
    | "bankruptcy"
    | "tax_violation";
  occurredOn: string;
  severity: "low" | "medium" | "high" | "critical";
  source: string;
  description: string;
  amountMinor: number | null;
  currency: string | null;
  /** Serialised to jsonb. */
  details: Record<string, string | number> | null;
}

export interface DemoComplaintRow {
  reference: string;
  receivedOn: string;
  category: "quality" | "delivery" | "billing" | "service";
  severity: "low" | "medium" | "high";
  description: string;
  resolvedOn: string | null;
}

export interface DemoDefaultRow {
  defaultedOn: string;
  kind: DefaultKind;
  source: "demo";
  note: string;
}

export interface DemoOrderRow {
  orderNumber: string;
  orderedOn: string;
  deliveryDue: string;
  currency: string;
  orderedMinor: number;
  deliveredMinor: number;
  invoicedMinor: number;
  status: "open" | "partially_delivered" | "delivered" | "invoiced" | "cancelled";
}

export interface DemoInvoiceRow {
  invoiceNumber: string;
  orderNumber: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  amountMinor: number;
  status: "open" | "paid" | "written_off";
}

export interface DemoPaymentRow {
  reference: string;
  receivedOn: string;
  currency: string;
  amountMinor: number;
  method: "bank_transfer" | "bank_acceptance_bill" | "commercial_acceptance_bill";
}

export interface DemoAllocationRow {
  paymentIndex: number;
  invoiceIndex: number;
  amountMinor: number;
}

export interface DemoCreditNoteRow {
  noteNumber: string;
  invoiceIndex: number;
  issuedOn: string;
  currency: string;
  amountMinor: number;
  reason: "return" | "price_adjustment" | "quality_discount" | "dispute_settlement";
}

export interface DemoDisputeRow {
  reference: string;
  invoiceIndex: number;
  openedOn: string;
  resolvedOn: string | null;
  currency: string;
  amountMinor: number;
  reason: "quality" | "quantity" | "price" | "delivery";
  status: "open" | "resolved" | "rejected";
}

/** Everything generated for one customer (its 0-based position in the portfolio is `index`). */
export interface DemoCustomerBundle {
  index: number;
  customer: DemoCustomerRow;
  identifiers: DemoIdentifierRow[];
  contacts: DemoContactRow[];
  statements: DemoStatementRow[];
  ratings: DemoRatingRow[];
  events: DemoEventRow[];
  complaints: DemoComplaintRow[];
  defaults: DemoDefaultRow[];
  orders: DemoOrderRow[];
  invoices: DemoInvoiceRow[];
  payments: DemoPaymentRow[];
  allocations: DemoAllocationRow[];
  creditNotes: DemoCreditNoteRow[];
  disputes: DemoDisputeRow[];
  /**
   * The hidden truth, for tests and benchmarks only (never written): latent monthly health
   * (1 = sound, 0 = failed) from the first simulated month, and the default day if any (even
   * after as-of, when it is not recorded).
   */
  latent: {
    firstMonth: string;
    health: number[];
    defaultDay: string | null;
    showcase: string | null;
  };
}

export interface DemoFxRateRow {
  rateDate: string;
  fromCurrency: string;
  toCurrency: "CNY";
  /** Exact decimal text (numeric(20,10)). */
  rate: string;
  source: "demo";
}
