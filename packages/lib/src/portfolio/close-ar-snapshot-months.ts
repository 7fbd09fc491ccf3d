import type { DatabaseHandle } from "@creditdesk/db";
import {
  listArSnapshotMonths,
  monthEndBefore,
  monthEndOf,
  refreshStaleArSnapshots,
  writeArSnapshotMonths,
} from "@creditdesk/db/portfolio";
import { sql } from "drizzle-orm";
import { claimJobSlot, finishJobSlot } from "../monitoring/job-slots.ts";
import { withPortfolioWorkMem } from "./load-positions.ts";

export interface ArMonthClose {
  /** Month ends written by this close (oldest first). */
  closed: string[];
  /** Snapshot rows written. */
  rows: number;
  /** Customers whose snapshots were rebuilt for back-dated ledger changes. */
  rebuiltCustomers: number;
  /** Every month end now covered, oldest first. */
  covered: string[];
}

/**
 * The month close of the receivables snapshots: first rebuilds the customers a back-dated ledger
 * change marked stale, then writes every month end after the last covered one up to the last month
 * end on or before `through` — incrementally on top of the last covered month (one month of flows),
 * or on the first close from the whole ledger for the `firstMonths` month ends (default 36) up to
 * it. Idempotent: a month already covered is never written twice. One transaction.
 */
export async function closeArSnapshotMonths(options: {
  handle: DatabaseHandle;
  through: string;
  firstMonths?: number | undefined;
}): Promise<ArMonthClose> {
  const { handle, through } = options;
  const last = monthEndOf(through) === through ? through : monthEndBefore(through, 1);
  return withPortfolioWorkMem(handle, async (db) => {
    const rebuiltCustomers = await refreshStaleArSnapshots(db);
    const covered = await listArSnapshotMonths(db);
    const from = covered.at(-1) ?? null;
    const ends: string[] = [];
    if (from === null) {
      for (let k = (options.firstMonths ?? 36) - 1; k >= 0; k--) {
        ends.push(monthEndBefore(last, k));
      }
    } else {
      for (let e = monthEndBefore(from, -1); e <= last; e = monthEndBefore(e, -1)) {
        ends.push(e);
      }
    }
    let rows = 0;
    if (ends.length > 0) {
      rows = await writeArSnapshotMonths(db, { ends, from });
      await db.execute(sql`analyze portfolio_ar_snapshots`);
    }
    return { closed: ends, rows, rebuiltCustomers, covered: [...covered, ...ends] };
  });
}

/**
 * The scheduler's step: once a day (a `job_runs` slot per day), closes every month ended by
 * `asOf` and rebuilds what back-dated ledger changes made stale.
 */
export async function runMonthEndArClose(
  handle: DatabaseHandle,
  asOf: string,
  owner: string,
  log: (line: string) => void,
): Promise<void> {
  if (!(await claimJobSlot(handle, "portfolio.ar-close", asOf, owner))) {
    return;
  }
  try {
    const result = await closeArSnapshotMonths({ handle, through: asOf });
    await finishJobSlot(handle, "portfolio.ar-close", asOf, {
      status: "finished",
      result: { closed: result.closed, rows: result.rows, rebuiltCustomers: result.rebuiltCustomers },
    });
    log(
      `receivables month close ${asOf}: ${result.closed.length} months closed, ${result.rebuiltCustomers} customers rebuilt`,
    );
  } catch (error) {
    await finishJobSlot(handle, "portfolio.ar-close", asOf, {
      status: "failed",
      result: { error: (error as Error).message },
    });
    log(`receivables month close ${asOf} failed: ${(error as Error).message}`);
  }
}
