/**
 * bench/monitor — the nightly monitoring run over a loaded demo portfolio on PostgreSQL: wall time,
 * phases and peak RSS, beside a bare-SQL baseline measured in the same process.
 *
 *   npx tsx bench/monitor/run.ts [--customers 100000] [--repeat 3] [--reload] [--compare-with DIR]
 *
 * Prepares `cdbench_monitor` on BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test)
 * once and keeps it: the demo portfolio (seed 42, 3 years, as of 2025-06-30; ≈ 50 invoices per
 * customer), two assessment runs (2025-03-31 and as-of, so score and grade rules have a previous
 * assessment) and a standard credit limit per customer (≈ 6 months of its invoicing, so the
 * utilisation rule is measured; about six months of invoicing). A database whose migrations no longer apply (the pending
 * migration was regenerated) is rebuilt; `--reload` forces that.
 *
 * Each repetition runs bench/monitor/measure.ts in a fresh process (peak RSS is the run's own):
 * bare SQL baseline, then a first nightly run on emptied alert tables (every alert new) and a
 * second one (every alert deduplicated). Target: the first run under 2 minutes.
 *
 * `--compare-with DIR`: another version of the repository (e.g. `git archive` of an earlier commit
 * with node_modules linked) whose bench/monitor/measure.ts is run alternately with this one on the
 * same database, so a shared machine's load affects both alike; both are reported side by side.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type DatabaseHandle,
  MIGRATIONS_FOLDER,
  migrateDatabase,
  openDatabase,
  queryRows,
} from "@creditdesk/db";
import { runAssessments } from "@creditdesk/lib/assessment";
import { writeDemoPortfolio } from "@creditdesk/lib/demo";
import { sql } from "drizzle-orm";
import pg from "pg";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    repeat: { type: "string", default: "3" },
    reload: { type: "boolean", default: false },
    "compare-with": { type: "string" },
  },
});
const AS_OF = "2025-06-30";
const NAME = "cdbench_monitor";
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const url = new URL(base);
url.pathname = `/${NAME}`;
const out = (line: string) => process.stdout.write(`${line}\n`);

async function admin(statement: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

async function prepared(): Promise<boolean> {
  if (values.reload) {
    return false;
  }
  if ((await admin("select 1 from pg_database where datname = $1", [NAME])).rowCount !== 1) {
    return false;
  }
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  try {
    await migrateKeepingData(handle);
    const [row] = await queryRows<{ c: number; a: number; l: number }>(
      handle.db,
      sql`select (select count(*) from customers)::int as c,
        (select count(distinct as_of) from assessments)::int as a,
        (select count(*) from credit_limits)::int as l`,
    );
    return row?.c === Number(values.customers) && row.a === 2 && row.l > 0;
  } catch (error) {
    out(`${NAME} no longer migrates (${(error as Error).message.split("\n")[0]}): rebuilding`);
    return false;
  } finally {
    await handle.close();
  }
}

/**
 * Migrates the kept database. While the pending (unreleased) migration is still being regenerated,
 * the migrator refuses a database that applied an earlier rendering of it; then its statements are
 * applied one by one, skipping what already exists, and it is recorded as applied — the loaded
 * portfolio (minutes to rebuild) is kept.
 */
