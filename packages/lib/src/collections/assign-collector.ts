import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { collectionAssignments } from "@creditdesk/db/collections";
import { inArray, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";

/**
 * Makes `collector` responsible for the customers' receivables (null: unassign). Every customer
 * must exist; the change is one statement and one audit entry with the previous collectors.
 */
export async function assignCollector(options: {
  handle: DatabaseHandle;
  actor: string;
  customers: readonly (string | number)[];
  collector: string | null;
}): Promise<{ customerIds: number[]; collector: string | null }> {
  const ids: number[] = [];
  for (const c of options.customers) {
    const id = await findCustomerId(options.handle.db, c);
    if (id === undefined) {
      throw AppError.notFound("customer", c);
    }
    ids.push(id);
  }
  return options.handle.transaction(async (tx) => {
    const before = await tx.db
      .select()
      .from(collectionAssignments)
      .where(inArray(collectionAssignments.customerId, ids));
    if (options.collector === null) {
      await tx.db.delete(collectionAssignments).where(inArray(collectionAssignments.customerId, ids));
    } else {
      await tx.db
        .insert(collectionAssignments)
        .values(
          ids.map((customerId) => ({ customerId, collector: options.collector!, assignedBy: options.actor })),
        )
        .onConflictDoUpdate({
          target: collectionAssignments.customerId,
          set: { collector: options.collector, assignedBy: options.actor, assignedAt: sql`now()` },
        });
    }
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "collections.assign",
      entity: "customer",
      entityId: ids.join(","),
      before: before.map((b) => ({ customerId: b.customerId, collector: b.collector })),
      after: { customerIds: ids, collector: options.collector },
    });
    return { customerIds: ids, collector: options.collector };
  });
}
