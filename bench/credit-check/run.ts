/**
 * Credit-check benchmark: `npx tsx bench/credit-check/run.ts [--seconds 5] [--pool 16] [--rounds 1]
 * [--levels 1,8,32] [--no-bare]`.
 * Creates a fresh PostgreSQL database `cdbench_<random>` on BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test), migrates it, seeds 10,000 customers with limits and a
 * credit check history (seed.ts; one hot customer gets every check — the worst case for the row
 * lock), starts the HTTP API on a real socket and measures POST /credit-checks per second and
 * p50/p99 latency at 1, 8 and 32 concurrent clients (node:http clients in a worker thread,
 * http-load.mjs — `--in-process` to run fetch clients on the server's own event loop instead).
 * Beside it, the bare baseline: a node-postgres pool doing only BEGIN; SELECT … FOR UPDATE;
 * UPDATE; INSERT; COMMIT at the same concurrency. Finally checks that the approved reservations of
 * the hot customer never exceed its limit. Targets: ≥ half the bare rate at 32 clients, p99 < 50 ms,
 * no over-limit approval.
 */
import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import { migrateDatabase, openDatabase, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildServer } from "../../apps/server/src/build-server.ts";
import { testCredentials } from "../../apps/server/src/shared/test-client.ts";
import { HOT_LIMIT_MINOR, seedBench } from "./seed.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 5);
const POOL = arg("pool", 16);
const LEVELS = (() => {
  const i = process.argv.indexOf("--levels");
  return i >= 0
    ? String(process.argv[i + 1])
        .split(",")
        .map(Number)
    : [1, 8, 32];
})();
// --no-bare: only our checks (for profiling the server alone, e.g. under --cpu-prof).
const NO_BARE = process.argv.includes("--no-bare");
const ROUNDS = arg("rounds", 1);
const IN_PROCESS = process.argv.includes("--in-process");
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

function summarise(level: number, latencies: number[], elapsed: number): Result {
  latencies.sort((a, b) => a - b);
  return {
    level,
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

interface LoadReport {
  latencies: number[];
  elapsed: number;
  approved: number;
  blocked: number;
  failures: number;
  firstFailure: string | null;
}

/** `level` HTTP clients for SECONDS in a worker thread (http-load.mjs). */
function measureInWorker(options: {
  level: number;
  endpoint: string;
  token: string;
  prefix: string;
}): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./http-load.mjs", import.meta.url), {
      workerData: { ...options, seconds: SECONDS },
    });
    worker.once("message", (report: LoadReport) => resolve(report));
    worker.once("error", reject);
  });
}

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
  return summarise(level, latencies, (performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const handle = await openDatabase({ databaseUrl: url, poolSize: POOL });
  const bare = new pg.Pool({ connectionString: url, max: POOL });
  // DROP DATABASE … WITH (FORCE) at the end closes the idle connections of this pool.
  bare.on("error", () => undefined);
  try {
    await migrateDatabase(handle);
    await seedBench(handle);
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
    let run = 0;
    const ours = async (level: number): Promise<Result> => {
      if (IN_PROCESS) {
        return measure(level, check);
      }
      const report = await measureInWorker({ level, endpoint, token, prefix: `BW${++run}` });
      outcomes.approved += report.approved;
      outcomes.blocked += report.blocked;
      if (report.failures > 0 && failures === 0 && report.firstFailure) {
        console.error("first failure", report.firstFailure);
      }
      failures += report.failures;
      return summarise(level, report.latencies, report.elapsed);
    };
    // Warm-up (JIT, connection pools).
    await ours(4);
    if (!NO_BARE) {
      await measure(4, bareTx);
    }
    // Alternating ours and bare at each level, ROUNDS times: the machine's load drifts, the ratio
    // of neighbours is what means something.
    const rows: Array<{ round: number; level: number; ours: Result; bare: Result }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const level of LEVELS) {
        const oursResult = await ours(level);
        const bareResult = NO_BARE ? summarise(level, [], 1) : await measure(level, bareTx);
        rows.push({ round, level, ours: oursResult, bare: bareResult });
      }
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
      `database ${name}, pool ${POOL}, ${SECONDS}s per level, 10,000 customers, all checks on the hot one, HTTP clients ${IN_PROCESS ? "in the server's thread" : "in a worker thread"}`,
    );
    console.log("round clients  checks/s  p50 ms  p99 ms |  bare tx/s  p50 ms  p99 ms | ratio");
    for (const { round, level, ours: o, bare: b } of rows) {
      console.log(
        `${String(round).padStart(5)} ${String(level).padStart(7)} ${fmt(o.perSecond)} ${fmt(o.p50)} ${fmt(o.p99)} | ${fmt(b.perSecond)} ${fmt(b.p50)} ${fmt(b.p99)} | ${(o.perSecond / b.perSecond).toFixed(2)}`,
      );
    }
    console.log(
      `outcomes: ${outcomes.approved} approved, ${outcomes.blocked} blocked, ${failures} failed; hot exposure ${used} ≤ limit ${HOT_LIMIT_MINOR}: ${used <= HOT_LIMIT_MINOR ? "yes" : "NO — OVER LIMIT"}`,
    );
    const at32 = rows.filter((r) => r.level === 32);
    if (at32.length > 0) {
      const ratios = at32.map((r) => r.ours.perSecond / r.bare.perSecond);
      const p99s = at32.map((r) => r.ours.p99);
      console.log(
        `targets at 32 clients: ratio ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (≥ 0.5), p99 ${Math.min(...p99s).toFixed(1)}–${Math.max(...p99s).toFixed(1)} ms (< 50)`,
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
