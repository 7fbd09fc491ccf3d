/**
 * One measurement in a fresh process (so peak RSS is the monitoring run's own), on the database
 * prepared by bench/monitor/run.ts. Prints one JSON line.
 *
 *   npx tsx bench/monitor/measure.ts --url postgres://…/cdbench_monitor --as-of 2025-06-30
 *
 * 1. Baseline: the run's ledger statement alone (loadMonitoringLedger's SQL through pg, rows
 *    received and dropped): one pass over invoices, allocations, credit notes and 24 months of
 *    orders — what the run cannot do without.
 * 2. The first nightly run on emptied alert tables (every alert new), then a second one (dedup:
 *    every alert only updated), each with its phases.
 */
import { parseArgs } from "node:util";
import { openDatabase, queryRows } from "@creditdesk/db";
import { loadBaseRates, monitoringLedgerSql } from "@creditdesk/db/monitoring";
import { runMonitoring } from "@creditdesk/lib/monitoring";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    "as-of": { type: "string", default: "2025-06-30" },
  },
});
const asOf = values["as-of"] ?? "2025-06-30";
const handle = await openDatabase({ databaseUrl: values.url, poolSize: 2 });

// Every run starts from the same state: no alerts, and the rules this version ships (installed on
// first use), so versions compared side by side each run with their own defaults.
await handle.db.execute(
  sql`truncate alerts, alert_comments, credit_holds, notifications, notification_deliveries, credit_reviews, monitoring_runs, monitoring_rules, job_runs cascade`,
);
await handle.db.execute(sql`vacuum analyze alerts`);

// Baseline: the run's one ledger statement, bare — sent by pg with the settings the run uses,
// its 100,000 rows received and dropped (no facts built, no rules, no writes).
const rates = await loadBaseRates(handle.db, { asOf, baseCurrency: "CNY" });
const statement = new PgDialect({ casing: "snake_case" }).sqlToQuery(
  monitoringLedgerSql({ asOf, baseCurrency: "CNY", windows: [90], rates }),
);
const bareClient = new pg.Client({ connectionString: values.url });
await bareClient.connect();
await bareClient.query("begin");
await bareClient.query("set local jit = off");
await bareClient.query("set local work_mem = '256MB'");
const t0 = performance.now();
const bare = { customers: (await bareClient.query(statement.sql, statement.params)).rowCount ?? 0 };
const bareSeconds = (performance.now() - t0) / 1000;
await bareClient.query("rollback");
await bareClient.end();

const runs = [];
for (const label of ["first", "second"]) {
  const t = performance.now();
  const s = await runMonitoring({
    handle,
    asOf,
    trigger: "schedule",
    baseCurrency: "CNY",
    triggeredBy: "bench",
  });
  runs.push({
    label,
    wallSeconds: (performance.now() - t) / 1000,
    customers: s.customers,
    evaluated: s.evaluated,
    breaches: s.breaches,
    opened: s.alertsOpened,
    updated: s.alertsUpdated,
    holds: s.holdsPlaced,
    phases: s.seconds,
    notes: s.notes,
  });
}
const [alerted] = await queryRows<{ customers: number; critical: number }>(
  handle.db,
  sql`select count(distinct customer_id)::int as customers,
        count(distinct customer_id) filter (where severity = 'critical')::int as critical from alerts`,
);
await handle.close();
process.stdout.write(
  `${JSON.stringify({
    customers: bare.customers,
    bareSeconds,
    runs,
    alertedCustomers: alerted?.customers ?? 0,
    criticalCustomers: alerted?.critical ?? 0,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
