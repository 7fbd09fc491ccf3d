import type { DemoCustomerBundle } from "@creditdesk/core/demo";
import type { CsvValue } from "@creditdesk/db";
import {
  complaints,
  contacts,
  creditNotes,
  customerDefaults,
  customerIdentifiers,
  customers,
  disputes,
  externalEvents,
  externalRatings,
  financialStatements,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import type { PgTable } from "drizzle-orm/pg-core";

/** Ids of one customer's rows, as assigned by the writer. */
export interface BundleIds {
  customerId: number;
  /** First id of the customer's invoices / payments (they are numbered consecutively). */
  firstInvoiceId: number;
  firstPaymentId: number;
}

/**
 * How each table is written: its Drizzle table, the COPY column list (snake_case, in order) and
 * the rows of one customer bundle as CSV values. Listed in foreign-key order (parents first), the
 * order in which batches are copied.
 */
export interface DemoTable {
  readonly key: DemoTableKey;
  readonly table: PgTable;
  readonly sqlName: string;
  readonly columns: readonly string[];
  rows(bundle: DemoCustomerBundle, ids: BundleIds): Iterable<CsvValue[]>;
}

export const DEMO_TABLE_KEYS = [
  "customers",
  "identifiers",
  "contacts",
  "statements",
  "ratings",
  "events",
  "complaints",
  "defaults",
  "orders",
  "invoices",
  "payments",
  "allocations",
  "creditNotes",
  "disputes",
] as const;
export type DemoTableKey = (typeof DEMO_TABLE_KEYS)[number];

export const DEMO_TABLES: readonly DemoTable[] = [
  {
    key: "customers",
    table: customers,
    sqlName: "customers",
    columns: [
      "id",
      "code",
      "legal_name",
      "industry",
      "region",
      "country_code",
      "founded_on",
      "registered_capital_minor",
      "registered_capital_currency",
      "employees",
      "business_scope",
      "tier",
      "company_type",
      "sales_owner",
      "parent_code",
      "default_currency",
      "payment_terms_days",
      "status",
    ],
    *rows(b, ids) {
      const c = b.customer;
      yield [
        ids.customerId,
        c.code,
        c.legalName,
        c.industry,
        c.region,
        c.countryCode,
        c.foundedOn,
        c.registeredCapitalMinor,
        c.registeredCapitalCurrency,
        c.employees,
        c.businessScope,
        c.tier,
        c.companyType,
        c.salesOwner,
        c.parentCode,
        c.defaultCurrency,
        c.paymentTermsDays,
        c.status,
      ];
    },
  },
  {
    key: "identifiers",
    table: customerIdentifiers,
    sqlName: "customer_identifiers",
    columns: ["customer_id", "type", "value", "verified_on"],
    *rows(b, ids) {
      for (const r of b.identifiers) {
        yield [ids.customerId, r.type, r.value, r.verifiedOn];
      }
    },
  },
  {
    key: "contacts",
    table: contacts,
    sqlName: "contacts",
    columns: ["customer_id", "name", "title", "phone", "email", "is_primary"],
    *rows(b, ids) {
      for (const r of b.contacts) {
        yield [ids.customerId, r.name, r.title, r.phone, r.email, r.isPrimary];
      }
    },
  },
  {
    key: "statements",
    table: financialStatements,
    sqlName: "financial_statements",
    columns: [
      "customer_id",
      "period_end",
      "period_months",
      "audited",
      "currency",
      "cash",
      "receivables",
      "inventory",
      "current_assets",
      "total_assets",
      "intangible_assets",
      "current_liabilities",
      "total_liabilities",
      "equity",
      "retained_earnings",
      "revenue",
      "cost_of_sales",
      "ebit",
      "interest_expense",
      "net_income",
      "operating_cash_flow",
      "market_value_equity",
      "source",
    ],
    *rows(b, ids) {
      for (const s of b.statements) {
        yield [
          ids.customerId,
          s.periodEnd,
          s.periodMonths,
          s.audited,
          s.currency,
          s.cash,
          s.receivables,
          s.inventory,
          s.currentAssets,
          s.totalAssets,
          s.intangibleAssets,
          s.currentLiabilities,
          s.totalLiabilities,
          s.equity,
          s.retainedEarnings,
          s.revenue,
          s.costOfSales,
          s.ebit,
          s.interestExpense,
          s.netIncome,
          s.operatingCashFlow,
          s.marketValueEquity,
          s.source,
        ];
      }
    },
  },
  {
    key: "ratings",
    table: externalRatings,
    sqlName: "external_ratings",
    columns: ["customer_id", "agency", "rating", "outlook", "rated_on"],
    *rows(b, ids) {
      for (const r of b.ratings) {
        yield [ids.customerId, r.agency, r.rating, r.outlook, r.ratedOn];
      }
    },
  },
  {
    key: "events",
    table: externalEvents,
    sqlName: "external_events",
    columns: [
      "customer_id",
      "reference",
      "type",
      "occurred_on",
      "severity",
      "source",
      "description",
      "amount_minor",
      "currency",
      "details",
    ],
    *rows(b, ids) {
      for (const e of b.events) {
        yield [
          ids.customerId,
          e.reference,
          e.type,
          e.occurredOn,
          e.severity,
          e.source,
          e.description,
          e.amountMinor,
          e.currency,
          e.details === null ? null : JSON.stringify(e.details),
        ];
      }
    },
  },
  {
    key: "complaints",
    table: complaints,
    sqlName: "complaints",
    columns: [
      "customer_id",
      "reference",
      "received_on",
      "category",
      "severity",
      "description",
      "resolved_on",
    ],
    *rows(b, ids) {
      for (const c of b.complaints) {
        yield [
          ids.customerId,
          c.reference,
          c.receivedOn,
          c.category,
          c.severity,
          c.description,
          c.resolvedOn,
        ];
      }
    },
  },
  {
    key: "defaults",
    table: customerDefaults,
    sqlName: "customer_defaults",
    columns: ["customer_id", "defaulted_on", "kind", "source", "note"],
    *rows(b, ids) {
      for (const d of b.defaults) {
        yield [ids.customerId, d.defaultedOn, d.kind, d.source, d.note];
      }
    },
  },
  {
    key: "orders",
    table: salesOrders,
    sqlName: "sales_orders",
    columns: [
      "order_number",
      "customer_id",
      "ordered_on",
      "delivery_due",
      "currency",
      "ordered_minor",
      "delivered_minor",
      "invoiced_minor",
      "status",
    ],
    *rows(b, ids) {
      for (const o of b.orders) {
        yield [
          o.orderNumber,
          ids.customerId,
          o.orderedOn,
          o.deliveryDue,
          o.currency,
          o.orderedMinor,
          o.deliveredMinor,
          o.invoicedMinor,
          o.status,
        ];
      }
    },
  },
  {
    key: "invoices",
    table: invoices,
    sqlName: "invoices",
    columns: [
      "id",
      "invoice_number",
      "customer_id",
      "order_number",
      "issued_on",
      "due_on",
      "currency",
      "amount_minor",
      "status",
    ],
    *rows(b, ids) {
      let id = ids.firstInvoiceId;
      for (const i of b.invoices) {
        yield [
          id++,
          i.invoiceNumber,
          ids.customerId,
          i.orderNumber,
          i.issuedOn,
          i.dueOn,
          i.currency,
          i.amountMinor,
          i.status,
        ];
      }
    },
  },
  {
    key: "payments",
    table: payments,
    sqlName: "payments",
    columns: ["id", "reference", "customer_id", "received_on", "currency", "amount_minor", "method"],
    *rows(b, ids) {
      let id = ids.firstPaymentId;
      for (const p of b.payments) {
        yield [id++, p.reference, ids.customerId, p.receivedOn, p.currency, p.amountMinor, p.method];
      }
    },
  },
  {
    key: "allocations",
    table: paymentAllocations,
    sqlName: "payment_allocations",
    columns: ["payment_id", "invoice_id", "amount_minor"],
    *rows(b, ids) {
      for (const a of b.allocations) {
        yield [ids.firstPaymentId + a.paymentIndex, ids.firstInvoiceId + a.invoiceIndex, a.amountMinor];
      }
    },
  },
  {
    key: "creditNotes",
    table: creditNotes,
    sqlName: "credit_notes",
    columns: ["note_number", "customer_id", "invoice_id", "issued_on", "currency", "amount_minor", "reason"],
    *rows(b, ids) {
      for (const c of b.creditNotes) {
        yield [
          c.noteNumber,
          ids.customerId,
          ids.firstInvoiceId + c.invoiceIndex,
          c.issuedOn,
          c.currency,
          c.amountMinor,
          c.reason,
        ];
      }
    },
  },
  {
    key: "disputes",
    table: disputes,
    sqlName: "disputes",
    columns: [
      "reference",
      "customer_id",
      "invoice_id",
      "opened_on",
      "resolved_on",
      "currency",
      "amount_minor",
      "reason",
      "status",
    ],
    *rows(b, ids) {
      for (const d of b.disputes) {
        yield [
          d.reference,
          ids.customerId,
          ids.firstInvoiceId + d.invoiceIndex,
          d.openedOn,
          d.resolvedOn,
          d.currency,
          d.amountMinor,
          d.reason,
          d.status,
        ];
      }
    },
  },
];
