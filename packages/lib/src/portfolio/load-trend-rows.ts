import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import {
  listArSnapshotMonths,
  loadReceivablesTrend,
  loadReceivablesTrendFromSnapshots,
  refreshStaleArSnapshots,
  type TrendDimension,
  type TrendRow,
} from "@creditdesk/db/portfolio";
import { sql } from "drizzle-orm";
import { withPortfolioWorkMem } from "./load-positions.ts";

/**
 * The rows of the monthly receivables trend (db `TrendRow`): from the month-end AR snapshots when
 * they cover the opening month (after rebuilding what back-dated ledger changes made stale, so the
 * figures are those of the ledger now), else recomputed from the ledger (`loadReceivablesTrend`).
 * `source` says which; both give the same rows (held equal by the snapshot tests).
 */
export async function loadTrendRows(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  months: number;
  dimension: TrendDimension;
  /** "direct" skips the snapshots (what the equality tests compare against). */
  source?: "auto" | "direct" | undefined;
}): Promise<{ rows: TrendRow[]; source: "snapshots" | "direct" }> {
  const { handle, ...rest } = options;
  return withPortfolioWorkMem(handle, async (db) => {
    if (options.source !== "direct") {
      const [marks] = await queryRows<{ stale: boolean }>(
        db,
        sql`select exists (select 1 from portfolio_ar_snapshot_stale) as stale`,
      );
      if (marks?.stale) {
        await refreshStaleArSnapshots(db);
      }
      const covered = await listArSnapshotMonths(db);
      if (covered.length > 0) {
        const rows = await loadReceivablesTrendFromSnapshots(db, { ...rest, covered });
        if (rows !== null) {
          return { rows, source: "snapshots" as const };
        }
      }
    }
    return { rows: await loadReceivablesTrend(db, rest), source: "direct" as const };
  });
}
