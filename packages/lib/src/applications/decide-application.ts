import {
  type ApplicationDecision,
  type ApprovalConditions,
  decisionBlockers,
  STATUS_OF_DECISION,
} from "@creditdesk/core/applications";
import { addMonths } from "@creditdesk/core/assessment";
import { type Actor, approvalRefusal } from "@creditdesk/core/limits";
import { customerIdentifiers, customers, type DatabaseHandle } from "@creditdesk/db";
import { creditApplications } from "@creditdesk/db/applications";
import { domainEvents } from "@creditdesk/db/assessment";
import { creditReviews } from "@creditdesk/db/reviews";
import { and, eq, ne, sql } from "drizzle-orm";
import { normaliseIdentifiers } from "../archive/normalise-identifiers.ts";
import { getLatestAssessment } from "../assessment/get-credit-file.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { convertAtLatestRate, loadAuthorityMatrix } from "../limits/authority-matrix.ts";
import { recommendCustomerLimit } from "../limits/recommend-customer-limit.ts";
import { writeCreditLimit } from "../limits/set-credit-limit.ts";
import { AppError } from "../shared/app-error.ts";
import { createApprovalConditions } from "./conditions.ts";
import { loadApplicationsConfig } from "./config.ts";
import {
  findApplication,
  loadChecklist,
  loadSignals,
  storedDuplicates,
  toStoredSignal,
} from "./load-application.ts";

export interface DecideApplicationInput {
  decision: ApplicationDecision;
  reason?: string | undefined;
  /** Approved limit (application currency); default the requested one. */
  limitMinor?: number | undefined;
  termsDays?: number | undefined;
  /** Next credit review; default from the grade policy's review frequency (12 months without an assessment). */
  reviewOn?: string | undefined;
  conditions?: ApprovalConditions | undefined;
}

/**
 * Decides an application (approve, approve with conditions, decline) — the credit decision of
 * onboarding, recorded with who, when, every input (checklist, signals and clearances, duplicates,
 * assessment with scorecard version, limit recommendation, authority), outcome and reason.
 *
 * Four eyes: the creator (for a public-form application, the link's issuer) never decides. An
 * approval needs a complete checklist, every high-risk signal cleared and authority over the
 * limit (the limits capability's matrix); it activates the prospect with its registry id and
 * terms, sets the limit through the limits capability and schedules the first review. A decline
 * leaves the prospect a prospect: no active customer.
 */
