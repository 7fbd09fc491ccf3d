import { type SQL, type SQLChunk, sql } from "drizzle-orm";
import type { TxSession } from "../client.ts";
import { insertMarkingStale } from "../portfolio/ledger-triggers.ts";
import { type MergePlan, mergePlan } from "./merge-plans.ts";
import { queryRows, STAGE } from "./staging.ts";

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Secondary records (identifiers, payment allocations) by kind. */
  details: Record<string, number>;
}

const id = (name: string) => sql.identifier(name);
const list = (parts: SQLChunk[]) => sql.join(parts, sql`, `);

/** What a merge writes: `source` (a SELECT producing `columns`) upserted into `table` by `conflict`. */
interface UpsertOptions {
  readonly table: string;
  readonly columns: readonly string[];
  readonly conflict: readonly string[];
  readonly source: SQL;
  readonly updatedAt: boolean;
}

/** The columns an upsert may change (all but the conflict target). */
const updatableOf = (o: UpsertOptions) => o.columns.filter((c) => !o.conflict.includes(c));

/** `source` with its columns named as the target's, so that it can be joined to the target by name. */
const named = (o: UpsertOptions) => sql`(${o.source}) as s (${list(o.columns.map((c) => id(c)))})`;

/** `a.key = b.key and …` over the conflict target. */
const keyMatch = (o: UpsertOptions, a: string, b: string) =>
  sql.join(
    o.conflict.map((c) => sql`${id(a)}.${id(c)} = ${id(b)}.${id(c)}`),
    sql` and `,
  );

/**
 * Upserts `source` (a SELECT producing `columns`) into `table` by its natural key, touching only
 * rows whose values differ, and counts new and changed rows. `xmax = 0` holds exactly for rows
 * this statement inserted (an updated row version carries the updating transaction in xmax).
 * Rows already stored with the same values are filtered out before the upsert by an anti-join:
 * ON CONFLICT … DO UPDATE … WHERE locks (and so writes) every conflicting row even when its WHERE
 * is false, which made an all-unchanged re-import of a million invoices rewrite every heap page.
 */
async function upsert(tx: TxSession, options: UpsertOptions): Promise<{ inserted: number; updated: number }> {
  const updatable = updatableOf(options);
  const onConflict =
    updatable.length === 0
      ? sql`do nothing`
      : sql`do update set ${list([
          ...updatable.map((c) => sql`${id(c)} = excluded.${id(c)}`),
          ...(options.updatedAt ? [sql`updated_at = now()`] : []),
        ])}
        where (${list(updatable.map((c) => sql`t.${id(c)}`))}) is distinct from (${list(updatable.map((c) => sql`excluded.${id(c)}`))})`;
  const same =
    updatable.length === 0
      ? sql``
      : sql` and (${list(updatable.map((c) => sql`u.${id(c)}`))}) is not distinct from (${list(updatable.map((c) => sql`s.${id(c)}`))})`;
  const [row] = await queryRows<{ inserted: number; updated: number }>(
    tx,
    sql`
    with m as (
      insert into ${id(options.table)} as t (${list(options.columns.map((c) => id(c)))})
      select s.* from ${named(options)}
      where not exists (select 1 from ${id(options.table)} u where ${keyMatch(options, "u", "s")}${same})
      on conflict (${list(options.conflict.map((c) => id(c)))}) ${onConflict}
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from m`,
  );
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}

/**
 * The bulk form of `upsert`, for a table whose secondary indexes are dropped (no ON CONFLICT
 * without its unique index): an UPDATE of the stored rows that differ (skipped when the table
 * was empty), then an INSERT of the rows whose key is not stored yet. The same counts as
 * `upsert`; the staged keys are unique (checkStaging), so the two never touch one row twice.
 */
