import {
  classifyDecision,
  decisionProblem,
  type InsurerDecisionInput,
  insurerDecisionInputSchema,
} from "@creditdesk/core/insurance";
import { findCustomerId } from "@creditdesk/db/archive";
import { insuredLimits } from "@creditdesk/db/insurance";
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, parseInput, requirePolicy } from "./insurance-common.ts";
import { insuredLimitView } from "./list-insured-limits.ts";

/**
 * Records the insurer's decision on an insured limit — a credit decision, so it is audited with who
 * recorded it, when, the inputs (requested and granted amounts, dates, conditions), the outcome
 * (full / partial / refused, derived from the amounts and checked against a stated one) and the
 * insurer's reference. Completes a pending request (`requestId`) or records a decision that came
 * without one (a new row). Earlier decisions stay as history: the newest decision in force on a
 * date is the insured limit of that date.
 */
export async function recordInsurerDecision(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  input: InsurerDecisionInput & {
    requestId?: number | undefined;
    policy?: string | number | undefined;
    customer?: string | number | undefined;
  };
}) {
  const { requestId, policy: policyKey, customer, ...rest } = options.input;
  const input = parseInput(insurerDecisionInputSchema, rest);
  const decision = input.decision ?? classifyDecision(input.requestedMinor, input.decidedMinor);
  const problem = decisionProblem(input.requestedMinor, input.decidedMinor, decision);
  if (problem) {
    throw AppError.validation([{ path: "decision", message: problem }]);
  }
  if (input.expiresOn && input.expiresOn < input.decidedOn) {
    throw AppError.validation([{ path: "expiresOn", message: "must be on or after decidedOn" }]);
  }
  return options.handle.transaction(async (tx) => {
    const decided = {
      requestedMinor: input.requestedMinor,
      decision,
      decidedMinor: input.decidedMinor,
      decidedOn: input.decidedOn,
      expiresOn: input.expiresOn ?? null,
      conditions: input.conditions ?? null,
      insurerReference: input.insurerReference ?? null,
      decisionRecordedBy: options.actor.id,
      decisionRecordedAt: new Date(),
      updatedAt: new Date(),
    };
    let row: typeof insuredLimits.$inferSelect | undefined;
    let before: typeof insuredLimits.$inferSelect | undefined;
    if (requestId !== undefined) {
      [before] = await tx.db
        .select()
        .from(insuredLimits)
        .where(eq(insuredLimits.id, requestId))
        .for("update");
      if (!before) {
        throw AppError.notFound("insured limit request", requestId);
      }
      if (before.decision !== "pending") {
        throw new AppError(
          "CONFLICT",
          `insured limit request ${requestId} was already decided (${before.decision})`,
        );
      }
      [row] = await tx.db
        .update(insuredLimits)
        .set(decided)
        .where(and(eq(insuredLimits.id, requestId), eq(insuredLimits.decision, "pending")))
        .returning();
    } else {
      if (policyKey === undefined || customer === undefined) {
        throw AppError.validation([
          { path: "requestId", message: "name the pending request, or the policy and the customer" },
        ]);
      }
      const policy = await requirePolicy(tx.db, policyKey);
      const customerId = await findCustomerId(tx.db, customer);
      if (customerId === undefined) {
        throw AppError.notFound("customer", customer);
      }
      [row] = await tx.db
        .insert(insuredLimits)
        .values({
          policyId: policy.id,
          customerId,
          currency: policy.currency,
          requestedOn: input.decidedOn,
          requestedBy: options.actor.id,
          ...decided,
        })
        .returning();
    }
    const view = insuredLimitView(row!);
    const policy = await requirePolicy(tx.db, view.policyId);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.limit.decision",
      entity: "insured_limit",
      entityId: view.id,
      before: before ? insuredLimitView(before) : null,
      after: {
        ...view,
        policyNumber: policy.policyNumber,
        insurer: policy.insurer,
        indemnityBps: policy.indemnityBps,
        actorRole: options.actor.role ?? null,
      },
      reason: `${policy.insurer}: ${decision}${input.conditions ? ` — ${input.conditions}` : ""}`,
    });
    return view;
  });
}
