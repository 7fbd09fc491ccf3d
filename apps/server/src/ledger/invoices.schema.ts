import {
  INVOICE_SORTS,
  INVOICE_STATUSES,
  invoiceInsert,
  invoiceSelect,
  invoiceUpdate,
} from "@creditdesk/db/ledger";
import { z } from "zod";
import { dateQuery, idQuery, listQuery, pageOf } from "../shared/list-query.ts";

export const INVOICES_TAG = "Ledger: invoices";
export const invoiceSchema = invoiceSelect.meta({ id: "Invoice" });
export const createInvoiceBody = invoiceInsert.meta({ id: "InvoiceCreate" });
export const updateInvoiceBody = invoiceUpdate.meta({ id: "InvoiceUpdate" });

export const listInvoicesQuery = listQuery({
  sorts: INVOICE_SORTS,
  defaultSort: "dueOn",
  filters: {
    customerId: idQuery(),
    status: z.enum(INVOICE_STATUSES).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    orderNumber: z.string().optional(),
    dueFrom: dateQuery().describe("due on or after"),
    dueTo: dateQuery().describe("due on or before"),
    issuedFrom: dateQuery(),
    issuedTo: dateQuery(),
  },
});
export const invoicePage = pageOf(invoiceSchema);
