import type { ResourceTable } from "./resource-table.ts";
import { financialStatements } from "./schema.ts";

/** Financial statements: by customer and period end. */
export const FINANCIAL_STATEMENT_SORTS = ["periodEnd", "createdAt", "id"] as const;
export const FINANCIAL_STATEMENT_FILTERS = [
  "customerId",
  "currency",
  "audited",
  "periodFrom",
  "periodTo",
] as const;
export const financialStatementResource: ResourceTable<
  typeof financialStatements,
  (typeof FINANCIAL_STATEMENT_SORTS)[number],
  (typeof FINANCIAL_STATEMENT_FILTERS)[number]
> = {
  table: financialStatements,
  sorts: {
    periodEnd: financialStatements.periodEnd,
    createdAt: financialStatements.createdAt,
    id: financialStatements.id,
  },
  filters: {
    customerId: { column: financialStatements.customerId, op: "eq" },
    currency: { column: financialStatements.currency, op: "eq" },
    audited: { column: financialStatements.audited, op: "eq" },
    periodFrom: { column: financialStatements.periodEnd, op: "gte" },
    periodTo: { column: financialStatements.periodEnd, op: "lte" },
  },
};