async function updateThenInsert(
  tx: TxSession,
  options: UpsertOptions,
  tableWasEmpty: boolean,
): Promise<{ inserted: number; updated: number }> {
  const updatable = updatableOf(options);
  let updated = 0;
  if (!tableWasEmpty && updatable.length > 0) {
    const [u] = await queryRows<{ n: number }>(
      tx,
      sql`
      with m as (
        update ${id(options.table)} as t set ${list([
          ...updatable.map((c) => sql`${id(c)} = s.${id(c)}`),
          ...(options.updatedAt ? [sql`updated_at = now()`] : []),
        ])}
        from ${named(options)}
        where ${keyMatch(options, "t", "s")}
          and (${list(updatable.map((c) => sql`t.${id(c)}`))}) is distinct from (${list(updatable.map((c) => sql`s.${id(c)}`))})
        returning 1
      )
      select count(*)::int as n from m`,
    );
    updated = Number(u?.n ?? 0);
  }
  // Counted from the command's row count (a CTE over RETURNING cost ~0.3 s per million rows);
  // the table's stale-marking trigger is replaced by marks computed once (insertMarkingStale).
  const inserted = await insertMarkingStale(
    tx,
    options.table,
    sql`insert into ${id(options.table)} (${list(options.columns.map((c) => id(c)))})
      select s.* from ${named(options)}
      ${tableWasEmpty ? sql`` : sql`where not exists (select 1 from ${id(options.table)} u where ${keyMatch(options, "u", "s")})`}`,
  );
  return { inserted, updated };
}

/**
 * Staged rows from which a merge checks the target table's foreign keys once, set-wise, instead
 * of once per row (see withForeignKeysCheckedOnce).
 */
export const BULK_FOREIGN_KEY_ROWS = 50_000;

/** The foreign keys of `table` as PostgreSQL itself would write them (name and definition). */
async function foreignKeysOf(tx: TxSession, table: string): Promise<{ name: string; definition: string }[]> {
  return queryRows<{ name: string; definition: string }>(
    tx,
    sql`select conname as name, pg_get_constraintdef(oid) as definition
        from pg_constraint where conrelid = to_regclass(${table}) and contype = 'f' order by conname`,
  );
}

/**
 * Runs a bulk `write` into `table` with its foreign keys checked once at the end instead of by
 * a trigger per inserted row: the keys are dropped and re-added (validated) inside the import's
 * transaction, the bulk-load method of the PostgreSQL manual ("Populating a Database: remove
 * foreign key constraints"). The per-row RI trigger is most of the cost of a large merge (about
 * half of a million-row invoice merge on PostgreSQL, more on PGlite); re-adding a key validates
 * every row of the table with one join. Nothing unchecked can commit: a violation fails the
 * ADD CONSTRAINT and rolls the whole import back, and a rollback restores the keys. The price is
 * the lock: from the drop to the commit the table is locked against every other session (its
 * referenced table against writes). So only for bulk merges — at least `minRows` staged rows and
 * at least half as many as the table already has (the re-validation reads the whole table).
 */
export async function withForeignKeysCheckedOnce<T>(
  tx: TxSession,
  options: { table: string; staged: number; minRows: number },
  write: () => Promise<T>,
): Promise<T> {
  if (options.staged < options.minRows) {
    return write();
  }
  const [size] = await queryRows<{ rows: number }>(
    tx,
    sql`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = to_regclass(${options.table})`,
  );
  if (options.staged < 0.5 * Number(size?.rows ?? 0)) {
    return write();
  }
  const keys = await foreignKeysOf(tx, options.table);
  for (const k of keys) {
    await tx.db.execute(sql`alter table ${id(options.table)} drop constraint ${id(k.name)}`);
  }
  const result = await write();
  for (const k of keys) {
    // The definition is PostgreSQL's own text of the constraint just dropped (pg_get_constraintdef),
    // not input: re-adding it verbatim restores exactly the same key.
    await tx.db.execute(
      sql`alter table ${id(options.table)} add constraint ${id(k.name)} ${sql.raw(k.definition)}`,
    );
  }
  return result;
}

/**
 * Staged rows from which a merge into a table holding fewer rows than that drops the table's
 * secondary indexes and builds them again afterwards (see withIndexesRebuilt).
 */
export const BULK_INDEX_ROWS = 50_000;

/** Secondary indexes of `table` that no constraint uses (the primary key and constraint indexes stay). */
async function rebuildableIndexesOf(
  tx: TxSession,
  table: string,
): Promise<{ schema: string; name: string; definition: string }[]> {
  return queryRows<{ schema: string; name: string; definition: string }>(
    tx,
    sql`select n.nspname as schema, c.relname as name, pg_get_indexdef(x.indexrelid) as definition
        from pg_index x
        join pg_class c on c.oid = x.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
        where x.indrelid = to_regclass(${table}) and not x.indisprimary
          and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
        order by c.relname`,
  );
}

