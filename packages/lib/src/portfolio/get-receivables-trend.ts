import type { CollectionMetrics } from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { assembleTrend } from "./get-portfolio-view.ts";
import { loadTrendRows } from "./load-trend-rows.ts";

/**
 * The whole portfolio's monthly DSO / best DSO / ADDB / CEI (DOMAIN.md) for the `months` calendar
 * months ending at as-of (oldest first) — the dashboard's trend — from the month-end AR snapshots (or the ledger when they do not cover it yet).
 */
export async function getReceivablesTrend(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  months?: number | undefined;
}): Promise<{ asOf: string; baseCurrency: string; items: (CollectionMetrics & { period: string })[] }> {
  const months = options.months ?? 12;
  const { rows } = await loadTrendRows({
    handle: options.handle,
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
    months,
    dimension: "total",
  });
  return {
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
    items: assembleTrend(rows, options.asOf, months).total.map((m) => ({ period: m.monthEnd, ...m })),
  };
}
