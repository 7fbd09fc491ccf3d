import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { currency, id, money, timestamps } from "../shared/columns.ts";

const customerRef = () =>
  bigint({ mode: "number" })
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/** The receivables ledger: orders, invoices, payments with allocations, credit notes, disputes. */
export const salesOrders = pgTable(
  "sales_orders",
  {
    id: id(),
    orderNumber: text().notNull(),
    customerId: customerRef(),
    orderedOn: date({ mode: "string" }).notNull(),
    /** When the goods are due to ship (credit horizon of dynamic checks). */
    deliveryDue: date({ mode: "string" }),
    currency: currency().notNull(),
    orderedMinor: money().notNull(),
    deliveredMinor: money().notNull().default(0),
    invoicedMinor: money().notNull().default(0),
    status: text().notNull().default("open"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("sales_orders_number_uq").on(t.orderNumber),
    index("sales_orders_customer_idx").on(t.customerId, t.status),
    check(
      "sales_orders_status_ck",
      sql`${t.status} in ('open', 'partially_delivered', 'delivered', 'invoiced', 'closed', 'cancelled')`,
    ),
    check(
      "sales_orders_amounts_ck",
      sql`${t.orderedMinor} >= 0 and ${t.deliveredMinor} >= 0 and ${t.invoicedMinor} >= 0`,
    ),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    invoiceNumber: text().notNull(),
    customerId: customerRef(),
    orderNumber: text(),
    issuedOn: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    status: text().notNull().default("open"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("invoices_number_uq").on(t.invoiceNumber),
    index("invoices_customer_due_idx").on(t.customerId, t.dueOn),
    check("invoices_status_ck", sql`${t.status} in ('open', 'paid', 'written_off', 'cancelled')`),
    check("invoices_dates_ck", sql`${t.dueOn} >= ${t.issuedOn}`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: id(),
    /** Bank or ERP reference (回款单号). */
    reference: text().notNull(),
    customerId: customerRef(),
    receivedOn: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    method: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("payments_reference_uq").on(t.reference),
    index("payments_customer_idx").on(t.customerId, t.receivedOn),
    check("payments_amount_ck", sql`${t.amountMinor} > 0`),
  ],
);

/** A payment settles one or more invoices, possibly partly (amount in the payment currency). */
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    id: id(),
    paymentId: bigint({ mode: "number" })
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    invoiceId: bigint({ mode: "number" })
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    amountMinor: money().notNull(),
  },
  (t) => [
    uniqueIndex("payment_allocations_uq").on(t.paymentId, t.invoiceId),
    index("payment_allocations_invoice_idx").on(t.invoiceId),
    check("payment_allocations_amount_ck", sql`${t.amountMinor} > 0`),
  ],
);

export const creditNotes = pgTable(
  "credit_notes",
  {
    id: id(),
    noteNumber: text().notNull(),
    customerId: customerRef(),
    invoiceId: bigint({ mode: "number" }).references(() => invoices.id, { onDelete: "set null" }),
    issuedOn: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    reason: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("credit_notes_number_uq").on(t.noteNumber),
    index("credit_notes_invoice_idx").on(t.invoiceId),
    check("credit_notes_amount_ck", sql`${t.amountMinor} > 0`),
  ],
);

export const disputes = pgTable(
  "disputes",
  {
    id: id(),
    reference: text().notNull(),
    customerId: customerRef(),
    invoiceId: bigint({ mode: "number" }).references(() => invoices.id, { onDelete: "set null" }),
    openedOn: date({ mode: "string" }).notNull(),
    resolvedOn: date({ mode: "string" }),
    currency: currency().notNull(),
    amountMinor: money().notNull(),
    reason: text(),
    status: text().notNull().default("open"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("disputes_reference_uq").on(t.reference),
    index("disputes_customer_idx").on(t.customerId),
    check("disputes_status_ck", sql`${t.status} in ('open', 'resolved', 'rejected')`),
  ],
);
