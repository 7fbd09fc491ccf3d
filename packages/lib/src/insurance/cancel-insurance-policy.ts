import { insurancePolicies } from "@creditdesk/db/insurance";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, requirePolicy } from "./insurance-common.ts";
import { policyView } from "./list-insurance-policies.ts";

/**
 * Cancels a policy as of a date: its validity ends that day (so cover as of earlier dates is
 * unchanged — history stays true) and it is marked cancelled. Audited with the reason.
 */
export async function cancelInsurancePolicy(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  policy: string | number;
  endsOn: string;
  reason: string;
}) {
  return options.handle.transaction(async (tx) => {
    const before = await requirePolicy(tx.db, options.policy);
    if (options.endsOn < before.validFrom) {
      throw AppError.validation([{ path: "endsOn", message: "must be on or after the policy's start" }]);
    }
    const [row] = await tx.db
      .update(insurancePolicies)
      .set({ status: "cancelled", validTo: options.endsOn, updatedAt: new Date() })
      .where(eq(insurancePolicies.id, before.id))
      .returning();
    const view = policyView(row!);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.policy.cancel",
      entity: "insurance_policy",
      entityId: view.policyNumber,
      before: policyView(before),
      after: view,
      reason: options.reason,
    });
    return view;
  });
}
