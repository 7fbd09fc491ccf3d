import { factoredReceivables } from "@creditdesk/db/insurance";
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, todayIso } from "./insurance-common.ts";
import { factoredView } from "./list-factoring.ts";

/**
 * Ends a factored invoice: `repurchased` (handed back under recourse, or bought back — a
 * non-recourse invoice then returns to the customer's exposure from that day) or `settled` (the
 * buyer paid the factor). Audited.
 */
export async function endFactoredReceivable(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  id: number;
  outcome: "repurchased" | "settled";
  endedOn?: string | undefined;
}) {
  const endedOn = options.endedOn ?? todayIso();
  return options.handle.transaction(async (tx) => {
    const [before] = await tx.db
      .select()
      .from(factoredReceivables)
      .where(eq(factoredReceivables.id, options.id));
    if (!before) {
      throw AppError.notFound("factored receivable", options.id);
    }
    if (before.status !== "active") {
      throw new AppError("CONFLICT", `factored receivable ${options.id} already ended (${before.status})`);
    }
    if (endedOn < before.assignedOn) {
      throw AppError.validation([{ path: "endedOn", message: "must be on or after the assignment date" }]);
    }
    const [row] = await tx.db
      .update(factoredReceivables)
      .set({ status: options.outcome, endedOn, updatedAt: new Date() })
      .where(and(eq(factoredReceivables.id, options.id), eq(factoredReceivables.status, "active")))
      .returning();
    const view = factoredView(row!);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: `factoring.${options.outcome}`,
      entity: "factored_receivable",
      entityId: view.id,
      before: factoredView(before),
      after: view,
    });
    return view;
  });
}
