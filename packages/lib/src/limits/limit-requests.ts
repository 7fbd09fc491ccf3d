import { type Actor, approvalChain, stepApprovalRefusal } from "@creditdesk/core/limits";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { domainEvents } from "@creditdesk/db/assessment";
import { limitRequestSteps, limitRequests } from "@creditdesk/db/limits";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { actorAuthority, convertAtLatestRate, loadAuthorityMatrix } from "./authority-matrix.ts";
import { getExposure } from "./get-exposure.ts";
import { listCurrentLimits } from "./list-limits.ts";
import { writeCreditLimit } from "./set-credit-limit.ts";

export const LIMIT_REQUEST_KINDS = ["new", "raise", "lower", "temporary"] as const;
export type LimitRequestKind = (typeof LIMIT_REQUEST_KINDS)[number];
export const LIMIT_DECISIONS = ["approve", "reject", "send_back"] as const;
export type LimitDecision = (typeof LIMIT_DECISIONS)[number];

export type LimitRequestRow = typeof limitRequests.$inferSelect;
export type LimitRequestStep = typeof limitRequestSteps.$inferSelect;
export interface LimitRequestWithSteps extends LimitRequestRow {
  steps: LimitRequestStep[];
}

export interface LimitRequestInput {
  customer: string | number;
  segment?: string | undefined;
  kind: LimitRequestKind;
  currency: string;
  requestedMinor: number;
  validFrom: string;
  validTo?: string | null | undefined;
  justification: string;
}

async function withSteps(db: Db, request: LimitRequestRow): Promise<LimitRequestWithSteps> {
  const steps = await db
    .select()
    .from(limitRequestSteps)
    .where(eq(limitRequestSteps.requestId, request.id))
    .orderBy(asc(limitRequestSteps.id));
  return { ...request, steps };
}

/**
 * Where a request goes: the levels of the authority matrix it passes through, ending at the lowest
 * level that covers the amount (matrix currency), core `approvalChain`.
 */
async function route(
  db: Db,
  input: { currency: string; requestedMinor: number; asOf: string; requesterRole: string },
) {
  const matrix = await loadAuthorityMatrix(db);
  const amount = await convertAtLatestRate(db, {
    amountMinor: input.requestedMinor,
    from: input.currency,
    to: matrix.currency,
    asOf: input.asOf,
  });
  const chain = approvalChain(matrix, { amountMinor: amount, requesterRole: input.requesterRole });
  if (!chain) {
    throw new AppError("UNPROCESSABLE", "no role in the authority matrix covers this amount");
  }
  return { matrix, amount, entry: chain.required, levels: chain.levels };
}

/**
 * Requests a new, raised, lowered or temporary limit with a justification. The request is routed
 * through the authority levels up to the lowest one that covers the amount (`approvalLevels`, the
 * first awaited in `currentLevel`); lowering below the current exposure is allowed but flagged
 * (`belowExposure`). The submission is the first recorded step.
 */
export async function requestLimitChange(options: {
  handle: DatabaseHandle;
  input: LimitRequestInput;
  actor: Actor;
  now?: Date | undefined;
}): Promise<LimitRequestWithSteps> {
  const { handle, input, actor } = options;
  const now = options.now ?? new Date();
  const asOf = now.toISOString().slice(0, 10);
  const segment = input.segment ?? "default";
  if (input.kind === "temporary" && !input.validTo) {
    throw AppError.validation([{ path: "validTo", message: "a temporary limit needs an end date" }]);
  }
  const customerId = await findCustomerId(handle.db, input.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", input.customer);
  }
  const { entry, levels } = await route(handle.db, { ...input, asOf, requesterRole: actor.role });
  const limits = await listCurrentLimits({ handle, customerId, asOf, segment });
  const current = limits.effective;
  const exposure = await getExposure({
    handle,
    customer: customerId,
    segment,
    currency: input.currency,
    now,
  });
  const exposureKnown = exposure.missingFxCurrencies.length === 0;
  const belowExposure = exposureKnown ? input.requestedMinor < exposure.net.grossMinor : null;
  return handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(limitRequests)
      .values({
        customerId,
        segment,
        kind: input.kind,
        currency: input.currency,
        requestedMinor: input.requestedMinor,
        currentMinor: current && current.currency === input.currency ? current.amountMinor : null,
        exposureMinor: exposureKnown ? exposure.net.grossMinor : null,
        belowExposure,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        justification: input.justification,
        requiredRole: entry.role,
        requiredLevel: entry.level,
        approvalLevels: levels,
        currentLevel: levels[0] ?? entry.level,
        requestedBy: actor.id,
        requestedRole: actor.role,
      })
      .returning();
    if (!row) {
      throw new Error("insert returned no row");
    }
    await tx.db.insert(limitRequestSteps).values({
      requestId: row.id,
      action: "submitted",
      actorId: actor.id,
      actorRole: actor.role,
      comment: input.justification,
    });
    return withSteps(tx.db, row);
  });
}

