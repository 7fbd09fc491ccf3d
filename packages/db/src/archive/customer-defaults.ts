import type { ResourceTable } from "./resource-table.ts";
import { customerDefaults } from "./schema.ts";

/** Realised defaults (model outcomes). */
export const CUSTOMER_DEFAULT_SORTS = ["defaultedOn", "createdAt", "id"] as const;
export const CUSTOMER_DEFAULT_FILTERS = ["customerId", "kind", "defaultedFrom", "defaultedTo"] as const;
export const customerDefaultResource: ResourceTable<
  typeof customerDefaults,
  (typeof CUSTOMER_DEFAULT_SORTS)[number],
  (typeof CUSTOMER_DEFAULT_FILTERS)[number]
> = {
  table: customerDefaults,
  sorts: {
    defaultedOn: customerDefaults.defaultedOn,
    createdAt: customerDefaults.createdAt,
    id: customerDefaults.id,
  },
  filters: {
    customerId: { column: customerDefaults.customerId, op: "eq" },
    kind: { column: customerDefaults.kind, op: "eq" },
    defaultedFrom: { column: customerDefaults.defaultedOn, op: "gte" },
    defaultedTo: { column: customerDefaults.defaultedOn, op: "lte" },
  },
};
