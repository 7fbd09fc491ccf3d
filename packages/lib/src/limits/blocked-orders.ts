import {
  type Actor,
  approvalRefusal,
  creditCheckConfigSchema,
  DEFAULT_CREDIT_CHECK_CONFIG,
} from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { domainEvents } from "@creditdesk/db/assessment";
import { creditChecks, creditSegments } from "@creditdesk/db/limits";
import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { actorAuthority, convertAtLatestRate, loadAuthorityMatrix } from "./authority-matrix.ts";
import { type CreditCheckResult, toCreditCheckResult } from "./credit-check-result.ts";

export const RELEASE_CONDITIONS = [
  "guarantee_received",
  "prepayment_received",
  "shorter_terms",
  "other",
] as const;
export type ReleaseCondition = (typeof RELEASE_CONDITIONS)[number];

/** The blocked-orders queue: open blocked checks, oldest first, with their reasons. */
export async function listBlockedOrders(options: {
  handle: DatabaseHandle;
  limit?: number | undefined;
}): Promise<CreditCheckResult[]> {
  const rows = await options.handle.db
    .select()
    .from(creditChecks)
    .where(eq(creditChecks.blockStatus, "open"))
    .orderBy(asc(creditChecks.id))
    .limit(Math.min(500, options.limit ?? 100));
  return rows.map((r) => toCreditCheckResult(r, false));
}

/**
 * Releases a blocked order (with a justification and the condition it rests on) or rejects it.
 * Releasing needs an effective authority covering the order amount — the stricter of the role's
 * maximum in the matrix and the person's own approval limit (identity) — and never the one who ran
 * the check (four eyes). A released order reserves its amount like an approved check. Either way a
 * domain event (`credit_check.released` / `credit_check.rejected`) is appended for notifications.
 */
export async function resolveBlockedOrder(options: {
  handle: DatabaseHandle;
  id: number;
  action: "release" | "reject";
  condition?: ReleaseCondition | undefined;
  comment: string;
  actor: Actor;
  now?: Date | undefined;
}): Promise<CreditCheckResult> {
  const { handle, id, action } = options;
  const now = options.now ?? new Date();
  return handle.transaction(async (tx) => {
    const [row] = await tx.db.select().from(creditChecks).where(eq(creditChecks.id, id)).for("update");
    if (!row) {
      throw AppError.notFound("credit check", id);
    }
    if (row.blockStatus !== "open") {
      throw new AppError("CONFLICT", `credit check ${id} is not an open blocked order`);
    }
    if (action === "release" && !options.condition) {
      throw AppError.validation([{ path: "condition", message: "a release names its condition" }]);
    }
    const matrix = await loadAuthorityMatrix(tx.db);
    const amount = await convertAtLatestRate(tx.db, {
      amountMinor: row.amountMinor,
      from: row.currency,
      to: matrix.currency,
      asOf: now.toISOString().slice(0, 10),
    });
    const asOf = now.toISOString().slice(0, 10);
    const { actor, ownLimitMinor } = await actorAuthority({
      handle,
      db: tx.db,
      actor: options.actor,
      matrix,
      asOf,
    });
    const refusal = approvalRefusal({
      matrix,
      actor,
      requesterId: row.checkedBy ?? "",
      amountMinor: amount,
      ownLimitMinor,
    });
    if (refusal && (action === "release" || refusal.code !== "INSUFFICIENT_AUTHORITY")) {
      throw new AppError("FORBIDDEN", refusal.message);
    }
    let reserved = 0;
    let expiresAt: Date | null = null;
    const decision = row.decision as { amountInLimitCurrencyMinor?: number | null };
    if (action === "release" && row.limitCurrency && decision.amountInLimitCurrencyMinor) {
      const [segment] = await tx.db.select().from(creditSegments).where(eq(creditSegments.code, row.segment));
      const parsed = creditCheckConfigSchema.safeParse(segment?.config);
      const ttl = (parsed.success ? parsed.data : DEFAULT_CREDIT_CHECK_CONFIG).reservationTtlMinutes;
      reserved = decision.amountInLimitCurrencyMinor;
      expiresAt = new Date(now.getTime() + ttl * 60_000);
    }
    const [updated] = await tx.db
      .update(creditChecks)
      .set({
        blockStatus: action === "release" ? "released" : "rejected",
        resolvedBy: actor.id,
        resolvedRole: actor.role,
        resolutionCondition: options.condition ?? null,
        resolutionComment: options.comment,
        resolvedAt: sql`now()`,
        ...(reserved > 0 ? { reservedMinor: reserved, reservationStatus: "active", expiresAt } : {}),
      })
      .where(eq(creditChecks.id, id))
      .returning();
    await tx.db.insert(domainEvents).values({
      type: action === "release" ? "credit_check.released" : "credit_check.rejected",
      customerId: row.customerId,
      payload: {
        checkId: id,
        orderReference: row.orderReference,
        by: actor.id,
        condition: options.condition ?? null,
        comment: options.comment,
      },
    });
    return toCreditCheckResult(updated ?? row, false);
  });
}