async function lockRequest(db: Db, id: number): Promise<LimitRequestRow> {
  const rows = await db.select().from(limitRequests).where(eq(limitRequests.id, id)).for("update");
  const row = rows[0];
  if (!row) {
    throw AppError.notFound("limit request", id);
  }
  return row;
}

/** Who approved a level since the request was last (re)submitted. */
function approversSinceSubmission(steps: readonly LimitRequestStep[]): string[] {
  let since = 0;
  steps.forEach((step, i) => {
    if (step.action === "submitted" || step.action === "resubmitted") {
      since = i;
    }
  });
  return steps
    .slice(since)
    .filter((s) => s.action === "approved")
    .map((s) => s.actorId);
}

/**
 * Approve, reject or send back a pending request. A request passes its levels in order
 * (`approvalLevels`): approving the awaited level moves it to the next one; approving the last
 * writes the limit (superseding the previous one of its kind) and appends a `limit.changed`
 * domain event. Four eyes at every level: never the requester, never one person for two levels.
 * The approver's role must sit at the awaited level or above and their effective authority — the
 * stricter of the role's maximum and their own approval limit (identity) — must cover what the
 * level vouches for (403 otherwise). Rejecting or sending back needs four eyes and a role in the
 * matrix. Every decision is a recorded step with its level.
 */
export async function decideLimitRequest(options: {
  handle: DatabaseHandle;
  id: number;
  decision: LimitDecision;
  comment?: string | undefined;
  actor: Actor;
  now?: Date | undefined;
}): Promise<LimitRequestWithSteps> {
  const { handle, id, decision } = options;
  const asOf = (options.now ?? new Date()).toISOString().slice(0, 10);
  if (decision !== "approve" && !options.comment) {
    throw AppError.validation([{ path: "comment", message: "a rejection or send-back needs a comment" }]);
  }
  return handle.transaction(async (tx) => {
    const request = await lockRequest(tx.db, id);
    if (request.status !== "pending") {
      throw new AppError("CONFLICT", `limit request ${id} is ${request.status}, not pending`);
    }
    const { matrix, amount, entry } = await route(tx.db, {
      ...request,
      asOf,
      requesterRole: request.requestedRole,
    });
    // Requests stored before multi-level routing carry no chain: their required level alone.
    const levels = request.approvalLevels?.length
      ? request.approvalLevels
      : [request.requiredLevel ?? entry.level];
    const finalLevel = levels[levels.length - 1] ?? entry.level;
    const level = request.currentLevel ?? finalLevel;
    const { actor, ownLimitMinor } = await actorAuthority({
      handle,
      db: tx.db,
      actor: options.actor,
      matrix,
      asOf,
    });
    const earlier = await tx.db
      .select()
      .from(limitRequestSteps)
      .where(eq(limitRequestSteps.requestId, id))
      .orderBy(asc(limitRequestSteps.id));
    const refusal = stepApprovalRefusal({
      matrix,
      actor,
      ownLimitMinor,
      requesterId: request.requestedBy,
      earlierApprovers: approversSinceSubmission(earlier),
      level,
      finalLevel,
      amountMinor: amount,
    });
    // Rejecting or sending back only needs four eyes and a role in the matrix.
    if (
      refusal &&
      (decision === "approve" || refusal.code === "OWN_REQUEST" || refusal.code === "UNKNOWN_ROLE")
    ) {
      throw new AppError("FORBIDDEN", refusal.message);
    }
    const nextLevel = levels[levels.indexOf(level) + 1];
    if (decision === "approve" && nextLevel !== undefined && level < finalLevel) {
      const [moved] = await tx.db
        .update(limitRequests)
        .set({ currentLevel: nextLevel, updatedAt: sql`now()` })
        .where(eq(limitRequests.id, id))
        .returning();
      await tx.db.insert(limitRequestSteps).values({
        requestId: id,
        action: "approved",
        actorId: actor.id,
        actorRole: actor.role,
        level,
        comment: options.comment ?? null,
      });
      return withSteps(tx.db, moved ?? request);
    }
    let limitId: number | null = null;
    if (decision === "approve") {
      const limit = await writeCreditLimit(tx.db, {
        customerId: request.customerId,
        input: {
          customer: request.customerId,
          segment: request.segment,
          kind: request.kind === "temporary" ? "temporary" : "standard",
          currency: request.currency,
          amountMinor: request.requestedMinor,
          validFrom: request.validFrom,
          validTo: request.validTo,
          note: request.justification,
          requestId: request.id,
        },
        createdBy: actor.id,
      });
      limitId = limit.id;
      await tx.db.insert(domainEvents).values({
        type: "limit.changed",
        customerId: request.customerId,
        payload: {
          requestId: request.id,
          limitId,
          amountMinor: request.requestedMinor,
          currency: request.currency,
          approvedBy: [...approversSinceSubmission(earlier), actor.id],
        },
      });
    }
    const status = decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "sent_back";
    const [updated] = await tx.db
      .update(limitRequests)
      .set({
        status,
        decidedBy: actor.id,
        decidedAt: sql`now()`,
        limitId,
        currentLevel: null,
        updatedAt: sql`now()`,
      })
      .where(eq(limitRequests.id, id))
      .returning();
    await tx.db.insert(limitRequestSteps).values({
      requestId: id,
      action: status,
      actorId: actor.id,
      actorRole: actor.role,
      level,
      comment: options.comment ?? null,
    });
    return withSteps(tx.db, updated ?? request);
  });
}

