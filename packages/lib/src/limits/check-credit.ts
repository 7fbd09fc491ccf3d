import type { RiskGrade } from "@creditdesk/core/assessment";
import { addDays } from "@creditdesk/core/assessment";
import {
  type AccountStatus,
  type CheckLimit,
  type CreditCheckConfig,
  type CurrencyExposure,
  combineExposure,
  convertAtQuote,
  creditCheckConfigSchema,
  DEFAULT_CREDIT_CHECK_CONFIG,
  daysPastDue,
  evaluateCreditCheck,
  type FxQuote,
  paymentIndexFromLateShare,
} from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import type { NewAuditEntry } from "@creditdesk/db/audit";
import {
  type ExposureRow,
  insertCreditCheck,
  type LockedAccount,
  loadCreditAccountOf,
  loadExposureByCurrency,
  lockAccountTotals,
  type NewCreditCheck,
  sweepDueReservations,
} from "@creditdesk/db/limits";
import { appendAudit, prepareAuditEntry } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import {
  type CreditCheckDecision,
  type CreditCheckResult,
  findCreditCheck,
  toCreditCheckResult,
} from "./credit-check-result.ts";

export interface CreditCheckInput {
  /** Customer code or id. */
  customer: string | number;
  /** The order's total amount, minor units of `currency`. */
  amountMinor: number;
  currency: string;
  orderReference: string;
  segment?: string | undefined;
  deliveryDate?: string | undefined;
}

export function quoteOf(row: Pick<ExposureRow, "directRate" | "inverseRate">): FxQuote | null {
  if (row.directRate !== null) {
    return { rate: row.directRate, inverted: false };
  }
  return row.inverseRate !== null ? { rate: row.inverseRate, inverted: true } : null;
}

/** SQL exposure rows → core rows (days past due of the oldest overdue item as of `asOf`). */
export function toCurrencyExposure(rows: readonly ExposureRow[], asOf: string): CurrencyExposure[] {
  return rows.map((r) => ({
    currency: r.currency,
    openReceivablesMinor: r.openReceivablesMinor,
    overdueMinor: r.overdueMinor,
    undeliveredOrdersMinor: r.undeliveredOrdersMinor,
    undeliveredInHorizonMinor: r.undeliveredInHorizonMinor,
    deliveredNotInvoicedMinor: r.deliveredNotInvoicedMinor,
    reservationsMinor: r.reservationsMinor,
    oldestDaysPastDue: r.oldestOverdueDue === null ? null : daysPastDue(r.oldestOverdueDue, asOf),
    quote: quoteOf(r),
  }));
}

function segmentConfig(raw: unknown): CreditCheckConfig {
  if (raw === null || raw === undefined) {
    return DEFAULT_CREDIT_CHECK_CONFIG;
  }
  const parsed = creditCheckConfigSchema.safeParse(raw);
  // A broken stored configuration must not silently approve: fall back to the strict default.
  return parsed.success ? parsed.data : DEFAULT_CREDIT_CHECK_CONFIG;
}

const GRADES: readonly string[] = ["low", "medium", "high"];

/**
 * Adds the locked account's own reservation totals (`own`, read under its lock) to the exposure
 * rows that left them out (`ownReservationsApart`); undefined when `own` has a currency the rows
 * lack (the statement saw a different set of currencies: read again under the lock).
 */
function withOwnReservations(
  rows: readonly ExposureRow[],
  own: Record<string, number> | null,
): ExposureRow[] | undefined {
  const entries = Object.entries(own ?? {});
  if (entries.some(([currency, minor]) => minor !== 0 && !rows.some((r) => r.currency === currency))) {
    return undefined;
  }
  return rows.map((r) => ({ ...r, reservationsMinor: r.reservationsMinor + Number(own?.[r.currency] ?? 0) }));
}

/**
 * The real-time credit check of an order (issue 6), in ONE transaction:
 * 1. before any lock (concurrent checks of the customer run these in parallel): the account's
 *    context (segment configuration, grade, late-paid share, hold), then the exposure in one
 *    statement — ledger, orders, the reservations of the customer's OTHER accounts, the limit,
 *    earlier checks of this order, and the account's own reservation totals as seen then;
 * 2. lock the account row and read its reservation totals (one row: the triggers of
 *    reservation-totals.ts keep them) — every concurrent check of the account waits here, which
 *    keeps approved reservations within the limit;
 * 3. run the segment's steps (pure core, in JS) and record the decision, the reservation (the
 *    totals follow by trigger), the blocked-order event and the audit entry in one statement; commit.
 * Under the lock: lock, insert, commit — as many round trips as the bare lock-update-insert.
 *
 * The ledger read in 1. may predate the lock; that is exact because everything that can LOWER what
 * the check counts or may use — a reservation released (order cancelled or invoiced: the invoice
 * posted and the reservation released commit together), expired, a limit set — bumps the account's
 * `exposureSeq` in its own transaction under the same row lock: when the value under the lock
 * differs from the one read in 1., or a reservation is due to expire (swept first), the exposure is
 * read again under the lock. What only RAISES exposure (another check's reservation, a new invoice)
 * is either read under the lock (reservations) or no different from a write a moment later.
 * A concurrent check of the SAME order reference (the earlier checks read in 1. are stale) makes
 * the insert record nothing; the check then decides again under the lock.
 *
 * Idempotent per order reference: an amount not above what was already checked returns the latest
 * earlier decision; a higher amount is a new check of the difference only.
 */
