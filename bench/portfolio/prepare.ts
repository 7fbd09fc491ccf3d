/**
 * Prepares the PostgreSQL database the portfolio benchmark runs on: `cdbench_portfolio` on
 * BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), created and migrated once, then
 * filled step by step — only what is missing, so a re-run reuses the data:
 * 1. the demo portfolio (seed 42, 3 years to as-of; ≈ 50 invoices per customer, as bench/assess);
 * 2. one bulk assessment run as of as-of (the PDs and grades EL and the grade distribution use);
 * 3. a standard credit limit per customer (the demo generator writes none), set-wise in SQL.
 *
 *   npx tsx bench/portfolio/prepare.ts [--customers 100000] [--as-of 2025-06-30]
 */
import { readdirSync, readFileSync } from "node:fs";
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
import { closeArSnapshotMonths } from "@creditdesk/lib/portfolio";
import { sql } from "drizzle-orm";
import pg from "pg";

export const BENCH_DATABASE = "cdbench_portfolio";

async function admin(base: string, statement: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

const count = async (handle: DatabaseHandle, table: string) =>
  (await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int8 as n from ${table}`)))[0]?.n ?? 0;

/** Tables the portfolio queries read that a database loaded before them may lack. */
const NEEDED_TABLES = [
  "insurance_policies",
  "insured_limits",
  "factored_receivables",
  "portfolio_concentration_limits",
  "portfolio_settings",
  "portfolio_stress_scenarios",
  "portfolio_ar_snapshots",
  "portfolio_ar_snapshot_months",
  "portfolio_ar_snapshot_stale",
  "portfolio_order_states",
  "portfolio_customer_states",
];

/**
 * Creates the tables of NEEDED_TABLES (with their indexes and constraints) from the pending
 * migrations when the database predates them — the benchmark database is migrated once and kept,
 * while the pending migration is still being regenerated.
 */
async function ensureTables(handle: DatabaseHandle): Promise<void> {
  const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql") && !f.startsWith("0000"));
  const statements = files.flatMap((f) =>
    readFileSync(`${MIGRATIONS_FOLDER}/${f}`, "utf8")
      .split("--> statement-breakpoint")
      .map((x) => x.trim()),
  );
  const mine = (statement: string) => {
    const target = /^(?:CREATE TABLE|ALTER TABLE|CREATE (?:UNIQUE )?INDEX "[^"]+" ON) "([^"]+)"/.exec(
      statement,
    )?.[1];
    return target !== undefined && NEEDED_TABLES.includes(target);
  };
  for (const statement of statements.filter(mine)) {
    try {
      await handle.db.execute(sql.raw(statement));
    } catch (error) {
      const code =
        (error as { cause?: { code?: string }; code?: string }).cause?.code ??
        (error as { code?: string }).code;
      // Already there (table, index, constraint), or a column of another table not yet present.
      if (!["42P07", "42710", "42701", "42703", "42P01"].includes(code ?? "")) {
        throw error;
      }
    }
  }
}

/** Opens (creating and filling when needed) the benchmark database; logs each step it has to do. */
export async function preparePortfolioDatabase(options: {
  base: string;
  customers: number;
  asOf: string;
  log: (line: string) => void;
}): Promise<DatabaseHandle> {
  const { base, asOf, log } = options;
  const exists = (await admin(base, "select 1 from pg_database where datname = $1", [BENCH_DATABASE]))
    .rowCount;
  if (!exists) {
    await admin(base, `create database ${BENCH_DATABASE}`);
  }
  const url = new URL(base);
  url.pathname = `/${BENCH_DATABASE}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  if (!exists) {
    await migrateDatabase(handle);
  }
  await ensureTables(handle);
  if ((await count(handle, "customers")) === 0) {
    const t = performance.now();
    const r = await writeDemoPortfolio({
      handle,
      skipForeignKeyChecks: true,
      options: { customers: options.customers, years: 3, seed: 42, asOf },
    });
    await handle.db.execute(sql`analyze`);
    log(
      `loaded ${r.counts.customers} customers, ${r.counts.invoices} invoices in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
  }
  if ((await count(handle, "assessments")) === 0) {
    const t = performance.now();
    const run = await runAssessments({
      handle,
      asOf,
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "bench",
    });
    log(`assessed ${run.customers} customers in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  if ((await count(handle, "credit_limits")) === 0) {
    const t = performance.now();
    // A limit of 1.5 × the customer's invoiced amount of the last 90 days (at least 10,000.00 CNY),
    // so that utilisation spreads around 100 % and some customers exceed their limit.
    await handle.transaction(async (tx) => {
      await tx.db.execute(sql`
        insert into credit_accounts (customer_id, segment)
        select id, 'default' from customers on conflict do nothing`);
      await tx.db.execute(sql`
        insert into credit_limits (account_id, customer_id, segment, kind, currency, amount_minor, valid_from, created_by, created_at)
        select a.id, a.customer_id, 'default', 'standard', 'CNY',
          greatest(1000000, (coalesce(s.invoiced, 0) * 1.5)::int8), '2025-01-01', 'bench', '2025-01-01'
        from credit_accounts a
        left join (
          select customer_id, sum(amount_minor) as invoiced from invoices
          where issued_on > ${asOf}::date - 90 and issued_on <= ${asOf}::date and currency = 'CNY'
          group by customer_id
        ) s on s.customer_id = a.customer_id`);
    });
    await handle.db.execute(sql`analyze credit_accounts, credit_limits`);
    log(`set credit limits in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  if ((await count(handle, "portfolio_ar_snapshot_months")) === 0) {
    // The month close the scheduler runs daily (`runMonthEndArClose`): month-end receivables
    // snapshots for the 12-month trend and its opening month, so the view reads them as it does
    // in production. Timed here, not in the measurement.
    const t = performance.now();
    const r = await closeArSnapshotMonths({ handle, through: asOf, firstMonths: 13 });
    log(
      `closed ${r.closed.length} receivables month ends (${r.rows} snapshot rows) in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
  }
  return handle;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      customers: { type: "string", default: "100000" },
      "as-of": { type: "string", default: "2025-06-30" },
    },
  });
  const handle = await preparePortfolioDatabase({
    base: process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test",
    customers: Number(values.customers),
    asOf: values["as-of"],
    log: (line) => console.log(line),
  });
  await handle.close();
}
