import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../client.ts";

/**
 * Generic access to one table with a bigint `id`: find, insert, update and keyset-paginated list
 * with whitelisted filters and sorts. The per-resource repositories (`invoices.ts`, …) declare a
 * `ResourceTable` and add what is specific to them.
 *
 * (Shared by archive, ledger and fx; it lives here because this helper's brief owns these folders —
 * it may move to `packages/db/src/shared/`.)
 */
export type FilterOp = "eq" | "gte" | "lte" | "in";

export interface FilterSpec {
  column: PgColumn;
  op: FilterOp;
}

// A table with an `id` column; row typing is recovered by the typed wrappers below.
export type TableWithId = PgTable & { id: PgColumn };

export interface ResourceTable<T extends TableWithId, S extends string = string, F extends string = string> {
  table: T;
  /** Sortable fields → columns. Only NOT NULL columns, so that keyset comparisons are total. */
  sorts: Record<S, PgColumn>;
  /** Query parameter → column and comparison. */
  filters: Record<F, FilterSpec>;
}

/** A partial update; undefined values are left unchanged (Drizzle skips them). */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined };

/** Where the previous page ended: the sort key in its exact database text form and the id. */
export interface KeysetPosition {
  key: string;
  id: number;
}

export interface ListRowsRequest<S extends string, F extends string> {
  filters?: Partial<Record<F, unknown>> | undefined;
  /** Extra conditions (free-text search …). */
  where?: SQL[] | undefined;
  sort: { field: S; descending: boolean };
  after?: KeysetPosition | undefined;
  limit: number;
}

export interface RowPage<R> {
  rows: R[];
  /** Position of the last row when more rows follow, else null. */
  next: KeysetPosition | null;
}

/** Builds the filter conditions for the given values (undefined values are ignored). */
export function filterConditions<F extends string>(
  specs: Record<F, FilterSpec>,
  values: Partial<Record<F, unknown>> | undefined,
): SQL[] {
  const out: SQL[] = [];
  if (!values) {
    return out;
  }
  for (const name of Object.keys(specs) as F[]) {
    const value = values[name];
    if (value === undefined) {
      continue;
    }
    const { column, op } = specs[name];
    switch (op) {
      case "eq":
        out.push(eq(column, value));
        break;
      case "gte":
        out.push(gte(column, value));
        break;
      case "lte":
        out.push(lte(column, value));
        break;
      case "in":
        out.push(inArray(column, Array.isArray(value) ? value : [value]));
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown filter op ${String(never)}`);
      }
    }
  }
  return out;
}

/**
 * One page in keyset order `(sort column, id)`: the row comparison `(sort, id) > (key, id)` uses
 * the same ordering (and collation) as ORDER BY, so pages never overlap or leave gaps, and a
 * btree on (sort, id) serves it. The key is read back as `::text` so timestamps keep their
 * microseconds; it is cast back to the column's own SQL type in the comparison.
 */
export async function listRows<T extends TableWithId, S extends string, F extends string>(
  db: Db,
  resource: ResourceTable<T, S, F>,
  request: ListRowsRequest<S, F>,
): Promise<RowPage<T["$inferSelect"]>> {
  const { table } = resource;
  const sortColumn = resource.sorts[request.sort.field];
  const conditions = [...filterConditions(resource.filters, request.filters), ...(request.where ?? [])];
  if (request.after) {
    const type = sql.raw(sortColumn.getSQLType());
    const position = sql`(${sortColumn}, ${table.id})`;
    const bound = sql`(cast(${request.after.key} as ${type}), cast(${request.after.id} as bigint))`;
    conditions.push(request.sort.descending ? sql`${position} < ${bound}` : sql`${position} > ${bound}`);
  }
  const direction = request.sort.descending ? desc : asc;
  const rows = (await db
    .select({ ...getTableColumns(table), __key: sql<string>`(${sortColumn})::text` })
    .from(table as PgTable)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(direction(sortColumn), direction(table.id))
    .limit(request.limit + 1)) as Array<T["$inferSelect"] & { __key: string }>;
  const more = rows.length > request.limit;
  const page = more ? rows.slice(0, request.limit) : rows;
  const last = page[page.length - 1];
  return {
    rows: page.map(({ __key: _, ...row }) => row as T["$inferSelect"]),
    next: more && last ? { key: last.__key, id: (last as unknown as { id: number }).id } : null,
  };
}

export async function findRowById<T extends TableWithId>(
  db: Db,
  table: T,
  id: number,
): Promise<T["$inferSelect"] | undefined> {
  const rows = await db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .limit(1);
  return rows[0] as T["$inferSelect"] | undefined;
}

export async function insertRow<T extends TableWithId>(
  db: Db,
  table: T,
  values: T["$inferInsert"],
): Promise<T["$inferSelect"]> {
  const rows = (await db.insert(table).values(values).returning()) as unknown as T["$inferSelect"][];
  const row = rows[0];
  if (!row) {
    throw new Error("insert returned no row");
  }
  return row;
}

/** Updates the given columns (and `updatedAt` when the table has it); undefined when no such id. */
export async function updateRow<T extends TableWithId>(
  db: Db,
  table: T,
  id: number,
  patch: Patch<T["$inferInsert"]>,
): Promise<T["$inferSelect"] | undefined> {
  const columns = getTableColumns(table);
  const values: Record<string, unknown> = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(values).length === 0) {
    return findRowById(db, table, id);
  }
  if ("updatedAt" in columns) {
    values.updatedAt = sql`now()`;
  }
  const rows = (await db
    .update(table as PgTable)
    .set(values)
    .where(eq(table.id, id))
    .returning()) as unknown as T["$inferSelect"][];
  return rows[0];
}
