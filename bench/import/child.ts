/**
 * One measured step of the import benchmark, run in its own process so that its peak RSS is its
 * own: `import <entity> <file>` (our importFile), `copy <file>` (raw COPY of the same CSV into a
 * plain table), `copy-like <file>` (raw COPY of the resolved rows into a copy of invoices with its
 * indexes, constraints and foreign key), `copy-bulk <file>` (the same rows into a copy of invoices
 * without indexes or keys, which are then built once: the floor for any loader of invoices) or
 * `customer-ids`. Database from DATABASE_URL, else PGlite in CREDITDESK_DATA_DIR. Prints one JSON line.
 */
import { createReadStream, readFileSync } from "node:fs";
import type { ImportEntity } from "@creditdesk/core/import";
import { type DatabaseHandle, migrateDatabase, openDatabase } from "@creditdesk/db";
import { importFile } from "@creditdesk/lib/import";
import { sql } from "drizzle-orm";

const [command, ...args] = process.argv.slice(2);

/**
 * Raw COPY of `file` (CSV with a header) into `table`: the baseline. `like` makes the table a
 * copy of invoices with all its indexes, constraints and defaults plus its foreign key to
 * customers — the work any loader of invoices must make the database do.
 */
async function rawCopy(
  handle: DatabaseHandle,
  file: string,
  kind: "plain" | "like" | "bulk",
): Promise<number> {
  const like = kind !== "plain";
  await handle.db.execute(sql`drop table if exists bench_raw_invoices`);
  if (kind === "bulk") {
    // invoices' columns, defaults, identity and checks, but no index and no key yet.
    await handle.db.execute(
      sql`create table bench_raw_invoices (like invoices including defaults including constraints including identity)`,
    );
  } else if (like) {
    await handle.db.execute(sql`create table bench_raw_invoices (like invoices including all)`);
    await handle.db.execute(
      sql`alter table bench_raw_invoices add foreign key (customer_id) references customers (id)`,
    );
  } else {
    await handle.db.execute(
      sql`create table bench_raw_invoices (invoice_number text, customer_code text, issued_on date, due_on date, amount numeric, currency text)`,
    );
  }
  const columns = like
    ? "bench_raw_invoices (invoice_number, customer_id, issued_on, due_on, amount_minor, currency)"
    : "bench_raw_invoices";
  const started = performance.now();
  if (handle.kind === "pglite") {
    // PGlite reads COPY input from a Blob: the whole file, as PGlite's own COPY has to.
    const client = (
      handle.db as unknown as {
        $client: { query(q: string, p: unknown[], o: { blob: Blob }): Promise<unknown> };
      }
    ).$client;
    await client.query(`copy ${columns} from '/dev/blob' with (format csv, header true)`, [], {
      blob: new Blob([readFileSync(file)]),
    });
  } else {
    await handle.transaction(async (tx) => {
      const chunks = createReadStream(file, { highWaterMark: 1 << 20, encoding: "utf8" });
      let first = true;
      async function* withoutHeader(): AsyncGenerator<string> {
        for await (const c of chunks) {
          const s = String(c);
          if (first) {
            first = false;
            yield s.slice(s.indexOf("\n") + 1);
          } else {
            yield s;
          }
        }
      }
      await tx.copyFrom(sql.raw(columns), withoutHeader());
    });
  }
  if (kind === "bulk") {
    // The bulk-load method at its best: keys and indexes built once, after the load.
    await handle.db.execute(sql`alter table bench_raw_invoices add primary key (id)`);
    await handle.db.execute(sql`create unique index on bench_raw_invoices (invoice_number)`);
    await handle.db.execute(sql`create index on bench_raw_invoices (customer_id, due_on)`);
    await handle.db.execute(
      sql`alter table bench_raw_invoices add foreign key (customer_id) references customers (id)`,
    );
  }
  return (performance.now() - started) / 1000;
}

const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.CREDITDESK_DATA_DIR,
});
await migrateDatabase(handle);
let result: Record<string, unknown>;
if (command === "import") {
  const [entity, file] = args as [ImportEntity, string];
  const started = performance.now();
  // BENCH_BULK_ROWS: the foreign-key bulk threshold (a huge value keeps the per-row checks).
  const bulkRows = process.env.BENCH_BULK_ROWS ? Number(process.env.BENCH_BULK_ROWS) : undefined;
  // BENCH_BULK_INDEX_ROWS: the index-rebuild threshold (a huge value keeps per-row index upkeep).
  const bulkIndexRows = process.env.BENCH_BULK_INDEX_ROWS
    ? Number(process.env.BENCH_BULK_INDEX_ROWS)
    : undefined;
  const s = await importFile({ handle, entity, file, mode: "strict", bulkRows, bulkIndexRows });
  const seconds = (performance.now() - started) / 1000;
  result = {
    seconds,
    status: s.status,
    rowsRead: s.rowsRead,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    problems: s.problems.slice(0, 3),
    timings: s.timings,
  };
} else if (command === "copy") {
  result = { seconds: await rawCopy(handle, args[0] as string, "plain") };
} else if (command === "copy-like") {
  result = { seconds: await rawCopy(handle, args[0] as string, "like") };
} else if (command === "copy-bulk") {
  result = { seconds: await rawCopy(handle, args[0] as string, "bulk") };
} else if (command === "customer-ids") {
  // code → id of the imported customers, for the copy-like file.
  const r = (await handle.db.execute(sql`select code, id from customers`)) as unknown as {
    rows: { code: string; id: number }[];
  };
  result = { seconds: 0, ids: Object.fromEntries(r.rows.map((x) => [x.code, Number(x.id)])) };
} else {
  throw new Error(`unknown command ${command}`);
}
await handle.close();
// maxRSS is in kilobytes.
// cpuSeconds: this process's CPU time since it started — with PGlite (in this process) all of
// the work, a figure a busy machine does not inflate the way it inflates wall time.
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
