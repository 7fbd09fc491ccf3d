import type { CheckExposure, CheckReason, CheckStepOutcome, CreditStatus } from "@creditdesk/core/limits";
import type { Db } from "@creditdesk/db";
import { creditChecks } from "@creditdesk/db/limits";
import { eq } from "drizzle-orm";

/** What a credit check answers (and what is recorded in `credit_checks.decision`). */
export interface CreditCheckDecision {
  creditStatus: CreditStatus;
  steps: CheckStepOutcome[];
  exposure: CheckExposure | null;
  exposureMinor: number | null;
  limitMinor: number | null;
  availableMinor: number | null;
  utilisationAfter: number | null;
  /** This check's amount in the limit currency (null without a rate). */
  amountInLimitCurrencyMinor: number | null;
  asOf: string;
}

export interface CreditCheckResult extends CreditCheckDecision {
  id: number;
  customerId: number;
  segment: string;
  orderReference: string;
  outcome: "approved" | "blocked";
  /** True when an earlier decision for the same order reference is returned unchanged. */
  idempotent: boolean;
  /** The amount decided by this check: the order, or the increase of a re-checked order. */
  amountMinor: number;
  orderTotalMinor: number;
  currency: string;
  limitCurrency: string | null;
  reasons: CheckReason[];
  reservation: { status: string; reservedMinor: number; expiresAt: string | null } | null;
  blockStatus: string | null;
  checkedAt: string;
}

type CheckRow = typeof creditChecks.$inferSelect;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Row → result (the row's `decision` JSON carries the evaluated figures). */
export function toCreditCheckResult(row: CheckRow, idempotent: boolean): CreditCheckResult {
  const decision = row.decision as CreditCheckDecision;
  return {
    ...decision,
    id: row.id,
    customerId: row.customerId,
    segment: row.segment,
    orderReference: row.orderReference,
    outcome: row.outcome === "approved" ? "approved" : "blocked",
    idempotent,
    amountMinor: row.amountMinor,
    orderTotalMinor: row.orderTotalMinor,
    currency: row.currency,
    limitCurrency: row.limitCurrency,
    reasons: row.reasons as CheckReason[],
    reservation:
      row.reservationStatus === "none"
        ? null
        : { status: row.reservationStatus, reservedMinor: row.reservedMinor, expiresAt: iso(row.expiresAt) },
    blockStatus: row.blockStatus,
    checkedAt: iso(row.checkedAt) ?? "",
  };
}

export async function findCreditCheck(db: Db, id: number): Promise<CheckRow | undefined> {
  const rows = await db.select().from(creditChecks).where(eq(creditChecks.id, id)).limit(1);
  return rows[0];
}
