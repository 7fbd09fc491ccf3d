import { type DatabaseHandle, invoices } from "@creditdesk/db";
import { insertRow } from "@creditdesk/db/archive";
import { findInvoice, type Invoice, type InvoiceInsert } from "@creditdesk/db/ledger";

/** Records an invoice (409 on a duplicate invoice number, 400 naming customerId if unknown). */
export async function createInvoice(options: {
  handle: DatabaseHandle;
  input: InvoiceInsert;
}): Promise<Invoice> {
  const row = await insertRow(options.handle.db, invoices, options.input);
  return (await findInvoice(options.handle.db, row.id)) as Invoice;
}