export async function decideApplication(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  input: DecideApplicationInput;
  now?: Date | undefined;
}) {
  const { handle, actor, input } = options;
  const now = options.now ?? new Date();
  const asOf = now.toISOString().slice(0, 10);
  const config = await loadApplicationsConfig(handle.db);
  const pre = await findApplication(handle.db, options.id);
  // Read outside the transaction (it runs its own queries); re-checked under the row lock below.
  const assessment = await getLatestAssessment(handle, pre.customerId);
  const recommendation = await recommendCustomerLimit({
    handle,
    customer: pre.customerId,
    currency: pre.currency,
    asOf,
  });
  return handle.transaction(async (tx) => {
    const app = await findApplication(tx.db, options.id, { forUpdate: true });
    const { checklist, ratingReports } = await loadChecklist(tx.db, app, config, asOf);
    const signals = await loadSignals(tx.db, app.id);
    const blockers = decisionBlockers({
      decision: input.decision,
      status: app.status,
      actorId: actor.id,
      createdBy: app.createdBy,
      checked: app.checkedAt !== null,
      checklist,
      signals: signals.map(toStoredSignal),
      reason: input.reason,
      conditions: input.conditions,
    });
    const own = blockers.find((b) => b.code === "OWN_APPLICATION");
    if (own) {
      throw new AppError("FORBIDDEN", own.message);
    }
    if (blockers.some((b) => b.code === "NO_REASON" || b.code === "NO_CONDITIONS")) {
      throw AppError.validation(
        blockers.map((b) => ({ path: b.code === "NO_REASON" ? "reason" : "conditions", message: b.message })),
      );
    }
    if (blockers.length > 0) {
      throw new AppError("CONFLICT", blockers.map((b) => b.message).join("; "));
    }
    const approve = input.decision !== "decline";
    const limitMinor = input.limitMinor ?? app.requestedLimitMinor;
    const termsDays = input.termsDays ?? app.requestedTermsDays;
    const policy = (assessment?.policy ?? null) as {
      reviewFrequencyMonths?: number;
      paymentTermsDays?: number;
    } | null;
    const reviewOn = input.reviewOn ?? addMonths(asOf, policy?.reviewFrequencyMonths ?? 12);
    let authority: unknown = null;
    let limitId: number | null = null;
    let conditionsCreated: Awaited<ReturnType<typeof createApprovalConditions>> | null = null;
    if (approve) {
      const matrix = await loadAuthorityMatrix(tx.db);
      const amount = await convertAtLatestRate(tx.db, {
        amountMinor: limitMinor,
        from: app.currency,
        to: matrix.currency,
        asOf,
      });
      const refusal = approvalRefusal({ matrix, actor, requesterId: app.createdBy, amountMinor: amount });
      if (refusal) {
        throw new AppError("FORBIDDEN", refusal.message);
      }
      authority = { role: actor.role, matrixCurrency: matrix.currency, amountInMatrixCurrency: amount };
      const identifiers =
        app.registrationId && app.registrationType
          ? normaliseIdentifiers(
              [{ type: app.registrationType as "uscc", value: app.registrationId, verifiedOn: asOf }],
              "registrationId",
            )
          : [];
      for (const identifier of identifiers) {
        const [taken] = await tx.db
          .select({ customerId: customerIdentifiers.customerId })
          .from(customerIdentifiers)
          .where(
            and(
              eq(customerIdentifiers.type, identifier.type),
              eq(customerIdentifiers.value, identifier.value),
              ne(customerIdentifiers.customerId, app.customerId),
            ),
          );
        if (taken) {
          throw new AppError(
            "CONFLICT",
            `registration id ${identifier.value} already belongs to customer ${taken.customerId}: a duplicate, decline or merge it`,
          );
        }
      }
      await tx.db.delete(customerIdentifiers).where(eq(customerIdentifiers.customerId, app.customerId));
      if (identifiers.length > 0) {
        await tx.db
          .insert(customerIdentifiers)
          .values(identifiers.map((i) => ({ ...i, customerId: app.customerId })));
      }
      await tx.db
        .update(customers)
        .set({ status: "active", paymentTermsDays: termsDays, updatedAt: sql`now()` })
        .where(eq(customers.id, app.customerId));
      const limit = await writeCreditLimit(tx.db, {
        customerId: app.customerId,
        input: {
          customer: app.customerId,
          currency: app.currency,
          amountMinor: limitMinor,
          validFrom: asOf,
          note: `credit application APP-${app.id}`,
        },
        createdBy: actor.id,
      });
      limitId = limit.id;
      if (input.decision === "approve_with_conditions" && input.conditions) {
        // What the conditions name is created now, in this transaction (contract, insured-limit
        // request); the account stays on hold until the open ones are met.
        conditionsCreated = await createApprovalConditions(handle, tx, {
          applicationId: app.id,
          customerId: app.customerId,
          currency: app.currency,
          termsDays,
          asOf,
          actorId: actor.id,
          conditions: input.conditions,
        });
      }
      await tx.db.insert(domainEvents).values({
        type: "limit.changed",
        customerId: app.customerId,
        payload: { applicationId: app.id, limitId, amountMinor: limitMinor, currency: app.currency },
      });
      // The first periodic review (reviews capability), unless one is already open.
      await tx.db
        .insert(creditReviews)
        .values({ customerId: app.customerId, dueOn: reviewOn, reason: "manual", owner: actor.id })
        .onConflictDoNothing();
    }
    const inputs = {
      asOf,
      requested: {
        currency: app.currency,
        limitMinor: app.requestedLimitMinor,
        termsDays: app.requestedTermsDays,
      },
      checklist,
      ratingReports,
      signals: signals.map((s) => ({
        code: s.code,
        severity: s.severity,
        score: s.score,
        active: s.active,
        clearedBy: s.clearedBy,
        clearReason: s.clearReason,
      })),
      duplicates: storedDuplicates(app).map((d) => ({
        kind: d.kind,
        id: d.id,
        fields: d.reasons.map((r) => r.field),
      })),
      assessment: assessment
        ? {
            id: assessment.id,
            asOf: assessment.asOf,
            score: assessment.score,
            grade: assessment.grade,
            pd: assessment.pd,
            scorecardVersion: assessment.scorecardVersion,
            reasons: assessment.reasons,
            policy: assessment.policy,
          }
        : null,
      recommendation: {
        recommendedMinor: recommendation.recommendedMinor,
        boundBy: recommendation.boundBy,
        reason: recommendation.reason,
      },
      authority,
    };
    const status = STATUS_OF_DECISION[input.decision];
    const [updated] = await tx.db
      .update(creditApplications)
      .set({
        status,
        decision: input.decision,
        decisionReason: input.reason ?? null,
        decidedBy: actor.id,
        decidedAt: now,
        approvedLimitMinor: approve ? limitMinor : null,
        approvedTermsDays: approve ? termsDays : null,
        reviewOn: approve ? reviewOn : null,
        conditions: input.decision === "approve_with_conditions" ? (input.conditions ?? null) : null,
        decisionInputs: inputs,
        limitId,
        updatedAt: sql`now()`,
      })
      .where(eq(creditApplications.id, app.id))
      .returning();
    await appendAudit(
      tx.db,
      {
        actor: actor.id,
        action: "application.decide",
        entity: "credit_application",
        entityId: app.id,
        before: { status: app.status },
        after: {
          decision: input.decision,
          status,
          customerId: app.customerId,
          limitId,
          limitMinor: approve ? limitMinor : null,
          currency: app.currency,
          termsDays: approve ? termsDays : null,
          reviewOn: approve ? reviewOn : null,
          conditions: input.conditions ?? null,
          conditionsCreated,
          inputs,
        },
        reason: input.reason ?? null,
      },
      now,
    );
    return {
      id: app.id,
      status,
      decision: input.decision,
      customerId: app.customerId,
      limitId,
      reviewOn: updated?.reviewOn ?? null,
      conditions: conditionsCreated?.conditions ?? [],
      contractId: conditionsCreated?.contractId ?? null,
      accountStatus: conditionsCreated?.account ?? null,
    };
  });
}
