/**
 * How staged fields land in their table: the target table, its natural key (the unique index the
 * upsert uses), renamed columns, and which references are resolved set-wise by joins.
 */
export interface MergePlan {
  readonly table: string;
  /** Conflict target: columns of the unique index (after renaming; customer_id stands for customer_code). */
  readonly conflict: readonly string[];
  /** Staged field → target column when the names differ. */
  readonly rename?: Readonly<Record<string, string>>;
  /** Fields resolved by joins or handled elsewhere, never copied as columns. */
  readonly skip?: readonly string[];
  /** customer_code → customer_id by joining customers on code. */
  readonly customerRef: boolean;
  /** invoice_number → invoice_id (nullable) by joining invoices on invoice_number. */
  readonly invoiceRef: boolean;
  readonly updatedAt: boolean;
}

const amount = { amount: "amount_minor" } as const;

/** By CLI entity word (the same words as `@creditdesk/core/import`). */
export const MERGE_PLANS: Readonly<Record<string, MergePlan>> = {
  customers: {
    table: "customers",
    conflict: ["code"],
    rename: { registered_capital: "registered_capital_minor" },
    skip: ["uscc", "duns", "lei", "vat"],
    customerRef: false,
    invoiceRef: false,
    updatedAt: true,
  },
  contacts: {
    table: "contacts",
    conflict: ["customer_id", "name"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  statements: {
    table: "financial_statements",
    conflict: ["customer_id", "period_end", "period_months"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  orders: {
    table: "sales_orders",
    conflict: ["order_number"],
    rename: {
      ordered_amount: "ordered_minor",
      delivered_amount: "delivered_minor",
      invoiced_amount: "invoiced_minor",
    },
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  invoices: {
    table: "invoices",
    conflict: ["invoice_number"],
    rename: amount,
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  payments: {
    table: "payments",
    conflict: ["reference"],
    rename: { ...amount, payment_reference: "reference" },
    skip: ["invoice_number"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  "credit-notes": {
    table: "credit_notes",
    conflict: ["note_number"],
    rename: amount,
    customerRef: true,
    invoiceRef: true,
    updatedAt: true,
  },
  disputes: {
    table: "disputes",
    conflict: ["reference"],
    rename: amount,
    customerRef: true,
    invoiceRef: true,
    updatedAt: true,
  },
  complaints: {
    table: "complaints",
    conflict: ["reference"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  ratings: {
    table: "external_ratings",
    conflict: ["customer_id", "agency", "rated_on"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  events: {
    table: "external_events",
    conflict: ["source", "reference"],
    rename: amount,
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
  "fx-rates": {
    table: "fx_rates",
    conflict: ["rate_date", "from_currency", "to_currency"],
    customerRef: false,
    invoiceRef: false,
    updatedAt: false,
  },
  defaults: {
    table: "customer_defaults",
    conflict: ["customer_id", "defaulted_on"],
    customerRef: true,
    invoiceRef: false,
    updatedAt: true,
  },
};

export function mergePlan(entity: string): MergePlan {
  const plan = MERGE_PLANS[entity];
  if (!plan) {
    throw new Error(`no merge plan for entity ${entity}`);
  }
  return plan;
}
