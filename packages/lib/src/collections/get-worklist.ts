import type { DatabaseHandle } from "@creditdesk/db";
import { loadWorklist, type OverdueFilter, type OverdueInvoiceRow } from "@creditdesk/db/collections";
import { loadCollectionSettings } from "./collection-settings.ts";

export interface WorklistPage {
  asOf: string;
  baseCurrency: string;
  /** The weights the ranking used (core `collectionPriority`). */
  weights: { amount: number; days: number; risk: number };
  total: number;
  totalBaseMinor: number;
  items: OverdueInvoiceRow[];
}

/**
 * The collections worklist (催收工作清单): open overdue invoices ranked by priority =
 * amount^wA × days overdue^wD × risk^wR (core `collectionPriority`; weights from the settings),
 * filtered by collector, sales owner, department, customer and dunning level, amounts in the base
 * currency. Disputed invoices are left out unless asked for (then flagged).
 */
export async function getWorklist(options: {
  handle: DatabaseHandle;
  filter: OverdueFilter;
  limit?: number;
  offset?: number;
}): Promise<WorklistPage> {
  const settings = await loadCollectionSettings(options.handle.db);
  const w = settings.priority;
  const page = await loadWorklist(options.handle.db, options.filter, w, {
    limit: options.limit ?? 100,
    offset: options.offset ?? 0,
  });
  return {
    asOf: options.filter.asOf,
    baseCurrency: options.filter.baseCurrency,
    weights: { amount: w.amount, days: w.days, risk: w.risk },
    total: page.total,
    totalBaseMinor: page.totalBaseMinor,
    items: page.rows,
  };
}
