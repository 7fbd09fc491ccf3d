import { asOfSchedule } from "@creditdesk/core/models";
import { loadConfig } from "@creditdesk/lib/config";
import { buildTrainingDataset, historyWindow, writeTrainingDataset } from "@creditdesk/lib/models";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

/** Builds the own-history data set from the database and writes it as CSV. */
export async function runDatasetCommand(o: {
  out: string;
  from?: string;
  to?: string;
  every: number;
  horizon: number;
}): Promise<void> {
  const config = loadConfig();
  const handle = await openAppDatabase();
  try {
    let { from, to } = o;
    if (from === undefined || to === undefined) {
      const window = await historyWindow(handle.db, { horizonMonths: o.horizon });
      if (!window) {
        throw new CliError(
          `not enough history for a ${o.horizon}-month outcome window (need 12 months of invoices plus the horizon); pass --from and --to`,
        );
      }
      from ??= window.from;
      to ??= window.to;
    }
    if (from > to) {
      throw new CliError(`--from ${from} is after --to ${to}`);
    }
    const asOfDates = asOfSchedule({ from, to, everyMonths: o.every });
    const rows = await buildTrainingDataset({
      handle,
      asOfDates,
      horizonMonths: o.horizon,
      baseCurrency: config.baseCurrency,
      onProgress: (asOf, n) => process.stderr.write(`  ${asOf}: ${n} customers\n`),
    });
    if (rows.length === 0) {
      throw new CliError(`no customer was trading on any as-of date from ${from} to ${to}`);
    }
    await writeTrainingDataset({ file: o.out, rows });
    const bads = rows.reduce((n, r) => n + r.target, 0);
    process.stdout.write(
      `${JSON.stringify({ out: o.out, rows: rows.length, bads, badRate: bads / rows.length, asOfDates, horizonMonths: o.horizon })}\n`,
    );
  } finally {
    await handle.close();
  }
}
