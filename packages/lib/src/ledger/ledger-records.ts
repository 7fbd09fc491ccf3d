import {
  CREDIT_NOTE_FILTERS,
  CREDIT_NOTE_SORTS,
  creditNoteResource,
  DISPUTE_FILTERS,
  DISPUTE_SORTS,
  disputeResource,
  SALES_ORDER_FILTERS,
  SALES_ORDER_SORTS,
  salesOrderResource,
} from "@creditdesk/db/ledger";
import { recordUseCases } from "../shared/records.ts";

/** Plain ledger records: list/get/create/update with the generic record use cases. */
export const salesOrderRecords = recordUseCases({
  name: "sales order",
  resource: salesOrderResource,
  sorts: SALES_ORDER_SORTS,
  filters: SALES_ORDER_FILTERS,
  defaultSort: "-orderedOn",
});
export const creditNoteRecords = recordUseCases({
  name: "credit note",
  resource: creditNoteResource,
  sorts: CREDIT_NOTE_SORTS,
  filters: CREDIT_NOTE_FILTERS,
  defaultSort: "-issuedOn",
});
export const disputeRecords = recordUseCases({
  name: "dispute",
  resource: disputeResource,
  sorts: DISPUTE_SORTS,
  filters: DISPUTE_FILTERS,
  defaultSort: "-openedOn",
});
