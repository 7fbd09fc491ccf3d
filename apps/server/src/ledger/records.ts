import type { DatabaseHandle } from "@creditdesk/db";
import {
  creditNoteInsert,
  creditNoteSelect,
  creditNoteUpdate,
  DISPUTE_STATUSES,
  disputeInsert,
  disputeSelect,
  disputeUpdate,
  SALES_ORDER_STATUSES,
  salesOrderInsert,
  salesOrderSelect,
  salesOrderUpdate,
} from "@creditdesk/db/ledger";
import { creditNoteRecords, disputeRecords, salesOrderRecords } from "@creditdesk/lib/ledger";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { dateQuery, idQuery } from "../shared/list-query.ts";
import { registerRecordRoutes } from "../shared/record-routes.ts";

/** Sales orders, credit notes and disputes. */
export function registerLedgerRecordRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  registerRecordRoutes(app, {
    handle,
    path: "/sales-orders",
    tag: "Ledger: sales orders",
    useCases: salesOrderRecords,
    defaultSort: "-orderedOn",
    select: salesOrderSelect.meta({ id: "SalesOrder" }),
    insert: salesOrderInsert.meta({ id: "SalesOrderCreate" }),
    update: salesOrderUpdate.meta({ id: "SalesOrderUpdate" }),
    filters: {
      customerId: idQuery(),
      status: z.enum(SALES_ORDER_STATUSES).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
      orderedFrom: dateQuery(),
      orderedTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/credit-notes",
    tag: "Ledger: credit notes",
    useCases: creditNoteRecords,
    defaultSort: "-issuedOn",
    select: creditNoteSelect.meta({ id: "CreditNote" }),
    insert: creditNoteInsert.meta({ id: "CreditNoteCreate" }),
    update: creditNoteUpdate.meta({ id: "CreditNoteUpdate" }),
    filters: {
      customerId: idQuery(),
      invoiceId: idQuery(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
      issuedFrom: dateQuery(),
      issuedTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/disputes",
    tag: "Ledger: disputes",
    useCases: disputeRecords,
    defaultSort: "-openedOn",
    select: disputeSelect.meta({ id: "Dispute" }),
    insert: disputeInsert.meta({ id: "DisputeCreate" }),
    update: disputeUpdate.meta({ id: "DisputeUpdate" }),
    filters: {
      customerId: idQuery(),
      invoiceId: idQuery(),
      status: z.enum(DISPUTE_STATUSES).optional(),
      openedFrom: dateQuery(),
      openedTo: dateQuery(),
    },
  });
}
