/**
 * bench/assess — full portfolio assessment against the bare SQL aggregation of the same behaviour
 * metrics, on PostgreSQL and PGlite.
 *
 *   npx tsx bench/assess/run.ts [--customers 100000] [--pglite-customers 10000] [--db pg|pglite|both] [--keep]
 *
 * Loads the demo portfolio (seed 42, 3 years, as of 2025-06-30; ≈ 50 invoices per customer) into a
 * fresh database — PostgreSQL `cdbench_assess` on BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test), PGlite in a temporary folder — then measures in a child
 * process: (1) the bare set-wise SQL aggregation of every customer's behaviour sums, (2) the whole
 * bulk run (facts + aggregation + scoring + writing every assessment by COPY). Target: full run
 * within 3× the bare aggregation, under 2 minutes on PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type DatabaseHandle, migrateDatabase, openDatabase } from "@creditdesk/db";
import { writeDemoPortfolio } from "@creditdesk/lib/demo";
import { sql } from "drizzle-orm";
import pg from "pg";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "pglite-customers": { type: "string", default: "10000" },
    db: { type: "string", default: "both" },
    keep: { type: "boolean", default: false },
    "reuse-pg": { type: "boolean", default: false },
  },
});
const AS_OF = "2025-06-30";
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const measureScript = new URL("./measure.ts", import.meta.url).pathname;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function load(handle: DatabaseHandle, customers: number, skipFk: boolean) {
  const t = performance.now();
  const r = await writeDemoPortfolio({
    handle,
    skipForeignKeyChecks: skipFk,
    options: { customers, years: 3, seed: 42, asOf: AS_OF },
  });
  return {
    seconds: (performance.now() - t) / 1000,
    invoices: r.counts.invoices,
    customers: r.counts.customers,
  };
}

function measure(args: string[]) {
  const out = execFileSync(process.execPath, ["--import", "tsx", measureScript, "--as-of", AS_OF, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as {
    customers: number;
    bareSeconds: number;
    fullSeconds: number;
    phases: Record<string, number>;
    peakRssMiB: number;
  };
}

function report(
  label: string,
  loaded: { customers: number; invoices: number | undefined },
  m: ReturnType<typeof measure>,
) {
  const ratio = m.fullSeconds / m.bareSeconds;
  process.stdout.write(
    `\n${label}: ${loaded.customers} customers, ${loaded.invoices ?? "?"} invoices\n` +
      `  bare SQL aggregation of behaviour metrics  ${m.bareSeconds.toFixed(1)} s\n` +
      `  full bulk assessment run                  ${m.fullSeconds.toFixed(1)} s  (${Math.round(m.customers / m.fullSeconds)} customers/s; ` +
      `load ${m.phases.load} s, score ${m.phases.score} s, write ${m.phases.write} s)\n` +
      `  full / bare = ${ratio.toFixed(2)} (target ≤ 3)   peak RSS ${m.peakRssMiB} MiB\n`,
  );
}

if (values.db === "pg" || values.db === "both") {
  const name = "cdbench_assess";
  const url = new URL(base);
  url.pathname = `/${name}`;
  const customers = Number(values.customers);
  let loaded: { customers: number; invoices: number | undefined };
  if (values["reuse-pg"]) {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const { rows } = await c.query(
      "select (select count(*) from customers)::int as c, (select count(*) from invoices)::int as i",
    );
    await c.query("truncate assessments, assessment_runs, domain_events cascade");
    await c.end();
    loaded = { customers: rows[0].c, invoices: rows[0].i };
    process.stdout.write(`PostgreSQL: reusing ${name}\n`);
  } else {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    await migrateDatabase(handle);
    const l = await load(handle, customers, true);
    await handle.db.execute(sql`analyze`);
    await handle.close();
    loaded = l;
    process.stdout.write(`PostgreSQL: loaded in ${l.seconds.toFixed(0)} s\n`);
  }
  report("PostgreSQL", loaded, measure(["--url", url.toString()]));
  if (!values.keep) {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

if (values.db === "pglite" || values.db === "both") {
  const dir = mkdtempSync(join(tmpdir(), "cdbench-assess-"));
  const handle = await openDatabase({ dataDir: dir });
  await migrateDatabase(handle);
  const l = await load(handle, Number(values["pglite-customers"]), false);
  await handle.close();
  process.stdout.write(`PGlite: loaded in ${l.seconds.toFixed(0)} s\n`);
  report("PGlite", l, measure(["--data-dir", dir]));
  rmSync(dir, { recursive: true, force: true });
}
