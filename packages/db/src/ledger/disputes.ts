import type { ResourceTable } from "../archive/resource-table.ts";
import { disputes } from "./schema.ts";

/** Disputed amounts (excluded from collection pressure while open). */
export const DISPUTE_SORTS = ["openedOn", "amountMinor", "createdAt", "id"] as const;
export const DISPUTE_FILTERS = ["customerId", "invoiceId", "status", "openedFrom", "openedTo"] as const;
export const disputeResource: ResourceTable<
  typeof disputes,
  (typeof DISPUTE_SORTS)[number],
  (typeof DISPUTE_FILTERS)[number]
> = {
  table: disputes,
  sorts: {
    openedOn: disputes.openedOn,
    amountMinor: disputes.amountMinor,
    createdAt: disputes.createdAt,
    id: disputes.id,
  },
  filters: {
    customerId: { column: disputes.customerId, op: "eq" },
    invoiceId: { column: disputes.invoiceId, op: "eq" },
    status: { column: disputes.status, op: "eq" },
    openedFrom: { column: disputes.openedOn, op: "gte" },
    openedTo: { column: disputes.openedOn, op: "lte" },
  },
};
