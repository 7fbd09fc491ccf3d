import type { ResourceTable } from "./resource-table.ts";
import { complaints } from "./schema.ts";

/** Customer complaints (a monitoring indicator). */
export const COMPLAINT_SORTS = ["receivedOn", "createdAt", "id"] as const;
export const COMPLAINT_FILTERS = [
  "customerId",
  "severity",
  "category",
  "receivedFrom",
  "receivedTo",
] as const;
export const complaintResource: ResourceTable<
  typeof complaints,
  (typeof COMPLAINT_SORTS)[number],
  (typeof COMPLAINT_FILTERS)[number]
> = {
  table: complaints,
  sorts: { receivedOn: complaints.receivedOn, createdAt: complaints.createdAt, id: complaints.id },
  filters: {
    customerId: { column: complaints.customerId, op: "eq" },
    severity: { column: complaints.severity, op: "eq" },
    category: { column: complaints.category, op: "eq" },
    receivedFrom: { column: complaints.receivedOn, op: "gte" },
    receivedTo: { column: complaints.receivedOn, op: "lte" },
  },
};