export async function checkCredit(options: {
  handle: DatabaseHandle;
  input: CreditCheckInput;
  actorId?: string | undefined;
  /** Clock of the check (reservation expiry); default now. */
  now?: Date | undefined;
  /**
   * Record the decision in the audit trail (`credit_check.decide`, or `credit_check.repeat` for an
   * idempotent re-check) as `actor`, in the check's own transaction — for callers (the API route)
   * that do not wrap the check in a transaction of their own with its audit entry.
   */
  audit?: { actor: string } | undefined;
}): Promise<CreditCheckResult> {
  const { handle, input } = options;
  const now = options.now ?? new Date();
  const asOf = now.toISOString().slice(0, 10);
  const segment = input.segment ?? "default";
  return handle.transaction(async (tx) => {
    // The customer is resolved with its account; only without an account (nothing to lock: no
    // limit either) is it looked up on its own, to tell "no account" from "no customer".
    const account = await loadCreditAccountOf(tx.db, { customer: input.customer, segment });
    const customerId = account?.customerId ?? (await findCustomerId(tx.db, input.customer));
    if (customerId === undefined) {
      throw AppError.notFound("customer", input.customer);
    }
    const accountId = account?.accountId ?? null;
    const config = segmentConfig(account?.segmentConfig);
    const dynamic = config.steps.find((s) => s.step === "dynamic_limit");
    const readExposure = async () => {
      const read = await loadExposureByCurrency(tx.db, {
        customerId,
        asOf,
        now,
        toCurrency: input.currency,
        horizonEnd: dynamic ? addDays(asOf, dynamic.horizonDays) : null,
        extraCurrency: input.currency,
        accountId,
        orderReference: input.orderReference,
        ownReservationsApart: true,
      });
      return read;
    };
    // Read again after the lock (or without an account): the statement's own view of the
    // account's totals is current.
    const readUnderLock = async () => {
      const read = await readExposure();
      const complete = withOwnReservations(read, read[0]?.ownReservedByCurrency ?? null);
      if (!complete) {
        throw new Error("credit check: exposure rows miss a currency of the account's reservations");
      }
      return complete;
    };
    let rows: ExposureRow[];
    const before = await readExposure();
    if (accountId !== null) {
      const totals = await lockAccountTotals(tx.db, accountId, now);
      const fast =
        totals && !totals.reservationsDue && before[0]?.ownExposureSeq === totals.exposureSeq
          ? withOwnReservations(before, totals.reservedByCurrency)
          : undefined;
      if (fast) {
        rows = fast;
      } else {
        if (totals?.reservationsDue) {
          await sweepDueReservations(tx.db, accountId, now);
        }
        rows = await readUnderLock();
      }
    } else {
      rows = withOwnReservations(before, null) ?? [...before];
    }
    for (let attempt = 1; ; attempt++) {
      const head = rows[0];
      const checkedTotal = head?.checkedTotalMinor ?? null;
      if (head?.lastCheckId && checkedTotal !== null && input.amountMinor <= checkedTotal) {
        const previous = await findCreditCheck(tx.db, head.lastCheckId);
        if (previous) {
          if (options.audit) {
            await appendAudit(
              tx.db,
              {
                actor: options.audit.actor,
                action: "credit_check.repeat",
                entity: "credit_check",
                entityId: `${customerId}/${input.orderReference}`,
                after: {
                  checkId: previous.id,
                  outcome: previous.outcome,
                  orderTotalMinor: input.amountMinor,
                },
              },
              now,
            );
          }
          return toCreditCheckResult(previous, true);
        }
      }
      const decided = decide({
        rows,
        input,
        asOf,
        now,
        config,
        account,
        segment,
        checkedTotal,
        audit: options.audit,
        customerId,
      });
      const inserted = await insertCreditCheck(
        tx.db,
        { ...decided.row, checkedBy: options.actorId ?? null },
        decided.auditEntry,
        head?.lastCheckId ?? null,
      );
      if (inserted) {
        return { ...decided.result, id: inserted.id };
      }
      if (attempt >= 3) {
        throw new Error(
          `credit check of ${input.orderReference}: concurrent checks of the same order kept conflicting`,
        );
      }
      // A check of the same order reference committed meanwhile: decide again on a current view
      // (under the account's lock, which that check no longer holds).
      rows = await readUnderLock();
    }
  });
}

