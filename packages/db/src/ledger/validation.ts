import { createInsertSchema, createSelectSchema, createUpdateSchema } from "drizzle-zod";
import { z } from "zod";
import {
  currencyCode,
  isoDate,
  nonEmptyText,
  nonNegativeMoneyMinor,
  positiveMoneyMinor,
  SERVER_FIELDS,
} from "../archive/refinements.ts";
import { creditNotes, disputes, invoices, paymentAllocations, payments, salesOrders } from "./schema.ts";

/**
 * Validation schemas of the receivables ledger, derived from the Drizzle tables. Money is integer
 * minor units (`…Minor`) in the row's `currency`; closed sets mirror the check constraints.
 */
export const SALES_ORDER_STATUSES = [
  "open",
  "partially_delivered",
  "delivered",
  "invoiced",
  "closed",
  "cancelled",
] as const;
export const INVOICE_STATUSES = ["open", "paid", "written_off", "cancelled"] as const;
export const DISPUTE_STATUSES = ["open", "resolved", "rejected"] as const;

const orderRefinements = {
  orderNumber: () => nonEmptyText.max(100),
  orderedOn: () => isoDate,
  deliveryDue: () => isoDate,
  currency: () => currencyCode,
  orderedMinor: () => nonNegativeMoneyMinor,
  deliveredMinor: () => nonNegativeMoneyMinor,
  invoicedMinor: () => nonNegativeMoneyMinor,
  status: () => z.enum(SALES_ORDER_STATUSES),
};
export const salesOrderInsert = createInsertSchema(salesOrders, orderRefinements).omit(SERVER_FIELDS);
export const salesOrderUpdate = createUpdateSchema(salesOrders, orderRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const salesOrderSelect = createSelectSchema(salesOrders, {
  status: () => z.enum(SALES_ORDER_STATUSES),
});

const invoiceRefinements = {
  invoiceNumber: () => nonEmptyText.max(100),
  issuedOn: () => isoDate,
  dueOn: () => isoDate,
  currency: () => currencyCode,
  amountMinor: () => positiveMoneyMinor,
  status: () => z.enum(INVOICE_STATUSES),
};
const dueNotBeforeIssue = {
  check: (v: { issuedOn?: string | undefined; dueOn?: string | undefined }) =>
    !v.issuedOn || !v.dueOn || v.dueOn >= v.issuedOn,
  params: { message: "must not be before issuedOn", path: ["dueOn"] },
};
export const invoiceInsert = createInsertSchema(invoices, invoiceRefinements)
  .omit(SERVER_FIELDS)
  .refine(dueNotBeforeIssue.check, dueNotBeforeIssue.params);
export const invoiceUpdate = createUpdateSchema(invoices, invoiceRefinements)
  .omit({ ...SERVER_FIELDS, customerId: true })
  .refine(dueNotBeforeIssue.check, dueNotBeforeIssue.params);
/** An invoice as the API returns it: the row plus what is settled and what remains open. */
export const invoiceSelect = createSelectSchema(invoices, { status: () => z.enum(INVOICE_STATUSES) }).extend({
  allocatedMinor: z.number().int().describe("sum of payment allocations to this invoice"),
  creditedMinor: z.number().int().describe("sum of credit notes issued against this invoice"),
  openMinor: z.number().int().describe("amountMinor − allocatedMinor − creditedMinor"),
});

const paymentRefinements = {
  reference: () => nonEmptyText.max(100),
  receivedOn: () => isoDate,
  currency: () => currencyCode,
  amountMinor: () => positiveMoneyMinor,
};
export const paymentAllocationInput = createInsertSchema(paymentAllocations, {
  amountMinor: () => positiveMoneyMinor,
}).omit({ id: true, paymentId: true });
export const paymentAllocationSelect = createSelectSchema(paymentAllocations);
export const paymentInsert = createInsertSchema(payments, paymentRefinements)
  .omit(SERVER_FIELDS)
  .extend({ allocations: z.array(paymentAllocationInput).max(1000).optional() });
/** Amount and currency are fixed once allocations may exist; reference, date and method can change. */
export const paymentUpdate = createUpdateSchema(payments, paymentRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
  currency: true,
  amountMinor: true,
});
export const paymentSelect = createSelectSchema(payments).extend({
  allocatedMinor: z.number().int(),
  unallocatedMinor: z.number().int(),
  allocations: z.array(paymentAllocationSelect.omit({ paymentId: true })),
});

const creditNoteRefinements = {
  noteNumber: () => nonEmptyText.max(100),
  issuedOn: () => isoDate,
  currency: () => currencyCode,
  amountMinor: () => positiveMoneyMinor,
};
export const creditNoteInsert = createInsertSchema(creditNotes, creditNoteRefinements).omit(SERVER_FIELDS);
export const creditNoteUpdate = createUpdateSchema(creditNotes, creditNoteRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const creditNoteSelect = createSelectSchema(creditNotes);

const disputeRefinements = {
  reference: () => nonEmptyText.max(100),
  openedOn: () => isoDate,
  resolvedOn: () => isoDate,
  currency: () => currencyCode,
  amountMinor: () => nonNegativeMoneyMinor,
  status: () => z.enum(DISPUTE_STATUSES),
};
export const disputeInsert = createInsertSchema(disputes, disputeRefinements).omit(SERVER_FIELDS);
export const disputeUpdate = createUpdateSchema(disputes, disputeRefinements).omit({
  ...SERVER_FIELDS,
  customerId: true,
});
export const disputeSelect = createSelectSchema(disputes, { status: () => z.enum(DISPUTE_STATUSES) });

export type InvoiceInsert = z.infer<typeof invoiceInsert>;
export type PaymentInsert = z.infer<typeof paymentInsert>;
export type PaymentAllocationInput = z.infer<typeof paymentAllocationInput>;
