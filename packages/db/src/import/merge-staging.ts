import { type SQL, type SQLChunk, sql } from "drizzle-orm";
import type { TxSession } from "../client.ts";
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

/**
 * Upserts `source` (a SELECT producing `columns`) into `table` by its natural key, touching only
 * rows whose values differ, and counts new and changed rows. `xmax = 0` holds exactly for rows
 * this statement inserted (an updated row version carries the updating transaction in xmax).
 */
async function upsert(
  tx: TxSession,
  options: {
    table: string;
    columns: readonly string[];
    conflict: readonly string[];
    source: SQL;
    updatedAt: boolean;
  },
): Promise<{ inserted: number; updated: number }> {
  const updatable = options.columns.filter((c) => !options.conflict.includes(c));
  const onConflict =
    updatable.length === 0
      ? sql`do nothing`
      : sql`do update set ${list([
          ...updatable.map((c) => sql`${id(c)} = excluded.${id(c)}`),
          ...(options.updatedAt ? [sql`updated_at = now()`] : []),
        ])}
        where (${list(updatable.map((c) => sql`t.${id(c)}`))}) is distinct from (${list(updatable.map((c) => sql`excluded.${id(c)}`))})`;
  const [row] = await queryRows<{ inserted: number; updated: number }>(
    tx,
    sql`
    with m as (
      insert into ${id(options.table)} as t (${list(options.columns.map((c) => id(c)))})
      ${options.source}
      on conflict (${list(options.conflict.map((c) => id(c)))}) ${onConflict}
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from m`,
  );
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
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
  const counts = await withForeignKeysCheckedOnce(
    tx,
    { table: plan.table, staged: options.staged, minRows: options.bulkRows ?? BULK_FOREIGN_KEY_ROWS },
    () =>
      upsert(tx, {
        table: plan.table,
        columns,
        conflict: plan.conflict,
        source,
        updatedAt: plan.updatedAt,
      }),
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
