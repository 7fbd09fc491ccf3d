/**
 * bench/portfolio — portfolio view, concentration and expected loss over 100,000 customers /
 * ≈ 5,000,000 invoices on PostgreSQL, beside bare SQL baselines run in the same process: wall time
 * and peak RSS.
 *
 *   npx tsx bench/portfolio/run.ts [--customers 100000] [--as-of 2025-06-30]
 *
 * Prepares (once, then reuses) PostgreSQL `cdbench_portfolio` on BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test): the demo portfolio (seed 42, 3 years, as bench/assess
 * loads it), one bulk assessment run, a credit limit per customer, the receivables month close
 * (month-end snapshots) — see prepare.ts. Then measures
 * in a child process. Target: the full view (positions + 12-month trend) under 10 s.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { BENCH_DATABASE, preparePortfolioDatabase } from "./prepare.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "as-of": { type: "string", default: "2025-06-30" },
  },
});
const asOf = values["as-of"];
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const handle = await preparePortfolioDatabase({
  base,
  customers: Number(values.customers),
  asOf,
  log: (line) => process.stdout.write(`${line}\n`),
});
await handle.close();
const url = new URL(base);
url.pathname = `/${BENCH_DATABASE}`;
const out = execFileSync(
  process.execPath,
  [
    "--import",
    "tsx",
    new URL("./measure.ts", import.meta.url).pathname,
    "--url",
    url.toString(),
    "--as-of",
    asOf,
  ],
  { encoding: "utf8", maxBuffer: 1 << 24 },
);
const m = JSON.parse(out.trim().split("\n").at(-1)!) as {
  customers: number;
  exposureMinor: number;
  bareOpen: number;
  bareScan: number;
  view: number;
  viewPhases: { positions: number; trend: number };
  trendSource: string;
  concentration: number;
  hhiCustomer: number;
  el: number;
  elMinor: number;
  peakRssMiB: number;
};
const s = (x: number) => `${x.toFixed(1)} s`;
process.stdout.write(
  `PostgreSQL, ${m.customers} customers, as of ${asOf}\n` +
    `  baseline: bare sum of open items per customer      ${s(m.bareOpen)}\n` +
    `  baseline: bare sum(amount) group by customer (all)  ${s(m.bareScan)}\n` +
    `  portfolio view (positions + 12-month trend)         ${s(m.view)}  (positions ${m.viewPhases.positions} s, trend ${m.viewPhases.trend} s from ${m.trendSource})` +
    `${m.view < 10 ? "" : "  ✗ over the 10 s target"}\n` +
    `  concentration (4 dimensions, HHI ${Math.round(m.hhiCustomer)} by customer)  ${s(m.concentration)}\n` +
    `  expected loss (EL ${(m.elMinor / 100).toFixed(2)} CNY)          ${s(m.el)}\n` +
    `  view / bare full scan = ${(m.view / m.bareScan).toFixed(2)}   peak RSS ${m.peakRssMiB} MiB\n`,
);
