import {
  type DemoCustomerBundle,
  type DemoOptions,
  generateFxRates,
  generatePortfolio,
  parseDemoOptions,
} from "@creditdesk/core/demo";
import {
  csvLine,
  customers,
  type DatabaseHandle,
  fxRates,
  invoices,
  payments,
  type TxSession,
} from "@creditdesk/db";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { DEMO_TABLE_KEYS, DEMO_TABLES, type DemoTable, type DemoTableKey } from "./demo-tables.ts";

/** Rows written per table, plus fx rates, customers and the time taken. */
export type DemoRowCounts = Record<DemoTableKey, number> & { fxRates: number };

export interface WriteDemoResult {
  /** False when `onlyIfEmpty` found customers already there (nothing written). */
  seeded: boolean;
  counts: DemoRowCounts;
  seconds: number;
  options: DemoOptions;
}

export interface WriteDemoOptions {
  handle: DatabaseHandle;
  options: DemoOptions;
  /** Write nothing if the customers table has rows (checked under a table lock, in the same transaction). */
  onlyIfEmpty?: boolean;
  /**
   * Rows buffered (over all tables) before a batch is copied. PGlite buffers each COPY into one
   * Blob, so it wants batches of ≤ ~50,000 rows; PostgreSQL streams and takes larger ones.
   */
  batchRows?: number;
  /**
   * PostgreSQL only: skip foreign-key triggers during the load (`session_replication_role =
   * replica`, needs a superuser or a role granted that setting). The generator guarantees the
   * references, and per-row foreign-key checks are most of the cost of a multi-million-row load.
   */
  skipForeignKeyChecks?: boolean;
  /** Called after each batch with the customers written so far. */
  onProgress?: (customersWritten: number, total: number) => void;
}

/** Lines of one table gathered into chunks of ~64 kB, so COPY gets few, large writes. */
class TableBuffer {
  chunks: string[] = [];
  current = "";
  rows = 0;
  push(line: string): void {
    this.current += line;
    this.rows++;
    if (this.current.length > 65_536) {
      this.chunks.push(this.current);
      this.current = "";
    }
  }
  drain(): string[] {
    if (this.current) {
      this.chunks.push(this.current);
    }
    const out = this.chunks;
    this.chunks = [];
    this.current = "";
    this.rows = 0;
    return out;
  }
}

async function maxId(tx: TxSession, table: PgTable): Promise<number> {
  const rows = await tx.db.execute<{ max: number | string | null }>(
    sql`select coalesce(max(id), 0) as max from ${table}`,
  );
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    max: number | string | null;
  }[];
  return Number(list[0]?.max ?? 0);
}

function copyTarget(spec: DemoTable) {
  return sql`${spec.table} (${sql.join(
    spec.columns.map((c) => sql.identifier(c)),
    sql`, `,
  )})`;
}

/**
 * Streams the demo portfolio into the database: customers are generated one at a time, their rows
 * serialised to CSV per table and copied (COPY … FROM) in batches, all in one transaction so that a
 * failed load leaves nothing behind. Ids of customers, invoices and payments are assigned here
 * (after the current maximum) so that child rows can reference them without a round trip; their
 * identity sequences are moved past the new ids at the end. Fx rates are inserted with
 * ON CONFLICT DO NOTHING (rates already there win).
 */
export async function writeDemoPortfolio(input: WriteDemoOptions): Promise<WriteDemoResult> {
  const options = parseDemoOptions(input.options);
  const batchRows = input.batchRows ?? (input.handle.kind === "pglite" ? 40_000 : 200_000);
  const started = performance.now();
  const counts = Object.fromEntries([...DEMO_TABLE_KEYS, "fxRates"].map((k) => [k, 0])) as DemoRowCounts;

  const seeded = await input.handle.transaction(async (tx) => {
    if (input.onlyIfEmpty) {
      // Serialises concurrent seeders: the second waits, then sees the first one's customers.
      await tx.db.execute(sql`lock table ${customers} in share row exclusive mode`);
      const existing = await tx.db.select({ id: customers.id }).from(customers).limit(1);
      if (existing.length > 0) {
        return false;
      }
    }
    if (input.skipForeignKeyChecks && input.handle.kind === "postgres") {
      await tx.db.execute(sql`set local session_replication_role = replica`);
    }
    let nextCustomerId = (await maxId(tx, customers)) + 1;
    let nextInvoiceId = (await maxId(tx, invoices)) + 1;
    let nextPaymentId = (await maxId(tx, payments)) + 1;
    const firstIds = { customers: nextCustomerId, invoices: nextInvoiceId, payments: nextPaymentId };

    const buffers = new Map<DemoTableKey, TableBuffer>(DEMO_TABLES.map((t) => [t.key, new TableBuffer()]));
    let buffered = 0;
    let written = 0;
    // One batch may be in flight while the next is generated: COPY runs in the database server
    // while this process builds rows, and at most two batches are ever held in memory.
    let inFlight: Promise<void> | null = null;
    const flush = async () => {
      const batch: [DemoTable, string[]][] = [];
      for (const spec of DEMO_TABLES) {
        const buffer = buffers.get(spec.key) as TableBuffer;
        if (buffer.rows > 0) {
          counts[spec.key] += buffer.rows;
          batch.push([spec, buffer.drain()]);
        }
      }
      buffered = 0;
      await inFlight;
      const done = written;
      inFlight = (async () => {
        for (const [spec, chunks] of batch) {
          await tx.copyFrom(copyTarget(spec), chunks);
        }
        input.onProgress?.(done, options.customers);
      })();
      // A failure is rethrown where the batch is awaited; until then it must not count as unhandled.
      inFlight.catch(() => undefined);
    };

    for (const bundle of generatePortfolio(options) as Iterable<DemoCustomerBundle>) {
      const ids = {
        customerId: nextCustomerId++,
        firstInvoiceId: nextInvoiceId,
        firstPaymentId: nextPaymentId,
      };
      nextInvoiceId += bundle.invoices.length;
      nextPaymentId += bundle.payments.length;
      for (const spec of DEMO_TABLES) {
        const buffer = buffers.get(spec.key) as TableBuffer;
        for (const values of spec.rows(bundle, ids)) {
          buffer.push(csvLine(values));
          buffered++;
        }
      }
      written++;
      if (buffered >= batchRows) {
        await flush();
      } else if (inFlight && written % 20 === 0) {
        // Let the socket drain into the server between customers.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await flush();
    await inFlight;

    // The ids above were assigned by us: move each identity sequence past them.
    const moved: [PgTable, string, number, number][] = [
      [customers, "customers", firstIds.customers, nextCustomerId],
      [invoices, "invoices", firstIds.invoices, nextInvoiceId],
      [payments, "payments", firstIds.payments, nextPaymentId],
    ];
    for (const [, name, first, next] of moved) {
      if (next > first) {
        await tx.db.execute(sql`select setval(pg_get_serial_sequence(${name}, 'id'), ${next - 1})`);
      }
    }

    const rates = generateFxRates(options);
    for (let i = 0; i < rates.length; i += 1000) {
      const chunk = rates.slice(i, i + 1000);
      const inserted = await tx.db
        .insert(fxRates)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ d: fxRates.rateDate });
      counts.fxRates += inserted.length;
    }
    return true;
  });
  if (seeded) {
    // Fresh planner statistics after a bulk load: PGlite has no autovacuum, and on PostgreSQL it
    // would come too late for the assessment that usually follows (bad estimates → nested loops).
    await input.handle.db.execute(sql`analyze`);
  }

  return { seeded, counts, seconds: (performance.now() - started) / 1000, options };
}
