import type { DatabaseHandle } from "@creditdesk/db";
import { findInvoice, type Invoice } from "@creditdesk/db/ledger";
import { AppError } from "../shared/app-error.ts";

export async function getInvoice(options: { handle: DatabaseHandle; id: number }): Promise<Invoice> {
  const invoice = await findInvoice(options.handle.db, options.id);
  if (!invoice) {
    throw AppError.notFound("invoice", options.id);
  }
  return invoice;
}
