import { insuredLimits } from "@creditdesk/db/insurance";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { requireCustomerId } from "../shared/records.ts";
import { type DatabaseHandle, type InsuranceActor, requirePolicy, todayIso } from "./insurance-common.ts";
import { insuredLimitView } from "./list-insured-limits.ts";

/** Records a request for an insured limit on a buyer, sent to the insurer (pending until decided). */
export async function requestInsuredLimit(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  policy: string | number;
  customer: string | number;
  requestedMinor: number;
  requestedOn?: string | undefined;
}) {
  if (!Number.isSafeInteger(options.requestedMinor) || options.requestedMinor <= 0) {
    throw AppError.validation([
      { path: "requestedMinor", message: "must be a positive whole number of minor units" },
    ]);
  }
  const customerId = await requireCustomerId(options.handle, options.customer);
  return options.handle.transaction(async (tx) => {
    const policy = await requirePolicy(tx.db, options.policy);
    const [row] = await tx.db
      .insert(insuredLimits)
      .values({
        policyId: policy.id,
        customerId,
        currency: policy.currency,
        requestedMinor: options.requestedMinor,
        requestedOn: options.requestedOn ?? todayIso(),
        requestedBy: options.actor.id,
      })
      .returning();
    const view = insuredLimitView(row!);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.limit.request",
      entity: "insured_limit",
      entityId: view.id,
      after: { ...view, policyNumber: policy.policyNumber },
    });
    return view;
  });
}