async function migrateKeepingData(handle: DatabaseHandle): Promise<void> {
  try {
    await migrateDatabase(handle);
    return;
  } catch (error) {
    out(
      `migrations do not apply as they are (${(error as Error).message.split("\n")[0]}); applying the pending ones statement by statement`,
    );
  }
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const [applied] = await queryRows<{ at: string }>(
    handle.db,
    sql`select coalesce(max(created_at), 0)::text as at from drizzle.__drizzle_migrations`,
  );
  for (const entry of journal.entries.slice(1)) {
    if (Number(applied?.at ?? 0) >= entry.when) {
      continue;
    }
    const text = readFileSync(`${MIGRATIONS_FOLDER}/${entry.tag}.sql`, "utf8");
    for (const statement of text
      .split("--> statement-breakpoint")
      .map((x) => x.trim())
      .filter(Boolean)) {
      try {
        await handle.db.execute(sql.raw(statement));
      } catch (error) {
        const code =
          (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
        // duplicate table/index, column, object (constraint), schema
        if (!["42P07", "42701", "42710", "42P06"].includes(code ?? "")) {
          throw error;
        }
      }
    }
    await handle.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${`bench:${entry.tag}`}, ${entry.when})`,
    );
  }
}

async function prepare(): Promise<void> {
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const handle: DatabaseHandle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  try {
    await migrateDatabase(handle);
    let t = performance.now();
    const loaded = await writeDemoPortfolio({
      handle,
      skipForeignKeyChecks: true,
      options: { customers: Number(values.customers), years: 3, seed: 42, asOf: AS_OF },
    });
    out(
      `loaded ${loaded.counts.customers} customers, ${loaded.counts.invoices} invoices in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    t = performance.now();
    for (const asOf of ["2025-03-31", AS_OF]) {
      await runAssessments({ handle, asOf, baseCurrency: "CNY", trigger: "bulk", triggeredBy: "bench" });
    }
    // A standard limit per customer of about six months of its invoicing (currency of the
    // invoices): with 30–90-day terms the open balance uses about half of it, and a realistic
    // minority with a peak runs close to it — so that limit utilisation is measured.
    await handle.db.execute(sql`
      insert into credit_accounts (customer_id) select id from customers on conflict do nothing`);
    await handle.db.execute(sql`
      insert into credit_limits (account_id, customer_id, currency, amount_minor, valid_from, created_by)
      select a.id, a.customer_id, s.currency, greatest(1000000, round(s.monthly * 6, -4))::bigint, '2024-01-01', 'bench'
      from credit_accounts a
      join (
        select distinct on (customer_id) customer_id, currency, sum(amount_minor) / 12.0 as monthly
        from invoices where issued_on > ${AS_OF}::date - 365 and issued_on <= ${AS_OF}::date
        group by customer_id, currency order by customer_id, sum(amount_minor) desc
      ) s on s.customer_id = a.customer_id`);
    await handle.db.execute(sql`analyze`);
    out(`assessed twice and set limits in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    await handle.close();
  }
}

interface Measurement {
  customers: number;
  bareSeconds: number;
  runs: {
    label: string;
    wallSeconds: number;
    customers: number;
    evaluated: number;
    breaches: number;
    opened: number;
    updated: number;
    holds: number;
    phases: { load: number; evaluate: number; write: number; total: number };
    notes: string[];
  }[];
  alertedCustomers: number;
  criticalCustomers: number;
  peakRssMiB: number;
}

if (!(await prepared())) {
  await prepare();
}
const versions: { label: string; script: string; cwd: string }[] = [
  { label: "this version", script: new URL("./measure.ts", import.meta.url).pathname, cwd: process.cwd() },
  ...(values["compare-with"]
    ? [
        {
          label: `compared: ${values["compare-with"]}`,
          script: `${values["compare-with"]}/bench/monitor/measure.ts`,
          cwd: values["compare-with"],
        },
      ]
    : []),
];
const results = new Map<string, Measurement[]>(versions.map((v) => [v.label, []]));
for (let i = 0; i < Number(values.repeat); i++) {
  // Alternate the order so neither version always runs on a warmer cache.
  for (const v of i % 2 === 0 ? versions : [...versions].reverse()) {
    const text = execFileSync(
      process.execPath,
      ["--import", "tsx", v.script, "--url", url.toString(), "--as-of", AS_OF],
      { encoding: "utf8", maxBuffer: 1 << 24, cwd: v.cwd },
    );
    const m = JSON.parse(text.trim().split("\n").at(-1)!) as Measurement;
    results.get(v.label)!.push(m);
    const [first, second] = m.runs;
    out(
      `#${i + 1} ${v.label}: bare SQL ${m.bareSeconds.toFixed(1)} s | first run ${first!.wallSeconds.toFixed(1)} s (load ${first!.phases.load}, evaluate ${first!.phases.evaluate}, write ${first!.phases.write}; ${first!.opened} alerts) | second run ${second!.wallSeconds.toFixed(1)} s (${second!.updated} updated, ${second!.opened} new) | peak RSS ${m.peakRssMiB} MiB`,
    );
  }
}
const spread = (xs: number[], digits = 1) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]!.toFixed(digits)} (${s[0]!.toFixed(digits)}–${s.at(-1)!.toFixed(digits)})`;
};
const row = (label: string, pick: (m: Measurement) => number, digits = 1) =>
  `  ${label.padEnd(38)}${versions.map((v) => spread(results.get(v.label)!.map(pick), digits).padEnd(26)).join("")}`;
const m0 = results.get(versions[0]!.label)![0]!;
out("");
out(
  `PostgreSQL, ${m0.customers} customers, as of ${AS_OF}, ${values.repeat} repetitions — median (min–max), seconds unless noted:`,
);
out(`  ${"".padEnd(38)}${versions.map((v) => v.label.padEnd(26)).join("")}`);
out(row("bare SQL baseline (one pass)", (m) => m.bareSeconds));
out(row("first nightly run (every alert new)", (m) => m.runs[0]!.wallSeconds));
out(row("  load facts", (m) => m.runs[0]!.phases.load));
out(row("  evaluate rules", (m) => m.runs[0]!.phases.evaluate));
out(row("  write alerts", (m) => m.runs[0]!.phases.write));
out(row("second nightly run (dedup)", (m) => m.runs[1]!.wallSeconds));
out(row("first run / bare SQL", (m) => m.runs[0]!.wallSeconds / m.bareSeconds, 2));
out(row("peak RSS (MiB)", (m) => m.peakRssMiB, 0));
out(row("alerts raised", (m) => m.runs[0]!.opened, 0));
out(row("customers alerted (%)", (m) => (100 * m.alertedCustomers) / m.customers));
out(row("customers with a critical alert (%)", (m) => (100 * m.criticalCustomers) / m.customers));
out(row("credit holds placed", (m) => m.runs[0]!.holds, 0));
out(`  target: first nightly run < 120 s`);
for (const n of m0.runs[0]!.notes) {
  out(`  note: ${n}`);
}
