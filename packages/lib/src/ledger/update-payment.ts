import { type DatabaseHandle, payments } from "@creditdesk/db";
import { type Patch, updateRow } from "@creditdesk/db/archive";
import { findPayment, type Payment } from "@creditdesk/db/ledger";
import { AppError } from "../shared/app-error.ts";

/** Updates reference, date or method (amount and currency are fixed: allocations depend on them). */
export async function updatePayment(options: {
  handle: DatabaseHandle;
  id: number;
  patch: Patch<Pick<typeof payments.$inferInsert, "reference" | "receivedOn" | "method">>;
}): Promise<Payment> {
  const row = await updateRow(options.handle.db, payments, options.id, options.patch);
  if (!row) {
    throw AppError.notFound("payment", options.id);
  }
  return (await findPayment(options.handle.db, options.id)) as Payment;
}
