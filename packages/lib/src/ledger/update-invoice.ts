import { type DatabaseHandle, invoices } from "@creditdesk/db";
import { type Patch, updateRow } from "@creditdesk/db/archive";
import { findInvoice, type Invoice } from "@creditdesk/db/ledger";
import { AppError, type FieldProblem } from "../shared/app-error.ts";

/**
 * Updates an invoice. The amount may not drop below what is already settled (allocations + credit
 * notes), and the due date may not precede the issue date (checked against the stored row too).
 */
export async function updateInvoice(options: {
  handle: DatabaseHandle;
  id: number;
  patch: Patch<typeof invoices.$inferInsert>;
}): Promise<Invoice> {
  const { id, patch } = options;
  return options.handle.transaction(async (tx) => {
    const current = await findInvoice(tx.db, id);
    if (!current) {
      throw AppError.notFound("invoice", id);
    }
    const problems: FieldProblem[] = [];
    const settled = current.allocatedMinor + current.creditedMinor;
    if (patch.amountMinor !== undefined && patch.amountMinor < settled) {
      problems.push({ path: "amountMinor", message: `must not be below the settled ${settled}` });
    }
    if (patch.currency !== undefined && patch.currency !== current.currency && settled > 0) {
      problems.push({ path: "currency", message: "cannot change once payments or credit notes are applied" });
    }
    if ((patch.dueOn ?? current.dueOn) < (patch.issuedOn ?? current.issuedOn)) {
      problems.push({ path: "dueOn", message: "must not be before issuedOn" });
    }
    if (problems.length > 0) {
      throw new AppError("UNPROCESSABLE", "the invoice change is not allowed", { errors: problems });
    }
    await updateRow(tx.db, invoices, id, patch);
    return (await findInvoice(tx.db, id)) as Invoice;
  });
}