/** The requester resubmits a request that was sent back, optionally with a new amount or reason. */
export async function resubmitLimitRequest(options: {
  handle: DatabaseHandle;
  id: number;
  actor: Actor;
  requestedMinor?: number | undefined;
  justification?: string | undefined;
}): Promise<LimitRequestWithSteps> {
  const { handle, id, actor } = options;
  return handle.transaction(async (tx) => {
    const request = await lockRequest(tx.db, id);
    if (request.status !== "sent_back") {
      throw new AppError("CONFLICT", `limit request ${id} is ${request.status}, not sent back`);
    }
    if (request.requestedBy !== actor.id) {
      throw new AppError("FORBIDDEN", "only the requester can resubmit a request");
    }
    const requestedMinor = options.requestedMinor ?? request.requestedMinor;
    const { entry, levels } = await route(tx.db, {
      currency: request.currency,
      requestedMinor,
      asOf: new Date().toISOString().slice(0, 10),
      requesterRole: request.requestedRole,
    });
    const [updated] = await tx.db
      .update(limitRequests)
      .set({
        status: "pending",
        requestedMinor,
        justification: options.justification ?? request.justification,
        requiredRole: entry.role,
        requiredLevel: entry.level,
        // A resubmission starts the chain again: earlier approvals were of another request.
        approvalLevels: levels,
        currentLevel: levels[0] ?? entry.level,
        updatedAt: sql`now()`,
      })
      .where(eq(limitRequests.id, id))
      .returning();
    await tx.db.insert(limitRequestSteps).values({
      requestId: id,
      action: "resubmitted",
      actorId: actor.id,
      actorRole: actor.role,
      comment: options.justification ?? null,
    });
    return withSteps(tx.db, updated ?? request);
  });
}

export async function getLimitRequest(options: {
  handle: DatabaseHandle;
  id: number;
}): Promise<LimitRequestWithSteps> {
  const rows = await options.handle.db.select().from(limitRequests).where(eq(limitRequests.id, options.id));
  const row = rows[0];
  if (!row) {
    throw AppError.notFound("limit request", options.id);
  }
  return withSteps(options.handle.db, row);
}

/** Requests, newest first, optionally by status and customer (max 500). */
export async function listLimitRequests(options: {
  handle: DatabaseHandle;
  status?: string | undefined;
  customer?: string | number | undefined;
  limit?: number | undefined;
}): Promise<LimitRequestWithSteps[]> {
  const conditions: SQL[] = [];
  if (options.status) {
    conditions.push(eq(limitRequests.status, options.status));
  }
  if (options.customer !== undefined) {
    const customerId = await findCustomerId(options.handle.db, options.customer);
    if (customerId === undefined) {
      throw AppError.notFound("customer", options.customer);
    }
    conditions.push(eq(limitRequests.customerId, customerId));
  }
  const requests = await options.handle.db
    .select()
    .from(limitRequests)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(limitRequests.id))
    .limit(Math.min(500, options.limit ?? 100));
  // Every request's steps in one query: the approvals queue shows who signed which level.
  const steps =
    requests.length === 0
      ? []
      : await options.handle.db
          .select()
          .from(limitRequestSteps)
          .where(
            inArray(
              limitRequestSteps.requestId,
              requests.map((r) => r.id),
            ),
          )
          .orderBy(asc(limitRequestSteps.id));
  return requests.map((r) => ({ ...r, steps: steps.filter((s) => s.requestId === r.id) }));
}