/** Runs the segment's steps on the exposure rows: the decision to record and the answer. */
function decide(o: {
  rows: readonly ExposureRow[];
  input: CreditCheckInput;
  asOf: string;
  now: Date;
  config: CreditCheckConfig;
  account: LockedAccount | undefined;
  segment: string;
  checkedTotal: number | null;
  audit: { actor: string } | undefined;
  customerId: number;
}): {
  row: Omit<NewCreditCheck, "checkedBy">;
  auditEntry: NewAuditEntry | undefined;
  result: Omit<CreditCheckResult, "id">;
} {
  const { rows, input, asOf, now, config, account, segment, checkedTotal, audit, customerId } = o;
  const head = rows[0];
  const delta = input.amountMinor - (checkedTotal ?? 0);
  const limit: CheckLimit | null =
    head && head.limitId !== null && head.limitMinor !== null && head.limitValidFrom
      ? {
          amountMinor: head.limitMinor,
          currency: head.toCurrency,
          validFrom: head.limitValidFrom,
          validTo: head.limitValidTo,
          kind: head.limitKind === "temporary" ? "temporary" : "standard",
        }
      : null;
  const limitCurrency = limit?.currency ?? input.currency;
  const currencyRows = toCurrencyExposure(rows, asOf);
  const { exposure, missingFxCurrencies } = combineExposure(currencyRows, limitCurrency);
  const orderQuote =
    input.currency === limitCurrency
      ? { rate: "1", inverted: false }
      : (currencyRows.find((r) => r.currency === input.currency)?.quote ?? null);
  const amountInLimit = orderQuote
    ? convertAtQuote({ amountMinor: delta, from: input.currency, to: limitCurrency, quote: orderQuote })
    : null;
  const missing =
    amountInLimit === null && !missingFxCurrencies.includes(input.currency)
      ? [...missingFxCurrencies, input.currency].sort()
      : missingFxCurrencies;
  const grade = account?.grade && GRADES.includes(account.grade) ? (account.grade as RiskGrade) : null;
  const evaluation = evaluateCreditCheck(
    {
      asOf,
      amountMinor: amountInLimit ?? 0,
      deliveryDate: input.deliveryDate ?? null,
      limit,
      accountStatus: (account?.status ?? "ok") as AccountStatus,
      exposure,
      grade,
      paymentIndex: paymentIndexFromLateShare(account?.lateShare ?? null),
      missingFxCurrencies: missing,
    },
    config,
  );
  const approved = evaluation.outcome === "approved";
  const reservedMinor = approved ? (amountInLimit ?? 0) : 0;
  const expiresAt =
    reservedMinor > 0 ? new Date(now.getTime() + config.reservationTtlMinutes * 60_000) : null;
  const decision: CreditCheckDecision = {
    creditStatus: evaluation.creditStatus,
    steps: [...evaluation.steps],
    exposure,
    exposureMinor: evaluation.exposureMinor,
    limitMinor: limit?.amountMinor ?? null,
    availableMinor: evaluation.availableMinor,
    utilisationAfter: evaluation.utilisationAfter,
    amountInLimitCurrencyMinor: amountInLimit,
    asOf,
  };
  // The decision's audit entry goes in with the decision, in the same statement (see insertCreditCheck).
  const auditEntry = audit
    ? prepareAuditEntry(
        {
          actor: audit.actor,
          action: "credit_check.decide",
          entity: "credit_check",
          entityId: `${customerId}/${input.orderReference}`,
          after: {
            outcome: evaluation.outcome,
            reasons: evaluation.reasons.map((r) => r.code),
            segment,
            orderReference: input.orderReference,
            amountMinor: delta,
            orderTotalMinor: input.amountMinor,
            currency: input.currency,
            reservedMinor,
            limitMinor: limit?.amountMinor ?? null,
            limitCurrency: limit ? limitCurrency : null,
            exposureMinor: evaluation.exposureMinor,
          },
        },
        now,
      )
    : undefined;
  const row: Omit<NewCreditCheck, "checkedBy"> = {
    customerId,
    accountId: account?.accountId ?? null,
    segment,
    orderReference: input.orderReference,
    amountMinor: delta,
    currency: input.currency,
    orderTotalMinor: input.amountMinor,
    deliveryDate: input.deliveryDate ?? null,
    outcome: evaluation.outcome,
    reasons: evaluation.reasons,
    decision,
    limitId: limit ? (head?.limitId ?? null) : null,
    limitCurrency: limit ? limitCurrency : null,
    reservedMinor,
    expiresAt,
    checkedAt: now,
  };
  return {
    row,
    auditEntry,
    result: {
      ...decision,
      customerId,
      segment,
      orderReference: input.orderReference,
      outcome: evaluation.outcome,
      idempotent: false,
      amountMinor: delta,
      orderTotalMinor: input.amountMinor,
      currency: input.currency,
      limitCurrency: limit ? limitCurrency : null,
      reasons: [...evaluation.reasons],
      reservation:
        reservedMinor > 0
          ? { status: "active", reservedMinor, expiresAt: expiresAt?.toISOString() ?? null }
          : null,
      blockStatus: approved ? null : "open",
      checkedAt: now.toISOString(),
    },
  };
}
