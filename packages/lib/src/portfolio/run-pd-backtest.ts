import { type BacktestRow, backtestPd } from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadBacktestObligors } from "@creditdesk/db/portfolio";
import { AppError } from "../shared/app-error.ts";

/**
 * Back-test of the predicted PDs: the customers assessed on or before `start`, grouped by grade (or
 * notch), mean PD scaled to the horizon against the defaults recorded in `customer_defaults` within
 * it, with the binomial test per grade (BCBS WP 14).
 */
export async function runPdBacktest(options: {
  handle: DatabaseHandle;
  start: string;
  horizonMonths?: number | undefined;
  scale?: "grade" | "notch" | undefined;
  alpha?: number | undefined;
}): Promise<{
  start: string;
  horizonMonths: number;
  alpha: number;
  rows: BacktestRow[];
  total: BacktestRow;
}> {
  const horizonMonths = options.horizonMonths ?? 12;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 60) {
    throw AppError.validation([{ path: "horizonMonths", message: "must be a whole number of months, 1–60" }]);
  }
  const alpha = options.alpha ?? 0.05;
  const rows = await loadBacktestObligors(options.handle.db, { start: options.start, horizonMonths });
  const notch = options.scale === "notch";
  const result = backtestPd(
    rows.map((r) => ({
      grade: notch ? (r.notch ?? "unrated") : r.grade,
      pd: Number(r.pd),
      defaulted: r.defaulted,
    })),
    {
      horizonMonths,
      alpha,
      scale: notch ? ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] : ["low", "medium", "high"],
    },
  );
  return { start: options.start, horizonMonths, alpha, ...result };
}
