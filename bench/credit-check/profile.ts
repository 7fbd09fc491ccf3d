/**
 * Where the time of one credit check goes: `npx tsx bench/credit-check/profile.ts [--n 300] [--clients 1]`.
 * Same database as run.ts (fresh `cdbench_<random>`), then N checks over HTTP by --clients concurrent clients while every
 * statement sent by node-postgres is timed (round trip, as Node sees it) and grouped by its first
 * words; prints statements per check, time per statement kind, and the HTTP total per check.
 * `--explain`: then prints EXPLAIN (ANALYZE, BUFFERS) of the last statement of each kind, run
 * again with its parameters inside a transaction that is rolled back.
 */
import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase } from "@creditdesk/db";
import pg from "pg";
import { buildServer } from "../../apps/server/src/build-server.ts";
import { testCredentials } from "../../apps/server/src/shared/test-client.ts";
import { seedBench } from "./seed.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("n", 300);
const CLIENTS = arg("clients", 1);
const EXPLAIN = process.argv.includes("--explain");
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const name = `cdbench_${randomBytes(4).toString("hex")}`;
const url = (() => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
})();

const stats = new Map<string, { count: number; ms: number }>();
/** The last statement sent of each kind (text and parameters), for --explain. */
const lastOfKind = new Map<string, { text: string; values: unknown[] }>();
let recording = false;
const label = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(with \w+ as \()/i, "$1 ")
    .slice(0, 70);
// Times every statement node-postgres sends (promise form, as Drizzle uses it).
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: string })?.text ?? "?");
  const t0 = performance.now();
  if (recording) {
    const values = typeof first === "object" ? ((first as { values?: unknown[] }).values ?? []) : [];
    lastOfKind.set(label(text), { text, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : values });
  }
  const record = () => {
    const key = label(text);
    const s = stats.get(key) ?? { count: 0, ms: 0 };
    s.count += 1;
    s.ms += performance.now() - t0;
    stats.set(key, s);
  };
  // pg.Pool#query passes a callback (no promise): time it through the callback.
  const last = args[args.length - 1];
  if (recording && typeof last === "function") {
    args[args.length - 1] = (...cbArgs: unknown[]) => {
      record();
      return (last as (...a: unknown[]) => unknown)(...cbArgs);
    };
  }
  const result = original.apply(this, args);
  if (recording && result && typeof (result as Promise<unknown>).then === "function") {
    (result as Promise<unknown>).then(record, () => undefined);
  }
  return result;
};

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 4 });
  try {
    await migrateDatabase(handle);
    await seedBench(handle);
    const app = await buildServer({ handle });
    const { token } = await testCredentials(handle, "admin");
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const check = async (i: number) => {
      const response = await fetch(`http://127.0.0.1:${port}/credit-checks`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          customer: "B1",
          amountMinor: 5_000,
          currency: "CNY",
          orderReference: `P-${i}`,
        }),
      });
      await response.json();
      if (response.status !== 200) {
        throw new Error(`status ${response.status}`);
      }
    };
    for (let i = 0; i < 50; i++) {
      await check(-i - 1);
    }
    recording = true;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < N) {
          await check(next++);
        }
      }),
    );
    const total = performance.now() - t0;
    recording = false;
    await app.close();
    let sqlMs = 0;
    let statements = 0;
    console.log(
      `${N} checks by ${CLIENTS} clients: ${(total / N).toFixed(2)} ms of wall time per check over HTTP`,
    );
    console.log("per check: count  ms  statement");
    for (const [key, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
      sqlMs += s.ms;
      statements += s.count;
      console.log(`${(s.count / N).toFixed(2).padStart(6)} ${(s.ms / N).toFixed(3).padStart(7)}  ${key}`);
    }
    console.log(
      `statements per check ${(statements / N).toFixed(1)}, SQL round trips ${(sqlMs / N).toFixed(2)} ms of ${(total / N).toFixed(2)} ms`,
    );
    if (EXPLAIN) {
      await explainEach(url);
    }
  } finally {
    await handle.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the last statement of each kind, rolled back. */
async function explainEach(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const [key, { text, values }] of lastOfKind) {
      if (!/^\s*(with|select|insert|update)/i.test(text)) {
        continue;
      }
      await original.call(client, "begin");
      const plan = (await original.call(client, `explain (analyze, buffers) ${text}`, values)) as {
        rows: Array<{ "QUERY PLAN": string }>;
      };
      await original.call(client, "rollback");
      console.log(`\n--- ${key}`);
      console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  } finally {
    await client.end();
  }
}

await main();
