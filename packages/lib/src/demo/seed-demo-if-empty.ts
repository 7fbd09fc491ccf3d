import {
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_YEARS,
  type DemoOptions,
} from "@creditdesk/core/demo";
import type { DatabaseHandle } from "@creditdesk/db";
import { type DemoCoverageCounts, seedDemoCoverage } from "./seed-demo-coverage.ts";
import { type DemoRowCounts, writeDemoPortfolio } from "./write-demo-portfolio.ts";

/** Today's date on this machine's calendar, "YYYY-MM-DD" — the default as-of of a demo. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Demo options with the documented defaults: seed 42, 300 customers, 3 years, as-of today. */
export function resolveDemoOptions(partial: Partial<DemoOptions> = {}): DemoOptions {
  return {
    seed: partial.seed ?? DEFAULT_DEMO_SEED,
    customers: partial.customers ?? DEFAULT_DEMO_CUSTOMERS,
    years: partial.years ?? DEFAULT_DEMO_YEARS,
    asOf: partial.asOf ?? localToday(),
  };
}

export type SeedDemoResult = {
  seeded: boolean;
  seconds: number;
  options: DemoOptions;
  /** Insurance, factoring and collections records added on a seeded portfolio (null: not seeded). */
  coverage: DemoCoverageCounts | null;
} & DemoRowCounts;

/**
 * Seeds the demo portfolio when — and only when — the customers table is empty (what `npm start`
 * does on a fresh database), with its insurance, factoring and collections records
 * (`seedDemoCoverage`). Safe to call on every start and from concurrent processes: the check and
 * the load run in one transaction under a lock on `customers`.
 */
export async function seedDemoIfEmpty(
  handle: DatabaseHandle,
  options: Partial<DemoOptions> = {},
  baseCurrency = "CNY",
): Promise<SeedDemoResult> {
  const started = performance.now();
  const result = await writeDemoPortfolio({
    handle,
    options: resolveDemoOptions(options),
    onlyIfEmpty: true,
  });
  const coverage = result.seeded
    ? await seedDemoCoverage({ handle, options: result.options, baseCurrency })
    : null;
  return {
    seeded: result.seeded,
    seconds: (performance.now() - started) / 1000,
    options: result.options,
    coverage,
    ...result.counts,
  };
}
