/**
 * bench/monitor — the nightly monitoring run over a loaded demo portfolio: wall time and peak RSS.
 *
 *   npx tsx bench/monitor/run.ts [--customers 100000] [--as-of 2025-06-30]
 *
 * Reuses PostgreSQL `cdbench_assess` on BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test)
 * when it exists (100,000 customers / ≈ 5M invoices loaded by bench/assess), else creates
 * `cdbench_monitor` and loads the demo portfolio (seed 42, 3 years) with `writeDemoPortfolio`.
 * The monitoring tables are created if that database predates them, and emptied before the run so
 * that every run measures a first nightly run (every alert new) followed by a second one (dedup).
 * Target: under 2 minutes.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type DatabaseHandle,
  MIGRATIONS_FOLDER,
  migrateDatabase,
  openDatabase,
  queryRows,
} from "@creditdesk/db";
import { writeDemoPortfolio } from "@creditdesk/lib/demo";
import { runMonitoring } from "@creditdesk/lib/monitoring";
import { sql } from "drizzle-orm";
import pg from "pg";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "as-of": { type: "string", default: "2025-06-30" },
  },
});
const asOf = values["as-of"];
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const MY_TABLES = [
  "monitoring_rules",
  "monitoring_runs",
  "alerts",
  "alert_comments",
  "credit_holds",
  "job_runs",
  "notifications",
  "notification_channels",
  "notification_deliveries",
  "credit_reviews",
];

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** The foundation migration's statements for the monitoring tables (the database may predate them). */
async function ensureMonitoringTables(handle: DatabaseHandle): Promise<void> {
  const text = readFileSync(`${MIGRATIONS_FOLDER}/0000_foundation.sql`, "utf8");
  const mine = text
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter((s) => MY_TABLES.some((t) => s.includes(`"${t}"`)))
    .filter(
      (s) =>
        !/^ALTER TABLE "(?!(?:monitoring_rules|monitoring_runs|alerts|alert_comments|credit_holds|job_runs|notifications|notification_channels|notification_deliveries|credit_reviews)")/.test(
          s,
        ),
    );
  for (const statement of mine) {
    try {
      await handle.db.execute(sql.raw(statement));
    } catch (error) {
      const code =
        (error as { cause?: { code?: string }; code?: string }).cause?.code ??
        (error as { code?: string }).code;
      if (code !== "42P07" && code !== "42710") {
        throw error;
      }
    }
  }
}

const url = new URL(base);
let handle: DatabaseHandle;
if (await databaseExists("cdbench_assess")) {
  url.pathname = "/cdbench_assess";
  handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await ensureMonitoringTables(handle);
  console.log("reusing cdbench_assess");
} else {
  url.pathname = "/cdbench_monitor";
  if (!(await databaseExists("cdbench_monitor"))) {
    await createDatabase("cdbench_monitor");
  }
  handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrateDatabase(handle);
  const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from customers`);
  if ((row?.n ?? 0) === 0) {
    const t0 = performance.now();
    await writeDemoPortfolio({
      handle,
      options: { customers: Number(values.customers), years: 3, seed: 42, asOf },
    });
    console.log(`loaded the demo portfolio in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
await handle.db.execute(
  sql`truncate alerts, alert_comments, credit_holds, notifications, notification_deliveries, credit_reviews, monitoring_runs, job_runs cascade`,
);

const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
for (const label of ["first nightly run", "second nightly run (dedup)"]) {
  const t0 = performance.now();
  const s = await runMonitoring({
    handle,
    asOf,
    trigger: "schedule",
    baseCurrency: "CNY",
    triggeredBy: "bench",
  });
  const wall = (performance.now() - t0) / 1000;
  console.log(
    `${label}: ${s.customers} customers, ${s.evaluated} rule evaluations, ${s.breaches} breaches, ${s.alertsOpened} new / ${s.alertsUpdated} updated alerts, ${s.holdsPlaced} holds — wall ${wall.toFixed(1)} s (load ${s.seconds.load} s, evaluate ${s.seconds.evaluate} s, write ${s.seconds.write} s), peak RSS ${rss()} MiB${wall < 120 ? "" : "  ✗ over the 2-minute target"}`,
  );
  for (const n of s.notes) {
    console.log(`  note: ${n}`);
  }
}
await handle.close();
