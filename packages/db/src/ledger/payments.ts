import { asc, eq, inArray, sql } from "drizzle-orm";
import {
  type KeysetPosition,
  listRows,
  type ResourceTable,
  type RowPage,
} from "../archive/resource-table.ts";
import type { Db } from "../client.ts";
import { paymentAllocations, payments } from "./schema.ts";

export type PaymentRow = typeof payments.$inferSelect;
export interface PaymentAllocation {
  id: number;
  invoiceId: number;
  amountMinor: number;
}
/** A payment with its allocations to invoices and what is left to allocate. */
export type Payment = PaymentRow & {
  allocations: PaymentAllocation[];
  allocatedMinor: number;
  unallocatedMinor: number;
};

export const PAYMENT_SORTS = ["receivedOn", "reference", "amountMinor", "createdAt", "id"] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];
export const PAYMENT_FILTERS = ["customerId", "currency", "method", "receivedFrom", "receivedTo"] as const;
export type PaymentFilter = (typeof PAYMENT_FILTERS)[number];

export const paymentResource: ResourceTable<typeof payments, PaymentSort, PaymentFilter> = {
  table: payments,
  sorts: {
    receivedOn: payments.receivedOn,
    reference: payments.reference,
    amountMinor: payments.amountMinor,
    createdAt: payments.createdAt,
    id: payments.id,
  },
  filters: {
    customerId: { column: payments.customerId, op: "eq" },
    currency: { column: payments.currency, op: "eq" },
    method: { column: payments.method, op: "eq" },
    receivedFrom: { column: payments.receivedOn, op: "gte" },
    receivedTo: { column: payments.receivedOn, op: "lte" },
  },
};

/** Row → domain: allocations of all given payments in one query. */
export async function withAllocations(db: Db, rows: PaymentRow[]): Promise<Payment[]> {
  if (rows.length === 0) {
    return [];
  }
  const found = await db
    .select()
    .from(paymentAllocations)
    .where(
      inArray(
        paymentAllocations.paymentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(paymentAllocations.paymentId), asc(paymentAllocations.id));
  const byPayment = new Map<number, PaymentAllocation[]>();
  for (const a of found) {
    const list = byPayment.get(a.paymentId) ?? [];
    list.push({ id: a.id, invoiceId: a.invoiceId, amountMinor: a.amountMinor });
    byPayment.set(a.paymentId, list);
  }
  return rows.map((row) => {
    const allocations = byPayment.get(row.id) ?? [];
    const allocatedMinor = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
    return { ...row, allocations, allocatedMinor, unallocatedMinor: row.amountMinor - allocatedMinor };
  });
}

export interface ListPaymentsRequest {
  filters?: Partial<Record<PaymentFilter, unknown>> | undefined;
  sort: { field: PaymentSort; descending: boolean };
  after?: KeysetPosition | undefined;
  limit: number;
}

export async function listPayments(db: Db, request: ListPaymentsRequest): Promise<RowPage<Payment>> {
  const page = await listRows(db, paymentResource, request);
  return { rows: await withAllocations(db, page.rows), next: page.next };
}

export async function findPayment(
  db: Db,
  id: number,
  options: { lock?: boolean } = {},
): Promise<Payment | undefined> {
  const query = db.select().from(payments).where(eq(payments.id, id)).limit(1);
  const rows = options.lock ? await query.for("update") : await query;
  const [payment] = await withAllocations(db, rows);
  return payment;
}

export async function insertAllocations(
  db: Db,
  paymentId: number,
  allocations: Array<{ invoiceId: number; amountMinor: number }>,
): Promise<void> {
  if (allocations.length > 0) {
    await db.insert(paymentAllocations).values(allocations.map((a) => ({ ...a, paymentId })));
  }
}

/** Touches `updatedAt` of a payment (after its allocations changed). */
export async function touchPayment(db: Db, id: number): Promise<void> {
  await db.update(payments).set({ updatedAt: sql`now()` }).where(eq(payments.id, id));
}
