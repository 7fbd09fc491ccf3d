import { type SQL, sql } from "drizzle-orm";
import type { TxSession } from "../client.ts";
import { queryRows, REJECTS, STAGE } from "./staging.ts";

const IDENTIFIER_FIELDS = ["uscc", "duns", "lei", "vat"] as const;
const IDENTIFIER_LABELS: Readonly<Record<(typeof IDENTIFIER_FIELDS)[number], string>> = {
  uscc: "unified social credit code",
  duns: "DUNS number",
  lei: "LEI",
  vat: "VAT number",
};

export interface StagingCheckOptions {
  readonly entity: string;
  /** Names of the staged fields. */
  readonly fields: readonly string[];
  /** Natural key fields of a file row (only the staged ones are used). */
  readonly naturalKey: readonly string[];
}

const id = (name: string) => sql.identifier(name);
const col = (alias: string, name: string) => sql`${sql.identifier(alias)}.${sql.identifier(name)}`;

/**
 * Runs every set-wise check on the staged rows and records the offending source rows in the
 * rejects table: duplicate natural keys within the file, unknown customer codes and invoice
 * numbers, invoices of another customer, identifiers already held by another customer, payment
 * rows that disagree. One statement per check, never one query per row.
 */
export async function checkStaging(tx: TxSession, options: StagingCheckOptions): Promise<void> {
  const has = (f: string) => options.fields.includes(f);
  const run = (q: SQL) => tx.db.execute(sql`insert into ${REJECTS} (src_row, field, value, reason) ${q}`);

  const key = options.naturalKey.filter(has);
  if (key.length > 0) {
    const keyCols = sql.join(
      key.map((k) => id(k)),
      sql`, `,
    );
    const duplicates = await queryRows(
      tx,
      sql`select 1 from ${STAGE} group by ${keyCols} having count(*) > 1 limit 1`,
    );
    if (duplicates.length > 0) {
      const keyText = sql.join(
        key.map((k) => sql`coalesce(${id(k)}::text, '')`),
        sql`, ' / ', `,
      );
      const label = key.join(", ");
      await run(sql`
        select src_row, ${key[0]}::text, concat(${keyText}),
               format('duplicate of row %s (same %s); each row must have its own key', first_row, ${label}::text)
        from (select src_row, ${keyCols}, min(src_row) over (partition by ${keyCols}) as first_row from ${STAGE}) d
        where src_row <> first_row`);
    }
  }

  if (has("customer_code")) {
    await run(sql`
      select s.src_row, 'customer_code', s.customer_code,
             format('customer code %s is not in the customer archive (import customers first)', s.customer_code)
      from ${STAGE} s
      where not exists (select 1 from customers c where c.code = s.customer_code)`);
  }

  if (has("invoice_number") && options.entity !== "invoices") {
    await run(sql`
      select s.src_row, 'invoice_number', s.invoice_number,
             format('invoice %s is not in the ledger (import invoices first)', s.invoice_number)
      from ${STAGE} s
      where s.invoice_number is not null
        and not exists (select 1 from invoices i where i.invoice_number = s.invoice_number)`);
    if (has("customer_code")) {
      await run(sql`
        select s.src_row, 'invoice_number', s.invoice_number,
               format('invoice %s belongs to customer %s, not %s', s.invoice_number, c.code, s.customer_code)
        from ${STAGE} s
        join invoices i on i.invoice_number = s.invoice_number
        join customers c on c.id = i.customer_id
        where c.code <> s.customer_code`);
    }
  }

  if (options.entity === "customers") {
    for (const f of IDENTIFIER_FIELDS.filter(has)) {
      const label = IDENTIFIER_LABELS[f];
      await run(sql`
        select src_row, ${f}::text, v, format('%s %s is also given in row %s', ${label}::text, v, first_row)
        from (select src_row, ${id(f)} as v, min(src_row) over (partition by ${id(f)}) as first_row
              from ${STAGE} where ${id(f)} is not null) d
        where src_row <> first_row`);
      await run(sql`
        select s.src_row, ${f}::text, ${col("s", f)}, format('%s %s already belongs to customer %s', ${label}::text, ${col("s", f)}, c.code)
        from ${STAGE} s
        join customer_identifiers ci on ci.type = ${f} and ci.value = ${col("s", f)}
        join customers c on c.id = ci.customer_id
        where c.code <> s.code`);
    }
  }

  if (options.entity === "payments") {
    const shared = ["customer_code", "received_on", "currency", "method"].filter(has);
    const tuple = (alias: string) =>
      sql.join(
        shared.map((f) => col(alias, f)),
        sql`, `,
      );
    await run(sql`
      select s.src_row, 'payment_reference', s.payment_reference,
             format('rows of payment %s must agree on %s (see row %s)', s.payment_reference, ${shared.join(", ")}::text, f.src_row)
      from ${STAGE} s
      join (select payment_reference, min(src_row) as first_row from ${STAGE} group by payment_reference) m
        on m.payment_reference = s.payment_reference
      join ${STAGE} f on f.src_row = m.first_row
      where s.src_row <> f.src_row and (${tuple("s")}) is distinct from (${tuple("f")})`);
    // A payment is one record built from all its rows: if one row is rejected, so is the payment.
    await run(sql`
      select s.src_row, 'payment_reference', s.payment_reference,
             format('another row of payment %s was rejected; a payment is imported whole', s.payment_reference)
      from ${STAGE} s
      where not exists (select 1 from ${REJECTS} r where r.src_row = s.src_row)
        and (s.payment_reference in (select key from import_bad_keys)
             or s.payment_reference in (select t.payment_reference from ${STAGE} t join ${REJECTS} r on r.src_row = t.src_row))`);
  }
}

export interface StagingReject {
  readonly row: number;
  readonly field: string | null;
  readonly value: string | null;
  readonly reason: string;
}

/** The rejected rows, in source order. */
export async function listStagingRejects(tx: TxSession): Promise<StagingReject[]> {
  const rows = await queryRows<{
    src_row: number;
    field: string | null;
    value: string | null;
    reason: string;
  }>(tx, sql`select src_row, field, value, reason from ${REJECTS} order by src_row, reason`);
  return rows.map((x) => ({
    row: Number(x.src_row),
    field: x.field,
    value: x.value,
    reason: x.reason,
  }));
}

/** Removes rejected rows from staging (lenient mode; the caller knows how many remain). */
export async function dropRejectedRows(tx: TxSession): Promise<void> {
  await tx.db.execute(sql`delete from ${STAGE} s using ${REJECTS} r where r.src_row = s.src_row`);
}
