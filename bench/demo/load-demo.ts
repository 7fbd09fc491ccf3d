/**
 * Times generating and loading the demo portfolio into PostgreSQL and reports peak memory.
 *
 *   npx tsx bench/demo/load-demo.ts [--customers 100000] [--years 3] [--seed 42] [--as-of 2025-06-30]
 *
 * Uses BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres) to create a fresh
 * database `creditdesk_bench_demo`, migrates it, loads, prints counts, seconds, rows/s and max RSS,
 * then drops the database unless --keep. Foreign-key triggers are skipped during the load unless
 * --fk-checks (the bench role must then be a superuser).
 */
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase } from "@creditdesk/db";
import { writeDemoPortfolio } from "@creditdesk/lib/demo";
import pg from "pg";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    years: { type: "string", default: "3" },
    seed: { type: "string", default: "42" },
    "as-of": { type: "string", default: "2025-06-30" },
    keep: { type: "boolean", default: false },
    "fk-checks": { type: "boolean", default: false },
  },
});
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const name = "creditdesk_bench_demo";

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

await admin(`drop database if exists ${name} with (force)`);
await admin(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
await migrateDatabase(handle);
let peakRss = 0;
const timer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 250);
const result = await writeDemoPortfolio({
  handle,
  skipForeignKeyChecks: !values["fk-checks"],
  options: {
    customers: Number(values.customers),
    years: Number(values.years),
    seed: Number(values.seed),
    asOf: values["as-of"] ?? "2025-06-30",
  },
  onProgress: (done, total) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${done}/${total}`);
    }
  },
});
clearInterval(timer);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
process.stdout.write(
  `${JSON.stringify(result.counts)}\n${rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(rows / result.seconds)} rows/s), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB\n`,
);
await handle.close();
if (!values.keep) {
  await admin(`drop database if exists ${name} with (force)`);
}
