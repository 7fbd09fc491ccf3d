import { claimPayableFrom, expectedIndemnity } from "@creditdesk/core/insurance";
import { findCustomerId } from "@creditdesk/db/archive";
import { insuranceClaimEvents, insuranceClaims, insuranceNotifications } from "@creditdesk/db/insurance";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, requirePolicy, todayIso } from "./insurance-common.ts";
import { claimView } from "./list-insurance-claims.ts";

/**
 * Files a claim with the insurer (status `filed`), optionally following an overdue notification;
 * records the first event of its history and the audit entry (inputs, expected indemnity =
 * claimed × indemnity %, payable from = notification/filing + waiting period).
 */
export async function fileInsuranceClaim(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  input: {
    reference: string;
    policy: string | number;
    customer: string | number;
    claimedMinor: number;
    currency?: string | undefined;
    filedOn?: string | undefined;
    notificationId?: number | undefined;
    note?: string | undefined;
  };
}) {
  const input = options.input;
  if (!Number.isSafeInteger(input.claimedMinor) || input.claimedMinor <= 0) {
    throw AppError.validation([
      { path: "claimedMinor", message: "must be a positive whole number of minor units" },
    ]);
  }
  if (!input.reference.trim()) {
    throw AppError.validation([{ path: "reference", message: "is required" }]);
  }
  const filedOn = input.filedOn ?? todayIso();
  return options.handle.transaction(async (tx) => {
    const policy = await requirePolicy(tx.db, input.policy);
    const customerId = await findCustomerId(tx.db, input.customer);
    if (customerId === undefined) {
      throw AppError.notFound("customer", input.customer);
    }
    let notifiedOn: string | null = null;
    if (input.notificationId !== undefined) {
      const [n] = await tx.db
        .select()
        .from(insuranceNotifications)
        .where(eq(insuranceNotifications.id, input.notificationId));
      if (!n || n.customerId !== customerId || n.policyId !== policy.id) {
        throw AppError.validation([
          { path: "notificationId", message: "no notification of this customer under this policy" },
        ]);
      }
      notifiedOn = n.filedOn;
    }
    const [row] = await tx.db
      .insert(insuranceClaims)
      .values({
        reference: input.reference.trim(),
        policyId: policy.id,
        customerId,
        notificationId: input.notificationId ?? null,
        currency: input.currency ?? policy.currency,
        claimedMinor: input.claimedMinor,
        filedOn,
        note: input.note ?? null,
        filedBy: options.actor.id,
      })
      .returning();
    await tx.db.insert(insuranceClaimEvents).values({
      claimId: row!.id,
      status: "filed",
      occurredOn: filedOn,
      amountMinor: input.claimedMinor,
      actorId: options.actor.id,
    });
    const view = {
      ...claimView(row!),
      policyNumber: policy.policyNumber,
      expectedIndemnityMinor: expectedIndemnity(input.claimedMinor, policy.indemnityBps),
      payableFrom: claimPayableFrom({ notifiedOn, filedOn, waitingPeriodDays: policy.waitingPeriodDays }),
    };
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.claim.file",
      entity: "insurance_claim",
      entityId: view.reference,
      after: view,
    });
    return view;
  });
}
