import { CLAIM_STATUSES, type ClaimStatus, canMoveClaim } from "@creditdesk/core/insurance";
import { insuranceClaimEvents, insuranceClaims } from "@creditdesk/db/insurance";
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, requireClaim, todayIso } from "./insurance-common.ts";
import { claimView } from "./list-insurance-claims.ts";

/**
 * Moves a claim along its lifecycle (core `canMoveClaim`: filed → under review → paid | rejected):
 * `paid` needs the indemnity paid (≤ claimed), `rejected` a reason. Each move is an event of the
 * claim's history and an audit entry (who, when, from/to, amount, reason) — the insurer's decision.
 */
export async function moveInsuranceClaim(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  claim: string | number;
  to: ClaimStatus;
  on?: string | undefined;
  indemnityPaidMinor?: number | undefined;
  reason?: string | undefined;
}) {
  const on = options.on ?? todayIso();
  if (!CLAIM_STATUSES.includes(options.to)) {
    throw AppError.validation([{ path: "status", message: `must be one of ${CLAIM_STATUSES.join(", ")}` }]);
  }
  return options.handle.transaction(async (tx) => {
    const before = await requireClaim(tx.db, options.claim);
    const from = before.status as ClaimStatus;
    if (!canMoveClaim(from, options.to)) {
      throw new AppError("CONFLICT", `claim ${before.reference} is ${from}; it cannot become ${options.to}`);
    }
    if (on < before.filedOn) {
      throw AppError.validation([{ path: "on", message: "must be on or after the filing date" }]);
    }
    const patch: Partial<typeof insuranceClaims.$inferInsert> = { status: options.to, updatedAt: new Date() };
    switch (options.to) {
      case "under_review":
        patch.reviewStartedOn = on;
        break;
      case "paid": {
        const paid = options.indemnityPaidMinor;
        if (paid === undefined || !Number.isSafeInteger(paid) || paid < 0 || paid > before.claimedMinor) {
          throw AppError.validation([
            {
              path: "indemnityPaidMinor",
              message: "a paid claim needs the indemnity paid (0 … claimed amount)",
            },
          ]);
        }
        Object.assign(patch, { indemnityPaidMinor: paid, paidOn: on, decidedOn: on });
        break;
      }
      case "rejected":
        if (!options.reason?.trim()) {
          throw AppError.validation([
            { path: "reason", message: "a rejected claim needs the insurer's reason" },
          ]);
        }
        Object.assign(patch, { rejectionReason: options.reason.trim(), decidedOn: on });
        break;
      case "filed":
        break;
      default: {
        const never: never = options.to;
        throw new Error(`unknown claim status ${String(never)}`);
      }
    }
    const [row] = await tx.db
      .update(insuranceClaims)
      .set(patch)
      .where(and(eq(insuranceClaims.id, before.id), eq(insuranceClaims.status, from)))
      .returning();
    if (!row) {
      throw new AppError("CONFLICT", `claim ${before.reference} changed meanwhile; try again`);
    }
    await tx.db.insert(insuranceClaimEvents).values({
      claimId: row.id,
      status: options.to,
      occurredOn: on,
      amountMinor: options.to === "paid" ? (options.indemnityPaidMinor ?? null) : null,
      comment: options.reason ?? null,
      actorId: options.actor.id,
    });
    const view = claimView(row);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: `insurance.claim.${options.to}`,
      entity: "insurance_claim",
      entityId: view.reference,
      before: claimView(before),
      after: view,
      reason: options.reason ?? null,
    });
    return view;
  });
}
