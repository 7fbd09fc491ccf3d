import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { installAuditGuards } from "./audit/append-only.ts";
import { installReservationTotals } from "./limits/reservation-totals.ts";
import { installPortfolioTriggers } from "./portfolio/ledger-triggers.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath (both speak PostgreSQL). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** One connection inside one transaction: Drizzle for queries, COPY for bulk loads. */
export interface TxSession {
  readonly db: Db;
  /**
   * Streams CSV text (no header) into `target`, e.g. sql`${invoices} (invoice_number, amount_minor)`,
   * through `COPY … FROM STDIN` (PostgreSQL) or `/dev/blob` (PGlite).
   */
  copyFrom(target: SQL, chunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

export interface DatabaseHandle {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  /** Runs `fn` in a single transaction on a single connection; rolls back if it throws. */
  transaction<T>(fn: (tx: TxSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

const casing = "snake_case" as const;
/** Renders `sql` templates to text + params for statements run outside Drizzle (COPY). */
const dialect = new PgDialect({ casing });

/** int8 → JS number (refusing values beyond 2^53), date → "YYYY-MM-DD" string, on both drivers. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  }
  return n;
}
const identity = (value: string) => value;

export interface OpenDatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string | undefined;
  /** A PGlite data image (from `dumpDataDir`) to start from. */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  }
  return openPglite(options.dataDir ?? "memory://", options.loadDataDir);
}

/** PGlite's shared_buffers (see openPglite). */
const PGLITE_SHARED_BUFFERS = "64MB";

async function openPglite(dataDir: string, loadDataDir: Blob | File | undefined): Promise<DatabaseHandle> {
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    dataDir,
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: identity },
    // PGlite's buffer pool lives in its WASM heap, which never shrinks: with the default 128 MB a
    // million-row import peaked at ~540 MB resident, with 64 MB at ~460 MB (bench/import; the
    // target is < 512 MB). Pages it does not cache are still in the OS page cache.
    // CREDITDESK_PGLITE_SHARED_BUFFERS overrides (a PostgreSQL size, e.g. 128MB).
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      `shared_buffers=${process.env.CREDITDESK_PGLITE_SHARED_BUFFERS ?? PGLITE_SHARED_BUFFERS}`,
    ],
  });
  const db = drizzlePglite({ client, schema, casing }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    transaction: (fn) =>
      client.transaction(async (ptx) => {
        // Drizzle's own PGlite transactions wrap the PGlite transaction object exactly so.
        const txDb = drizzlePglite({ client: ptx as unknown as PGlite, schema, casing }) as unknown as Db;
        return fn({
          db: txDb,
          async copyFrom(target, chunks) {
            const { sql: text } = dialect.sqlToQuery(sql`copy ${target} from '/dev/blob' with (format csv)`);
            const parts: string[] = [];
            for await (const chunk of chunks) {
              parts.push(chunk);
            }
            await ptx.query(text, [], { blob: new Blob(parts) });
          },
        });
      }),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  // Drizzle passes its own type parsers per query that fall back to pg's global ones, so the
  // int8/date choice has to be registered globally (once, idempotent).
  pg.types.setTypeParser(20, parseInt8);
  pg.types.setTypeParser(1082, identity);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, DROP DATABASE … WITH (FORCE)) emits
  // 'error' on the pool; unhandled it would end the process. The pool replaces the connection.
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  const db = drizzleNodePg({ client: pool, schema, casing }) as unknown as Db;
  // One Drizzle per pooled connection, made on its first transaction: building one walks the whole
  // schema (relational config), which cost ~0.3 ms of CPU on every transaction of the credit check.
  const txDbs = new WeakMap<pg.PoolClient, Db>();
  return {
    kind: "postgres",
    db,
    async transaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        let txDb = txDbs.get(conn);
        if (!txDb) {
          txDb = drizzleNodePg({ client: conn, schema, casing }) as unknown as Db;
          txDbs.set(conn, txDb);
        }
        const result = await fn({
          db: txDb,
          async copyFrom(target, chunks) {
            const { sql: text } = dialect.sqlToQuery(sql`copy ${target} from stdin with (format csv)`);
            const stream = conn.query(copyFrom(text));
            const done = new Promise<void>((resolve, reject) => {
              stream.on("finish", resolve);
              stream.on("error", reject);
            });
            for await (const chunk of chunks) {
              if (!stream.write(chunk)) {
                await new Promise((resolve) => stream.once("drain", resolve));
              }
            }
            stream.end();
            await done;
          },
        });
        await conn.query("COMMIT");
        return result;
      } catch (error) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Applies the committed SQL migrations (same files, same journal, on both drivers), then the
 * idempotent database-side objects that drizzle-kit does not generate: the audit_log guards
 * (packages/db/src/audit/append-only.ts), the credit check's reservation-total triggers
 * (limits/reservation-totals.ts) and the portfolio triggers.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as Parameters<typeof migratePglite>[0], config);
  } else {
    await migrateNodePg(handle.db as unknown as Parameters<typeof migrateNodePg>[0], config);
  }
  await installAuditGuards(handle.db);
  await installReservationTotals(handle.db);
  await installPortfolioTriggers(handle.db);
}

/** Rows a statement changed, as either driver reports it (node-postgres rowCount, PGlite affectedRows). */
export async function executeCount(db: Db, query: SQL): Promise<number> {
  const r = (await db.execute(query)) as unknown as {
    rowCount?: number | null;
    affectedRows?: number | null;
  };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

/**
 * Runs a `sql` template and returns its rows, on either driver (both answer `{ rows }`). Column
 * types are the caller's promise: int8 → number, date → string, numeric → string.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
