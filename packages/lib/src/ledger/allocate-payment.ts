import type { DatabaseHandle, Db } from "@creditdesk/db";
import {
  findPayment,
  insertAllocations,
  lockInvoices,
  markInvoicesPaid,
  type Payment,
  type PaymentAllocationInput,
  touchPayment,
} from "@creditdesk/db/ledger";
import { AppError, type FieldProblem } from "../shared/app-error.ts";

/**
 * Allocates (part of) a payment to invoices of the same customer and currency. Each allocation may
 * not exceed the invoice's open amount (amount − allocations − credit notes), and together they may
 * not exceed the payment's unallocated amount. Payment and invoices are locked (FOR UPDATE, invoices
 * in id order) so concurrent allocations cannot both pass the checks. Invoices settled to zero
 * become `paid`.
 */
export async function allocatePayment(options: {
  handle: DatabaseHandle;
  paymentId: number;
  allocations: PaymentAllocationInput[];
}): Promise<Payment> {
  return options.handle.transaction(async (tx) => {
    await applyAllocations(tx.db, options.paymentId, options.allocations);
    return (await findPayment(tx.db, options.paymentId)) as Payment;
  });
}

/** The allocation rules inside a caller's transaction (also used when a payment is created with allocations). */
export async function applyAllocations(
  db: Db,
  paymentId: number,
  allocations: PaymentAllocationInput[],
  path = "allocations",
): Promise<void> {
  const payment = await findPayment(db, paymentId, { lock: true });
  if (!payment) {
    throw AppError.notFound("payment", paymentId);
  }
  if (allocations.length === 0) {
    return;
  }
  const invoices = new Map(
    (await lockInvoices(db, [...new Set(allocations.map((a) => a.invoiceId))])).map((i) => [i.id, i]),
  );
  const alreadyAllocated = new Set(payment.allocations.map((a) => a.invoiceId));
  const problems: FieldProblem[] = [];
  const seen = new Set<number>();
  let remaining = payment.unallocatedMinor;
  const settledInvoices: number[] = [];
  allocations.forEach((allocation, index) => {
    const at = `${path}.${index}`;
    const invoice = invoices.get(allocation.invoiceId);
    if (!invoice) {
      problems.push({ path: `${at}.invoiceId`, message: `invoice ${allocation.invoiceId} does not exist` });
      return;
    }
    if (seen.has(invoice.id) || alreadyAllocated.has(invoice.id)) {
      problems.push({
        path: `${at}.invoiceId`,
        message: "this payment is already allocated to this invoice",
      });
      return;
    }
    seen.add(invoice.id);
    if (invoice.customerId !== payment.customerId) {
      problems.push({ path: `${at}.invoiceId`, message: "the invoice belongs to another customer" });
      return;
    }
    if (invoice.currency !== payment.currency) {
      problems.push({
        path: `${at}.invoiceId`,
        message: `the invoice is in ${invoice.currency}, the payment in ${payment.currency}`,
      });
      return;
    }
    if (invoice.status === "cancelled" || invoice.status === "written_off") {
      problems.push({ path: `${at}.invoiceId`, message: `the invoice is ${invoice.status}` });
      return;
    }
    if (allocation.amountMinor > invoice.openMinor) {
      problems.push({
        path: `${at}.amountMinor`,
        message: `exceeds the invoice's open amount ${invoice.openMinor}`,
      });
      return;
    }
    if (allocation.amountMinor > remaining) {
      problems.push({
        path: `${at}.amountMinor`,
        message: `exceeds the payment's unallocated amount ${remaining}`,
      });
      return;
    }
    remaining -= allocation.amountMinor;
    if (allocation.amountMinor === invoice.openMinor) {
      settledInvoices.push(invoice.id);
    }
  });
  if (problems.length > 0) {
    throw new AppError("UNPROCESSABLE", "the allocation is not allowed", { errors: problems });
  }
  await insertAllocations(db, paymentId, allocations);
  await markInvoicesPaid(db, settledInvoices);
  await touchPayment(db, paymentId);
}
