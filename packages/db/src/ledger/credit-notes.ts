import type { ResourceTable } from "../archive/resource-table.ts";
import { creditNotes } from "./schema.ts";

/** Credit notes, optionally against one invoice (they reduce its open amount). */
export const CREDIT_NOTE_SORTS = ["issuedOn", "noteNumber", "amountMinor", "createdAt", "id"] as const;
export const CREDIT_NOTE_FILTERS = ["customerId", "invoiceId", "currency", "issuedFrom", "issuedTo"] as const;
export const creditNoteResource: ResourceTable<
  typeof creditNotes,
  (typeof CREDIT_NOTE_SORTS)[number],
  (typeof CREDIT_NOTE_FILTERS)[number]
> = {
  table: creditNotes,
  sorts: {
    issuedOn: creditNotes.issuedOn,
    noteNumber: creditNotes.noteNumber,
    amountMinor: creditNotes.amountMinor,
    createdAt: creditNotes.createdAt,
    id: creditNotes.id,
  },
  filters: {
    customerId: { column: creditNotes.customerId, op: "eq" },
    invoiceId: { column: creditNotes.invoiceId, op: "eq" },
    currency: { column: creditNotes.currency, op: "eq" },
    issuedFrom: { column: creditNotes.issuedOn, op: "gte" },
    issuedTo: { column: creditNotes.issuedOn, op: "lte" },
  },
};
