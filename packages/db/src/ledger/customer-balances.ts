import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";

/** Receivable position of one customer per currency, as of a date. */
export interface CustomerBalance {
  currency: string;
  openInvoices: number;
  openMinor: number;
  overdueMinor: number;
}

export interface CustomerLedgerCounts {
  invoices: number;
  payments: number;
  openOrders: number;
  openDisputes: number;
}

/**
 * Open and overdue receivables of a customer by currency (open = amount − allocations − credit
 * notes of each open invoice; overdue when due before `asOf`). Two aggregate queries.
 */
export async function customerBalances(
  db: Db,
  customerId: number,
  asOf: string,
): Promise<{ balances: CustomerBalance[]; counts: CustomerLedgerCounts }> {
  const balances = await rowsOf<{
    currency: string;
    open_invoices: number;
    open_minor: number;
    overdue_minor: number;
  }>(
    db,
    sql`
    with open_amounts as (
      select i.currency, i.due_on,
        i.amount_minor
          - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)
          - coalesce((select sum(c.amount_minor) from credit_notes c where c.invoice_id = i.id), 0) as open_minor
      from invoices i
      where i.customer_id = ${customerId} and i.status = 'open'
    )
    select currency, count(*)::int as open_invoices,
      coalesce(sum(open_minor), 0)::int8 as open_minor,
      coalesce(sum(open_minor) filter (where due_on < cast(${asOf} as date)), 0)::int8 as overdue_minor
    from open_amounts group by currency order by currency`,
  );
  const counts = await rowsOf<{
    invoices: number;
    payments: number;
    open_orders: number;
    open_disputes: number;
  }>(
    db,
    sql`
    select
      (select count(*) from invoices where customer_id = ${customerId})::int as invoices,
      (select count(*) from payments where customer_id = ${customerId})::int as payments,
      (select count(*) from sales_orders where customer_id = ${customerId}
         and status in ('open', 'partially_delivered', 'delivered'))::int as open_orders,
      (select count(*) from disputes where customer_id = ${customerId} and status = 'open')::int as open_disputes`,
  );
  const c = counts[0];
  return {
    balances: balances.map((r) => ({
      currency: r.currency,
      openInvoices: Number(r.open_invoices),
      openMinor: Number(r.open_minor),
      overdueMinor: Number(r.overdue_minor),
    })),
    counts: {
      invoices: Number(c?.invoices ?? 0),
      payments: Number(c?.payments ?? 0),
      openOrders: Number(c?.open_orders ?? 0),
      openDisputes: Number(c?.open_disputes ?? 0),
    },
  };
}

/** Rows of a raw query (both drivers return `{ rows }`). */
async function rowsOf<R>(db: Db, query: SQL): Promise<R[]> {
  const result = (await db.execute(query)) as unknown as { rows: R[] };
  return result.rows;
}
