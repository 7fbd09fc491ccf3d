import type { ResourceTable } from "./resource-table.ts";
import { externalEvents } from "./schema.ts";

/** Lawsuits, enforcement, management changes … reported by outside sources. */
export const EXTERNAL_EVENT_SORTS = ["occurredOn", "createdAt", "id"] as const;
export const EXTERNAL_EVENT_FILTERS = [
  "customerId",
  "type",
  "severity",
  "source",
  "occurredFrom",
  "occurredTo",
] as const;
export const externalEventResource: ResourceTable<
  typeof externalEvents,
  (typeof EXTERNAL_EVENT_SORTS)[number],
  (typeof EXTERNAL_EVENT_FILTERS)[number]
> = {
  table: externalEvents,
  sorts: {
    occurredOn: externalEvents.occurredOn,
    createdAt: externalEvents.createdAt,
    id: externalEvents.id,
  },
  filters: {
    customerId: { column: externalEvents.customerId, op: "eq" },
    type: { column: externalEvents.type, op: "eq" },
    severity: { column: externalEvents.severity, op: "eq" },
    source: { column: externalEvents.source, op: "eq" },
    occurredFrom: { column: externalEvents.occurredOn, op: "gte" },
    occurredTo: { column: externalEvents.occurredOn, op: "lte" },
  },
};
