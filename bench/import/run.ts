/**
 * Import benchmark: `npx tsx bench/import/run.ts [--rows 1000000] [--customers 20000] [--only pglite|postgres]`.
 * Generates an invoice CSV (and the customers it references), then for PGlite (fresh data dir) and
 * PostgreSQL (a fresh cdbench_<random> database) times our strict import against a raw COPY of the
 * same file into a plain table of the same database, each in its own child process, and prints
 * rows/s, the ratio and peak RSS. Targets: ≥ 1/3 of raw COPY speed; peak RSS < 512 MB.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const ROWS = Number(arg("rows", "1000000"));
const CUSTOMERS = Number(arg("customers", "20000"));
const ONLY = arg("only", "");
const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = "";
  for (let i = 0; i < count; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) {
        await once(out, "drain");
      }
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

const iso = (day: number) => new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

async function generate(dir: string): Promise<{ customers: string; invoices: string }> {
  const customers = join(dir, "customers.csv");
  const invoices = join(dir, "invoices.csv");
  await writeLines(
    customers,
    "customer_code,legal_name,industry,region",
    CUSTOMERS,
    (i) => `C${String(i).padStart(6, "0")},Customer ${i} Co. Ltd,manufacturing,east`,
  );
  await writeLines(invoices, "invoice_number,customer_code,issued_on,due_on,amount,currency", ROWS, (i) => {
    const day = i % 700;
    const minor = 10_000 + ((i * 7919) % 10_000_000);
    return `INV${String(i).padStart(8, "0")},C${String((i * 31) % CUSTOMERS).padStart(6, "0")},${iso(day)},${iso(day + 30 + (i % 60))},${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")},CNY`;
  });
  return { customers, invoices };
}

function child(
  env: NodeJS.ProcessEnv,
  args: string[],
): Record<string, unknown> & { seconds: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, ["--import", "tsx", CHILD, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const last = out.trim().split("\n").pop() ?? "{}";
  return JSON.parse(last);
}

function report(
  kind: string,
  ours: { seconds: number; maxRssMb: number },
  raw: { seconds: number; maxRssMb: number },
  reimport: { seconds: number; maxRssMb: number },
) {
  const oursRate = ROWS / ours.seconds;
  const rawRate = ROWS / raw.seconds;
  console.log(
    `${kind.padEnd(9)} import ${ours.seconds.toFixed(1)} s (${Math.round(oursRate).toLocaleString("en")} rows/s, peak RSS ${ours.maxRssMb.toFixed(0)} MB) | ` +
      `raw COPY ${raw.seconds.toFixed(1)} s (${Math.round(rawRate).toLocaleString("en")} rows/s, peak RSS ${raw.maxRssMb.toFixed(0)} MB) | ` +
      `ratio ${(oursRate / rawRate).toFixed(2)} (target ≥ 0.33) | re-import (all unchanged) ${reimport.seconds.toFixed(1)} s, peak RSS ${reimport.maxRssMb.toFixed(0)} MB`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "cdbench-"));
try {
  console.log(
    `generating ${ROWS.toLocaleString("en")} invoices for ${CUSTOMERS.toLocaleString("en")} customers in ${dir}`,
  );
  const files = await generate(dir);

  if (ONLY !== "postgres") {
    const env = { CREDITDESK_DATA_DIR: join(dir, "pglite"), DATABASE_URL: "" };
    child(env, ["import", "customers", files.customers]);
    const ours = child(env, ["import", "invoices", files.invoices]);
    console.log("pglite import:", JSON.stringify(ours));
    const reimport = child(env, ["import", "invoices", files.invoices]);
    const raw = child(env, ["copy", files.invoices]);
    report("PGlite", ours, raw, reimport);
  }

  if (ONLY !== "pglite") {
    const name = `cdbench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    try {
      const url = new URL(BASE_URL);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString() };
      child(env, ["import", "customers", files.customers]);
      const ours = child(env, ["import", "invoices", files.invoices]);
      console.log("postgres import:", JSON.stringify(ours));
      const reimport = child(env, ["import", "invoices", files.invoices]);
      const raw = child(env, ["copy", files.invoices]);
      report("Postgres", ours, raw, reimport);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
