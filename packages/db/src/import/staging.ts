import { type SQL, sql } from "drizzle-orm";
import type { TxSession } from "../client.ts";

/**
 * Field kinds as the import layer (`@creditdesk/core/import`) names them; the database only needs
 * to know which PostgreSQL type stages each kind.
 */
export type StagedKind =
  | "text"
  | "date"
  | "amount"
  | "currency"
  | "integer"
  | "boolean"
  | "decimal"
  | "enum"
  | "identifier"
  | "list";

export interface StagedField {
  readonly name: string;
  readonly kind: StagedKind;
}

export type StagedValue = string | number | boolean | readonly string[] | null;

/** The per-import temporary table: the source row number, then one typed column per staged field. */
export const STAGE = sql.identifier("import_stage");
/** Rows found wrong by the set-wise checks (unknown customer, duplicate key …). */
export const REJECTS = sql.identifier("import_rejects");

function pgType(kind: StagedKind): SQL {
  switch (kind) {
    case "date":
      return sql`date`;
    case "amount":
      return sql`bigint`;
    case "integer":
      return sql`integer`;
    case "boolean":
      return sql`boolean`;
    case "decimal":
      return sql`numeric`;
    case "list":
      return sql`text[]`;
    case "text":
    case "currency":
    case "enum":
    case "identifier":
      return sql`text`;
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/** Creates the staging and rejects tables, dropped at the end of the transaction. */
export async function createStaging(tx: TxSession, fields: readonly StagedField[]): Promise<void> {
  const columns = fields.map((f) => sql`${sql.identifier(f.name)} ${pgType(f.kind)}`);
  await tx.db.execute(
    sql`create temporary table ${STAGE} (src_row integer not null, ${sql.join(columns, sql`, `)}) on commit drop`,
  );
  await tx.db.execute(
    sql`create temporary table ${REJECTS} (src_row integer not null, field text, value text, reason text not null) on commit drop`,
  );
  await tx.db.execute(sql`create temporary table import_bad_keys (key text not null) on commit drop`);
}

/** One staged row: its source row number and values in the order of the staged fields. */
export interface StagedRow {
  readonly row: number;
  readonly values: readonly StagedValue[];
}

/** COPYs one batch of rows into staging (call per batch: PGlite buffers each COPY whole). */
export async function copyToStaging(
  tx: TxSession,
  fields: readonly StagedField[],
  rows: readonly StagedRow[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const target = sql`${STAGE} (src_row, ${sql.join(
    fields.map((f) => sql.identifier(f.name)),
    sql`, `,
  )})`;
  await tx.copyFrom(target, encodeRows(rows));
}

/**
 * COPYs batches into staging through ONE streaming COPY, so that on PostgreSQL the server ingests
 * while the next rows are parsed (PGlite runs in this thread and buffers a COPY whole: there,
 * one COPY per batch).
 */
export async function copyBatchesToStaging(
  tx: TxSession,
  kind: "pglite" | "postgres",
  fields: readonly StagedField[],
  batches: AsyncIterable<readonly StagedRow[]>,
): Promise<void> {
  if (kind === "pglite") {
    for await (const batch of batches) {
      await copyToStaging(tx, fields, batch);
    }
    return;
  }
  const target = sql`${STAGE} (src_row, ${sql.join(
    fields.map((f) => sql.identifier(f.name)),
    sql`, `,
  )})`;
  async function* chunks(): AsyncGenerator<string> {
    for await (const batch of batches) {
      yield* encodeRows(batch);
    }
  }
  await tx.copyFrom(target, chunks());
}

/** Characters of COPY text per PGlite COPY: each COPY's blob passes through PGlite's WASM heap. */
export const PGLITE_COPY_CHARS = 600_000;

/**
 * COPYs staging rows already encoded as COPY CSV lines (`src_row,value,…\n`, see copyCsv): one
 * streaming COPY on PostgreSQL (the server ingests while the caller encodes the next chunk); on
 * PGlite, which buffers a COPY whole, one COPY per ~600 KB of chunks (the small chunk strings are
 * joined into the COPY's blob natively, never into one big JavaScript string).
 */
export async function copyTextToStaging(
  tx: TxSession,
  kind: "pglite" | "postgres",
  fields: readonly StagedField[],
  chunks: AsyncIterable<string>,
): Promise<void> {
  const target = sql`${STAGE} (src_row, ${sql.join(
    fields.map((f) => sql.identifier(f.name)),
    sql`, `,
  )})`;
  if (kind === "postgres") {
    await tx.copyFrom(target, chunks);
    return;
  }
  let parts: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= PGLITE_COPY_CHARS) {
      await tx.copyFrom(target, parts);
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) {
    await tx.copyFrom(target, parts);
  }
}

/** Yields CSV text in ~1 MB chunks so that PostgreSQL's COPY stream gets steady writes. */
function* encodeRows(rows: readonly StagedRow[]): Generator<string> {
  let chunk = "";
  for (const r of rows) {
    let line = String(r.row);
    for (const v of r.values) {
      line += `,${copyCsv(v)}`;
    }
    chunk += `${line}\n`;
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}

/** COPY CSV: NULL is an unquoted empty field; text is quoted when it has to be (or is empty). */
export function copyCsv(value: StagedValue): string {
  if (value === null) {
    return "";
  }
  if (typeof value === "number") {
    return String(value);
  }
  if (typeof value === "boolean") {
    return value ? "t" : "f";
  }
  if (typeof value === "string") {
    return quoteIfNeeded(value);
  }
  const literal = `{${value.map((e) => `"${e.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
  return quoteIfNeeded(literal);
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

function quoteIfNeeded(s: string): string {
  return s === "" || NEEDS_QUOTES.test(s) || s === "\\." ? `"${s.replace(QUOTES, '""')}"` : s;
}

/** Loads keys (e.g. payment references of rows rejected before staging) for set-wise checks. */
export async function copyBadKeys(tx: TxSession, keys: Iterable<string>): Promise<void> {
  const lines: string[] = [];
  for (const k of keys) {
    lines.push(`${quoteIfNeeded(k)}\n`);
  }
  if (lines.length > 0) {
    await tx.copyFrom(sql`import_bad_keys (key)`, [lines.join("")]);
  }
}

/** Runs a statement and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(tx: { db: TxSession["db"] }, query: SQL): Promise<T[]> {
  const result = (await tx.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Lets the set-wise checks hash a whole file in memory on PostgreSQL (the duplicate-key check over
 * a million keys spills to disk at the default 4 MB). Transaction-local. Not on PGlite: its WASM
 * heap keeps whatever it once grew to, and memory is what PGlite runs short of (there, index
 * builds get less memory instead).
 */
export async function tuneStagingSession(tx: TxSession, kind: "pglite" | "postgres"): Promise<void> {
  if (kind === "postgres") {
    await tx.db.execute(sql`set local work_mem = '64MB'`);
  } else {
    // The bulk merge's index builds sort in maintenance_work_mem (64 MB by default), which the
    // WASM heap would keep: a million-row import peaked at 520 MB resident with it. Smaller
    // sorts spill to temporary files instead.
    await tx.db.execute(sql`set local maintenance_work_mem = '16MB'`);
  }
}

/** Gives the planner row counts of the freshly loaded staging table (for the set-wise joins). */
export async function analyzeStaging(tx: TxSession): Promise<void> {
  await tx.db.execute(sql`analyze ${STAGE}`);
}