/**
 * Stored rows of `table`, counted up to `limit` (the decision needs no more, and a count that
 * stops there reads at most as many rows as the import stages).
 */
async function rowsUpTo(tx: TxSession, table: string, limit: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select 1 from ${id(table)} limit ${limit}) x`,
  );
  return Number(r?.n ?? 0);
}

/**
 * Runs a bulk `write` into `table` with its secondary indexes (the natural-key unique index and
 * the plain ones, not the primary key or indexes behind a constraint) dropped first and built
 * again after, each from PostgreSQL's own definition (`pg_get_indexdef`): building an index from
 * a sort is several times cheaper than inserting a million entries one by one in key order the
 * file does not have — the manual's bulk-load advice ("Populating a Database: remove indexes").
 * Used when at least `minRows` rows are staged and the table holds fewer rows than that (a
 * rebuild reads the whole table). `write` gets whether the table was empty and must not rely on
 * the dropped indexes (no ON CONFLICT: see updateThenInsert). Rebuilding the unique index
 * re-checks uniqueness of the whole table; everything happens inside the import's transaction,
 * so a failure or a strict rejection leaves indexes and data as they were. Like the foreign-key
 * bulk path, the table is locked against other sessions until commit. Returns null (and writes
 * nothing) when the bulk path does not apply.
 */
export async function withIndexesRebuilt<T>(
  tx: TxSession,
  options: { table: string; staged: number; minRows: number },
  write: (tableWasEmpty: boolean) => Promise<T>,
): Promise<T | null> {
  if (options.staged < options.minRows) {
    return null;
  }
  if ((await rowsUpTo(tx, options.table, options.staged)) >= options.staged) {
    return null;
  }
  // DROP INDEX takes this lock anyway; taken first, no other session writes between the count
  // that decides (again, now exact) and the merge.
  await tx.db.execute(sql`lock table ${id(options.table)} in access exclusive mode`);
  const stored = await rowsUpTo(tx, options.table, options.staged);
  if (stored >= options.staged) {
    return null;
  }
  const indexes = await rebuildableIndexesOf(tx, options.table);
  for (const x of indexes) {
    await tx.db.execute(sql`drop index ${id(x.schema)}.${id(x.name)}`);
  }
  const result = await write(stored === 0);
  for (const x of indexes) {
    // PostgreSQL's own text of the index just dropped (pg_get_indexdef), not input.
    await tx.db.execute(sql.raw(x.definition));
  }
  return result;
}

/** Staged fields copied one-to-one into the target table (after renaming). */
function plainColumns(plan: MergePlan, fields: readonly string[]): { field: string; column: string }[] {
  return fields
    .filter((f) => !plan.skip?.includes(f))
    .filter((f) => !(plan.customerRef && f === "customer_code"))
    .filter((f) => !(plan.invoiceRef && f === "invoice_number"))
    .map((f) => ({ field: f, column: plan.rename?.[f] ?? f }));
}

/**
 * Merges the staged rows of `entity` into their table with one set-wise statement per table.
 * Columns absent from the file are not touched on update (and take their defaults on insert).
 * Customers also merge their registry identifiers; payments are built from their rows (amount =
 * sum of the rows of one reference) and allocate each row's amount to the invoice it names.
 */
export async function mergeStaging(
  tx: TxSession,
  options: {
    entity: string;
    fields: readonly string[];
    staged: number;
    /** Staged rows from which foreign keys are checked once (default BULK_FOREIGN_KEY_ROWS). */
    bulkRows?: number | undefined;
    /**
     * Staged rows from which a merge into a table with fewer rows rebuilds its secondary indexes
     * (default BULK_INDEX_ROWS; see withIndexesRebuilt).
     */
    bulkIndexRows?: number | undefined;
  },
): Promise<MergeCounts> {
  const plan = mergePlan(options.entity);
  if (options.entity === "payments") {
    return mergePayments(tx, options.fields);
  }
  const plain = plainColumns(plan, options.fields);
  const columns = [
    ...(plan.customerRef ? ["customer_id"] : []),
    ...(plan.invoiceRef && options.fields.includes("invoice_number") ? ["invoice_id"] : []),
    ...plain.map((p) => p.column),
  ];
  const exprs = [
    ...(plan.customerRef ? [sql`c.id`] : []),
    ...(plan.invoiceRef && options.fields.includes("invoice_number") ? [sql`i.id`] : []),
    ...plain.map((p) => sql`s.${id(p.field)}`),
  ];
  const source = sql`select ${list(exprs)} from ${STAGE} s
    ${plan.customerRef ? sql`join customers c on c.code = s.customer_code` : sql``}
    ${plan.invoiceRef && options.fields.includes("invoice_number") ? sql`left join invoices i on i.invoice_number = s.invoice_number` : sql``}`;
  const write: UpsertOptions = {
    table: plan.table,
    columns,
    conflict: plan.conflict,
    source,
    updatedAt: plan.updatedAt,
  };
  const counts = await withForeignKeysCheckedOnce(
    tx,
    { table: plan.table, staged: options.staged, minRows: options.bulkRows ?? BULK_FOREIGN_KEY_ROWS },
    async () =>
      (await withIndexesRebuilt(
        tx,
        { table: plan.table, staged: options.staged, minRows: options.bulkIndexRows ?? BULK_INDEX_ROWS },
        (tableWasEmpty) => updateThenInsert(tx, write, tableWasEmpty),
      )) ?? upsert(tx, write),
  );
  const result: MergeCounts = {
    ...counts,
    unchanged: options.staged - counts.inserted - counts.updated,
    details: {},
  };
  if (options.entity === "customers") {
    for (const type of ["uscc", "duns", "lei", "vat"].filter((f) => options.fields.includes(f))) {
      // A blank identifier cell means "not given": existing identifiers are kept, never deleted.
      const r = await upsert(tx, {
        table: "customer_identifiers",
        columns: ["customer_id", "type", "value"],
        conflict: ["customer_id", "type"],
        source: sql`select c.id, ${type}::text, s.${id(type)} from ${STAGE} s join customers c on c.code = s.code where s.${id(type)} is not null`,
        updatedAt: false,
      });
      result.details[`${type}_inserted`] = r.inserted;
      result.details[`${type}_updated`] = r.updated;
    }
  }
  return result;
}

async function mergePayments(tx: TxSession, fields: readonly string[]): Promise<MergeCounts> {
  const has = (f: string) => fields.includes(f);
  const columns = [
    "reference",
    "customer_id",
    "received_on",
    "currency",
    "amount_minor",
    ...(has("method") ? ["method"] : []),
  ];
  // The checks guarantee that rows of one reference agree on customer, date, currency and method.
  const source = sql`select a.payment_reference, c.id, a.received_on, a.currency, a.amount${has("method") ? sql`, a.method` : sql``}
    from (select payment_reference, min(customer_code) as customer_code, min(received_on) as received_on,
                 min(currency) as currency, sum(amount)::bigint as amount${has("method") ? sql`, min(method) as method` : sql``}
          from ${STAGE} group by payment_reference) a
    join customers c on c.code = a.customer_code`;
  const counts = await upsert(tx, {
    table: "payments",
    columns,
    conflict: ["reference"],
    source,
    updatedAt: true,
  });
  const [n] = await queryRows<{ n: number }>(
    tx,
    sql`select count(distinct payment_reference)::int as n from ${STAGE}`,
  );
  const payments = Number(n?.n ?? 0);
  const details: Record<string, number> = {};
  if (has("invoice_number")) {
    const alloc = await upsert(tx, {
      table: "payment_allocations",
      columns: ["payment_id", "invoice_id", "amount_minor"],
      conflict: ["payment_id", "invoice_id"],
      source: sql`select p.id, i.id, s.amount from ${STAGE} s
        join payments p on p.reference = s.payment_reference
        join invoices i on i.invoice_number = s.invoice_number`,
      updatedAt: false,
    });
    // The file is the truth for the payments it names: allocations it no longer lists go.
    const [removed] = await queryRows<{ n: number }>(
      tx,
      sql`
      with d as (
        delete from payment_allocations pa using payments p
        where pa.payment_id = p.id
          and p.reference in (select payment_reference from ${STAGE})
          and not exists (select 1 from ${STAGE} s join invoices i on i.invoice_number = s.invoice_number
                          where s.payment_reference = p.reference and i.id = pa.invoice_id)
        returning 1)
      select count(*)::int as n from d`,
    );
    details.allocations_inserted = alloc.inserted;
    details.allocations_updated = alloc.updated;
    details.allocations_removed = Number(removed?.n ?? 0);
  }
  return { ...counts, unchanged: payments - counts.inserted - counts.updated, details };
}
