/**
 * Credit-check benchmark: `npx tsx bench/credit-check/run.ts [--seconds 5] [--pool 16]`.
 * Creates a fresh PostgreSQL database `cdbench_<random>` on BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test), migrates it, seeds 10,000 customers with limits (one hot
 * customer gets every check — the worst case for the row lock), starts the HTTP API on a real
 * socket and measures POST /credit-checks per second and p50/p99 latency at 1, 8 and 32 concurrent
 * clients. Beside it, the bare baseline: a node-postgres pool doing only BEGIN; SELECT … FOR
 * UPDATE; UPDATE; INSERT; COMMIT at the same concurrency. Finally checks that the approved
 * reservations of the hot customer never exceed its limit. Targets: ≥ half the bare rate at 32
 * clients, p99 < 50 ms, no over-limit approval.
 */
import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildServer } from "../../apps/server/src/build-server.ts";
import { testCredentials } from "../../apps/server/src/shared/test-client.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 5);
const POOL = arg("pool", 16);
const LEVELS = [1, 8, 32];
const HOT_LIMIT_MINOR = 2_000_000_00;
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const name = `cdbench_${randomBytes(4).toString("hex")}`;
const url = (() => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
})();

interface Result {
  level: number;
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `task` in `level` loops for SECONDS; returns rate and latency percentiles (ms). */
async function measure(level: number, task: (worker: number, i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: level }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        await task(worker, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    level,
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const handle = await openDatabase({ databaseUrl: url, poolSize: POOL });
  const bare = new pg.Pool({ connectionString: url, max: POOL });
  try {
    await migrateDatabase(handle);
    await handle.db.execute(sql`
      insert into customers (code, legal_name) select 'B' || g, 'Bench customer ' || g from generate_series(1, 10000) g`);
    await handle.db.execute(
      sql`insert into credit_accounts (customer_id, segment) select id, 'default' from customers`,
    );
    await handle.db.execute(sql`
      insert into credit_limits (account_id, customer_id, segment, kind, currency, amount_minor, valid_from, created_by)
      select a.id, a.customer_id, 'default', 'standard', 'CNY',
        case when c.code = 'B1' then ${HOT_LIMIT_MINOR}::int8 else 10000000 end, current_date - 1, 'bench'
      from credit_accounts a join customers c on c.id = a.customer_id`);
    await handle.db.execute(sql`
      insert into invoices (invoice_number, customer_id, issued_on, due_on, currency, amount_minor)
      select 'BI-' || g, (select id from customers where code = 'B1'), current_date - 10, current_date + 20, 'CNY', 1000000
      from generate_series(1, 50) g`);
    await bare.query(`create table bench_bare_accounts (id int primary key, used bigint not null default 0)`);
    await bare.query(
      `create table bench_bare_log (id bigserial primary key, account_id int, amount bigint, at timestamptz default now())`,
    );
    await bare.query(`insert into bench_bare_accounts (id) values (1)`);

    const app = await buildServer({ handle });
    // Sign-in is required: act through an API token of an admin user, as an ERP integration would.
    const { token } = await testCredentials(handle, "admin");
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const endpoint = `http://127.0.0.1:${port}/credit-checks`;
    let seq = 0;
    let failures = 0;
    const outcomes = { approved: 0, blocked: 0 };
    const check = async () => {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          customer: "B1",
          amountMinor: 50_000,
          currency: "CNY",
          orderReference: `BO-${++seq}`,
        }),
      });
      const body = (await response.json()) as { outcome?: "approved" | "blocked" };
      if (response.status !== 200 || !body.outcome) {
        if (failures++ === 0) {
          console.error("first failure", response.status, JSON.stringify(body));
        }
      } else {
        outcomes[body.outcome]++;
      }
    };
    const bareTx = async () => {
      const client = await bare.connect();
      try {
        await client.query("begin");
        await client.query("select id, used from bench_bare_accounts where id = 1 for update");
        await client.query("update bench_bare_accounts set used = used + 1 where id = 1");
        await client.query("insert into bench_bare_log (account_id, amount) values (1, 50000)");
        await client.query("commit");
      } finally {
        client.release();
      }
    };
    // Warm-up (JIT, connection pools).
    await measure(4, check);
    await measure(4, bareTx);
    const rows: Array<{ level: number; ours: Result; bare: Result }> = [];
    for (const level of LEVELS) {
      const ours = await measure(level, check);
      const bareResult = await measure(level, bareTx);
      rows.push({ level, ours, bare: bareResult });
    }
    await app.close();
    const [hot] = await queryRows<{ reserved: number; receivables: number }>(
      handle.db,
      sql`
        select coalesce(sum(c.reserved_minor), 0)::int8 as reserved,
          (select coalesce(sum(amount_minor), 0) from invoices i join customers x on x.id = i.customer_id where x.code = 'B1')::int8 as receivables
        from credit_checks c join customers x on x.id = c.customer_id
        where x.code = 'B1' and c.reservation_status = 'active'`,
    );
    const used = (hot?.reserved ?? 0) + (hot?.receivables ?? 0);
    const fmt = (n: number) => n.toFixed(1).padStart(8);
    console.log(
      `database ${name}, pool ${POOL}, ${SECONDS}s per level, 10,000 customers, all checks on the hot one`,
    );
    console.log("clients  checks/s  p50 ms  p99 ms |  bare tx/s  p50 ms  p99 ms | ratio");
    for (const { level, ours, bare: b } of rows) {
      console.log(
        `${String(level).padStart(7)} ${fmt(ours.perSecond)} ${fmt(ours.p50)} ${fmt(ours.p99)} | ${fmt(b.perSecond)} ${fmt(b.p50)} ${fmt(b.p99)} | ${(ours.perSecond / b.perSecond).toFixed(2)}`,
      );
    }
    console.log(
      `outcomes: ${outcomes.approved} approved, ${outcomes.blocked} blocked, ${failures} failed; hot exposure ${used} ≤ limit ${HOT_LIMIT_MINOR}: ${used <= HOT_LIMIT_MINOR ? "yes" : "NO — OVER LIMIT"}`,
    );
    const at32 = rows.find((r) => r.level === 32);
    if (at32) {
      console.log(
        `targets: ratio at 32 ${(at32.ours.perSecond / at32.bare.perSecond).toFixed(2)} (≥ 0.5), p99 ${at32.ours.p99.toFixed(1)} ms (< 50)`,
      );
    }
  } finally {
    await bare.end();
    await handle.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

await main();
