import type { DatabaseHandle } from "@creditdesk/db";
import {
  CUSTOMER_SORTS,
  type Customer,
  type CustomerFilter,
  listCustomers as listCustomerRows,
} from "@creditdesk/db/archive";
import type { Page } from "../shared/list.ts";
import { type ListParams, paginate } from "../shared/paginate.ts";

export interface ListCustomersOptions {
  handle: DatabaseHandle;
  /** Free text: code, legal name, other names, identifier values. */
  q?: string | undefined;
  filters?: Partial<Record<CustomerFilter, unknown>> | undefined;
  params: ListParams;
}

/** Customers page by page (default order: code), identifiers included. */
export function listCustomers(options: ListCustomersOptions): Promise<Page<Customer>> {
  return paginate(options.params, {
    sorts: CUSTOMER_SORTS,
    defaultSort: "code",
    fetch: (request) =>
      listCustomerRows(options.handle.db, { ...request, q: options.q, filters: options.filters }),
  });
}
