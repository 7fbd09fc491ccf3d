/**
 * One measurement in a fresh process (so peak RSS is the assessment's own): the bare SQL
 * aggregation of the behaviour metrics, then the full bulk assessment run, on an already loaded
 * database. Prints one JSON line.
 *
 *   npx tsx bench/assess/measure.ts --url postgres://… | --data-dir DIR  --as-of 2025-06-30
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@creditdesk/db";
import { loadBehaviourAggregates } from "@creditdesk/db/assessment";
import { runAssessments } from "@creditdesk/lib/assessment";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    "data-dir": { type: "string" },
    "as-of": { type: "string", default: "2025-06-30" },
  },
});
const asOf = values["as-of"] ?? "2025-06-30";
const handle = await openDatabase({ databaseUrl: values.url, dataDir: values["data-dir"] });

const t0 = performance.now();
const aggregates = await loadBehaviourAggregates(handle.db, { asOf, baseCurrency: "CNY" });
const bareSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
const run = await runAssessments({
  handle,
  asOf,
  baseCurrency: "CNY",
  trigger: "bulk",
  triggeredBy: "bench",
});
const fullSeconds = (performance.now() - t1) / 1000;
await handle.close();

process.stdout.write(
  `${JSON.stringify({
    customers: run.customers,
    aggregatedCustomers: aggregates.size,
    bareSeconds,
    fullSeconds,
    phases: run.seconds,
    byGrade: run.byGrade,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
