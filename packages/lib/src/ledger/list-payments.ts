import type { DatabaseHandle } from "@creditdesk/db";
import {
  listPayments as listPaymentRows,
  PAYMENT_SORTS,
  type Payment,
  type PaymentFilter,
} from "@creditdesk/db/ledger";
import type { Page } from "../shared/list.ts";
import { type ListParams, paginate } from "../shared/paginate.ts";

/** Payments page by page (default: newest first), allocations included (one query per page). */
export function listPayments(options: {
  handle: DatabaseHandle;
  filters?: Partial<Record<PaymentFilter, unknown>> | undefined;
  params: ListParams;
}): Promise<Page<Payment>> {
  return paginate(options.params, {
    sorts: PAYMENT_SORTS,
    defaultSort: "-receivedOn",
    fetch: (request) => listPaymentRows(options.handle.db, { ...request, filters: options.filters }),
  });
}
