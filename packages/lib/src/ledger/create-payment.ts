import { type DatabaseHandle, payments } from "@creditdesk/db";
import { insertRow } from "@creditdesk/db/archive";
import { findPayment, type Payment, type PaymentInsert } from "@creditdesk/db/ledger";
import { applyAllocations } from "./allocate-payment.ts";

/** Records a payment and, optionally, its allocations — all or nothing. */
export async function createPayment(options: {
  handle: DatabaseHandle;
  input: PaymentInsert;
}): Promise<Payment> {
  const { allocations = [], ...values } = options.input;
  return options.handle.transaction(async (tx) => {
    const row = await insertRow(tx.db, payments, values);
    await applyAllocations(tx.db, row.id, allocations);
    return (await findPayment(tx.db, row.id)) as Payment;
  });
}
