import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type KeysetPosition,
  listRows,
  type ResourceTable,
  type RowPage,
} from "../archive/resource-table.ts";
import type { Db } from "../client.ts";
import { creditNotes, invoices, paymentAllocations } from "./schema.ts";
import type { invoiceSelect } from "./validation.ts";

export type InvoiceRow = typeof invoices.$inferSelect;
/** An invoice with what has been settled: open = amount − allocated payments − credit notes. */
export type Invoice = z.infer<typeof invoiceSelect>;

export const INVOICE_SORTS = [
  "dueOn",
  "issuedOn",
  "invoiceNumber",
  "amountMinor",
  "createdAt",
  "id",
] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];
export const INVOICE_FILTERS = [
  "customerId",
  "status",
  "currency",
  "orderNumber",
  "dueFrom",
  "dueTo",
  "issuedFrom",
  "issuedTo",
] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

export const invoiceResource: ResourceTable<typeof invoices, InvoiceSort, InvoiceFilter> = {
  table: invoices,
  sorts: {
    dueOn: invoices.dueOn,
    issuedOn: invoices.issuedOn,
    invoiceNumber: invoices.invoiceNumber,
    amountMinor: invoices.amountMinor,
    createdAt: invoices.createdAt,
    id: invoices.id,
  },
  filters: {
    customerId: { column: invoices.customerId, op: "eq" },
    status: { column: invoices.status, op: "eq" },
    currency: { column: invoices.currency, op: "eq" },
    orderNumber: { column: invoices.orderNumber, op: "eq" },
    dueFrom: { column: invoices.dueOn, op: "gte" },
    dueTo: { column: invoices.dueOn, op: "lte" },
    issuedFrom: { column: invoices.issuedOn, op: "gte" },
    issuedTo: { column: invoices.issuedOn, op: "lte" },
  },
};

/** Allocated and credited sums for many invoices in two grouped queries. */
export async function invoiceSettlements(
  db: Db,
  invoiceIds: number[],
): Promise<Map<number, { allocatedMinor: number; creditedMinor: number }>> {
  const out = new Map<number, { allocatedMinor: number; creditedMinor: number }>();
  if (invoiceIds.length === 0) {
    return out;
  }
  for (const id of invoiceIds) {
    out.set(id, { allocatedMinor: 0, creditedMinor: 0 });
  }
  const allocated = await db
    .select({
      invoiceId: paymentAllocations.invoiceId,
      sum: sql<number>`sum(${paymentAllocations.amountMinor})::int8`,
    })
    .from(paymentAllocations)
    .where(inArray(paymentAllocations.invoiceId, invoiceIds))
    .groupBy(paymentAllocations.invoiceId);
  for (const r of allocated) {
    const entry = out.get(r.invoiceId);
    if (entry) {
      entry.allocatedMinor = Number(r.sum);
    }
  }
  const credited = await db
    .select({ invoiceId: creditNotes.invoiceId, sum: sql<number>`sum(${creditNotes.amountMinor})::int8` })
    .from(creditNotes)
    .where(inArray(creditNotes.invoiceId, invoiceIds))
    .groupBy(creditNotes.invoiceId);
  for (const r of credited) {
    const entry = r.invoiceId === null ? undefined : out.get(r.invoiceId);
    if (entry) {
      entry.creditedMinor = Number(r.sum);
    }
  }
  return out;
}

/** Row → domain: attaches settlement sums and the open amount. */
export async function withSettlements(db: Db, rows: InvoiceRow[]): Promise<Invoice[]> {
  const sums = await invoiceSettlements(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const s = sums.get(row.id) ?? { allocatedMinor: 0, creditedMinor: 0 };
    // The status check constraint guarantees the closed set.
    return { ...row, ...s, openMinor: row.amountMinor - s.allocatedMinor - s.creditedMinor } as Invoice;
  });
}

export interface ListInvoicesRequest {
  filters?: Partial<Record<InvoiceFilter, unknown>> | undefined;
  sort: { field: InvoiceSort; descending: boolean };
  after?: KeysetPosition | undefined;
  limit: number;
}

export async function listInvoices(db: Db, request: ListInvoicesRequest): Promise<RowPage<Invoice>> {
  const page = await listRows(db, invoiceResource, request);
  return { rows: await withSettlements(db, page.rows), next: page.next };
}

export async function findInvoice(db: Db, id: number): Promise<Invoice | undefined> {
  const rows = await db.select().from(invoices).where(eq(invoices.id, id)).limit(1);
  const [invoice] = await withSettlements(db, rows);
  return invoice;
}

/**
 * Locks invoices (in id order, so two transactions never deadlock) for the rest of the
 * transaction and returns them with their settlement sums.
 */
export async function lockInvoices(db: Db, ids: number[]): Promise<Invoice[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(invoices)
    .where(inArray(invoices.id, ids))
    .orderBy(invoices.id)
    .for("update");
  return withSettlements(db, rows);
}

/** Marks invoices paid (only those still open). */
export async function markInvoicesPaid(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) {
    await db
      .update(invoices)
      .set({ status: "paid", updatedAt: sql`now()` })
      .where(and(inArray(invoices.id, ids), eq(invoices.status, "open")));
  }
}
