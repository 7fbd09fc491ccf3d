import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { mergePlan } from "./merge-plans.ts";
import { queryRows } from "./staging.ts";

/** Raw values of one exported row by field name, plus its keyset cursor. */
export interface ExportRow {
  readonly cursor: readonly (string | number)[];
  readonly values: Readonly<Record<string, unknown>>;
}

const id = (name: string) => sql.identifier(name);

/**
 * One page of an entity for export, in key order, with the same field names the import reads
 * (customer codes and invoice numbers instead of ids). Keyset pagination (`after` = cursor of the
 * last row) keeps memory flat and works on both drivers without server-side cursors.
 */
export async function readExportPage(
  db: Db,
  options: {
    entity: string;
    fields: readonly string[];
    after: readonly (string | number)[] | null;
    limit: number;
  },
): Promise<ExportRow[]> {
  const { entity, fields, after, limit } = options;
  if (entity === "payments") {
    return readPaymentsPage(db, after, limit);
  }
  const plan = mergePlan(entity);
  if (entity === "fx-rates") {
    const where = after
      ? sql`where (rate_date, from_currency, to_currency) > (${after[0]}::date, ${after[1]}, ${after[2]})`
      : sql``;
    const rows = await queryRows<Record<string, unknown>>(
      { db },
      sql`select rate_date::text as rate_date, from_currency, to_currency, rate::text as rate, source
          from fx_rates ${where} order by rate_date, from_currency, to_currency limit ${limit}`,
    );
    return rows.map((r) => ({
      cursor: [String(r.rate_date), String(r.from_currency), String(r.to_currency)],
      values: r,
    }));
  }
  const exprs: SQL[] = [sql`t.id as _cursor`];
  for (const f of fields) {
    let e: SQL;
    if (f === "customer_code" && plan.customerRef) {
      e = sql`c.code`;
    } else if (f === "invoice_number" && plan.invoiceRef) {
      e = sql`i.invoice_number`;
    } else if (entity === "customers" && ["uscc", "duns", "lei", "vat"].includes(f)) {
      e = sql`(select ci.value from customer_identifiers ci where ci.customer_id = t.id and ci.type = ${f})`;
    } else {
      e = sql`t.${id(plan.rename?.[f] ?? f)}`;
    }
    exprs.push(sql`${e} as ${id(f)}`);
  }
  const rows = await queryRows<Record<string, unknown>>(
    { db },
    sql`select ${sql.join(exprs, sql`, `)}
        from (select * from ${id(plan.table)} where id > ${after ? Number(after[0]) : 0} order by id limit ${limit}) t
        ${plan.customerRef ? sql`join customers c on c.id = t.customer_id` : sql``}
        ${plan.invoiceRef ? sql`left join invoices i on i.id = t.invoice_id` : sql``}
        order by t.id`,
  );
  return rows.map((r) => ({ cursor: [Number(r._cursor)], values: r }));
}

/** One row per allocation, plus one without an invoice for any unallocated remainder. */
async function readPaymentsPage(
  db: Db,
  after: readonly (string | number)[] | null,
  limit: number,
): Promise<ExportRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    { db },
    sql`select p.id as _cursor, p.reference as payment_reference, c.code as customer_code, p.received_on,
               p.currency, a.amount, p.method, a.invoice_number
        from (select * from payments where id > ${after ? Number(after[0]) : 0} order by id limit ${limit}) p
        join customers c on c.id = p.customer_id
        cross join lateral (
          select i.invoice_number, pa.amount_minor as amount
          from payment_allocations pa join invoices i on i.id = pa.invoice_id
          where pa.payment_id = p.id
          union all
          select null, p.amount_minor - coalesce(sum(pa.amount_minor), 0)
          from payment_allocations pa where pa.payment_id = p.id
          having p.amount_minor - coalesce(sum(pa.amount_minor), 0) > 0
        ) a
        order by p.id, a.invoice_number nulls last`,
  );
  return rows.map((r) => ({ cursor: [Number(r._cursor)], values: r }));
}
