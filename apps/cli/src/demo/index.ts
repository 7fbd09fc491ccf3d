import {
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_YEARS,
  SHOWCASE_CUSTOMERS,
} from "@creditdesk/core/demo";
import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new CliError(`--${name} must be a whole number, got '${value}'`, 2);
    }
    return n;
  };
}

/**
 * `creditdesk demo`: writes the reproducible demo portfolio. Same options → same data; as-of
 * defaults to today, so every date is relative to the day it runs unless `--as-of` pins it.
 */
export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description("generate the reproducible demo portfolio into an empty database")
    .option("--customers <n>", "number of customers", positiveInt("customers"), DEFAULT_DEMO_CUSTOMERS)
    .option("--years <n>", "years of ledger history up to as-of", positiveInt("years"), DEFAULT_DEMO_YEARS)
    .option("--seed <n>", "random seed (same seed, same data)", positiveInt("seed"), DEFAULT_DEMO_SEED)
    .option("--as-of <date>", "the portfolio's today, YYYY-MM-DD (default: today)")
    .option(
      "--reset",
      "empty the archive and ledger tables first (otherwise a non-empty database is refused)",
    )
    .addHelpText(
      "after",
      `\nShowcase customers (always the first ones):\n${SHOWCASE_CUSTOMERS.map((s) => `  ${s.code}  ${s.legalName} — ${s.story}`).join("\n")}\n`,
    )
    .action(
      async (opts: { customers: number; years: number; seed: number; asOf?: string; reset?: boolean }) => {
        // Loaded when the command runs, so the CLI's start (and --help) does not load the writer.
        const [
          { customers },
          { loadConfig },
          { resetPortfolio, resolveDemoOptions, seedDemoCoverage, writeDemoPortfolio },
        ] = await Promise.all([
          import("@creditdesk/db"),
          import("@creditdesk/lib/config"),
          import("@creditdesk/lib/demo"),
        ]);
        const options = resolveDemoOptions({
          customers: opts.customers,
          years: opts.years,
          seed: opts.seed,
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
        });
        const handle = await openAppDatabase();
        try {
          if (opts.reset) {
            await resetPortfolio(handle);
          } else {
            const existing = await handle.db.select({ id: customers.id }).from(customers).limit(1);
            if (existing.length > 0) {
              throw new CliError(
                "the database already has customers; use --reset to replace them with the demo",
                1,
              );
            }
          }
          const showProgress = process.stderr.isTTY;
          const result = await writeDemoPortfolio({
            handle,
            options,
            onProgress: (done, total) => {
              if (showProgress) {
                process.stderr.write(`\r${done}/${total} customers`);
              }
            },
          });
          if (showProgress) {
            process.stderr.write("\n");
          }
          const coverage = await seedDemoCoverage({
            handle,
            options,
            baseCurrency: loadConfig().baseCurrency,
          });
          const c = result.counts;
          process.stdout.write(
            `demo portfolio (seed ${options.seed}, ${options.years} years to ${options.asOf}) written in ${result.seconds.toFixed(1)} s:\n` +
              `  customers ${c.customers}, identifiers ${c.identifiers}, contacts ${c.contacts}, statements ${c.statements}\n` +
              `  ratings ${c.ratings}, external events ${c.events}, complaints ${c.complaints}, defaults ${c.defaults}\n` +
              `  sales orders ${c.orders}, invoices ${c.invoices}, payments ${c.payments}, allocations ${c.allocations}\n` +
              `  credit notes ${c.creditNotes}, disputes ${c.disputes}, fx rates ${c.fxRates}\n` +
              `  insurance policies ${coverage.policies}, insured limits ${coverage.insuredLimits}, overdue notifications ${coverage.notifications}, claims ${coverage.claims}\n` +
              `  factoring agreements ${coverage.factoringAgreements}, factored invoices ${coverage.factoredInvoices}, collection actions ${coverage.collectionActions}, promises to pay kept ${coverage.promises.kept} / broken ${coverage.promises.broken} / open ${coverage.promises.open}, stress scenarios ${coverage.stressScenarios}\n`,
          );
        } finally {
          await handle.close();
        }
      },
    );
}
