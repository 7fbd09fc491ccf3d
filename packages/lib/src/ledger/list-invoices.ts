import type { DatabaseHandle } from "@creditdesk/db";
import {
  INVOICE_SORTS,
  type Invoice,
  type InvoiceFilter,
  listInvoices as listInvoiceRows,
} from "@creditdesk/db/ledger";
import type { Page } from "../shared/list.ts";
import { type ListParams, paginate } from "../shared/paginate.ts";

/** Invoices page by page (default order: due date, then id), each with its open amount. */
export function listInvoices(options: {
  handle: DatabaseHandle;
  filters?: Partial<Record<InvoiceFilter, unknown>> | undefined;
  params: ListParams;
}): Promise<Page<Invoice>> {
  return paginate(options.params, {
    sorts: INVOICE_SORTS,
    defaultSort: "dueOn",
    fetch: (request) => listInvoiceRows(options.handle.db, { ...request, filters: options.filters }),
  });
}
