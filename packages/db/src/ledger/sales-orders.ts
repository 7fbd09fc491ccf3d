import type { ResourceTable } from "../archive/resource-table.ts";
import { salesOrders } from "./schema.ts";

/** Sales orders (open orders count towards exposure). */
export const SALES_ORDER_SORTS = ["orderedOn", "orderNumber", "orderedMinor", "createdAt", "id"] as const;
export const SALES_ORDER_FILTERS = ["customerId", "status", "currency", "orderedFrom", "orderedTo"] as const;
export const salesOrderResource: ResourceTable<
  typeof salesOrders,
  (typeof SALES_ORDER_SORTS)[number],
  (typeof SALES_ORDER_FILTERS)[number]
> = {
  table: salesOrders,
  sorts: {
    orderedOn: salesOrders.orderedOn,
    orderNumber: salesOrders.orderNumber,
    orderedMinor: salesOrders.orderedMinor,
    createdAt: salesOrders.createdAt,
    id: salesOrders.id,
  },
  filters: {
    customerId: { column: salesOrders.customerId, op: "eq" },
    status: { column: salesOrders.status, op: "eq" },
    currency: { column: salesOrders.currency, op: "eq" },
    orderedFrom: { column: salesOrders.orderedOn, op: "gte" },
    orderedTo: { column: salesOrders.orderedOn, op: "lte" },
  },
};
