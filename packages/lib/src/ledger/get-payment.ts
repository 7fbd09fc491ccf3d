import type { DatabaseHandle } from "@creditdesk/db";
import { findPayment, type Payment } from "@creditdesk/db/ledger";
import { AppError } from "../shared/app-error.ts";

export async function getPayment(options: { handle: DatabaseHandle; id: number }): Promise<Payment> {
  const payment = await findPayment(options.handle.db, options.id);
  if (!payment) {
    throw AppError.notFound("payment", options.id);
  }
  return payment;
}
