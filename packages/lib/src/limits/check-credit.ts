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
import {
  type ExposureRow,
  insertCreditCheck,
  loadExposureByCurrency,
  lockCreditAccountOf,
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
 * The real-time credit check of an order (issue 6). In ONE transaction: lock the customer's credit
 * account row of the segment (which serialises concurrent checks of that customer; the customer
 * code is resolved in the same statement), compute the exposure with one query, run the segment's
 * steps (pure core), and record the decision — an approved check reserves its amount in the same
 * insert. Round trips: lock, exposure, insert. The exposure cannot join the locking statement:
 * under READ COMMITTED a statement that waited for the row lock still reads the other tables as of
 * its start, so it would miss the reservation of the check it waited for.
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
    // The customer is resolved in the locking statement; only without an account (nothing to
    // lock: no limit either) is it looked up on its own, to tell "no account" from "no customer".
    const locked = await lockCreditAccountOf(tx.db, { customer: input.customer, segment });
    const customerId = locked?.customerId ?? (await findCustomerId(tx.db, input.customer));
    if (customerId === undefined) {
      throw AppError.notFound("customer", input.customer);
    }
    const config = segmentConfig(locked?.segmentConfig);
    const dynamic = config.steps.find((s) => s.step === "dynamic_limit");
    // Read after the lock: limit, reservations and earlier checks of this order are current.
    const rows = await loadExposureByCurrency(tx.db, {
      customerId,
      asOf,
      now,
      toCurrency: input.currency,
      horizonEnd: dynamic ? addDays(asOf, dynamic.horizonDays) : null,
      extraCurrency: input.currency,
      accountId: locked?.accountId ?? null,
      orderReference: input.orderReference,
    });
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
              after: { checkId: previous.id, outcome: previous.outcome, orderTotalMinor: input.amountMinor },
            },
            now,
          );
        }
        return toCreditCheckResult(previous, true);
      }
    }
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
    const grade = locked?.grade && GRADES.includes(locked.grade) ? (locked.grade as RiskGrade) : null;
    const evaluation = evaluateCreditCheck(
      {
        asOf,
        amountMinor: amountInLimit ?? 0,
        deliveryDate: input.deliveryDate ?? null,
        limit,
        accountStatus: (locked?.status ?? "ok") as AccountStatus,
        exposure,
        grade,
        paymentIndex: paymentIndexFromLateShare(locked?.lateShare ?? null),
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
    const auditEntry = options.audit
      ? prepareAuditEntry(
          {
            actor: options.audit.actor,
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
    const { id } = await insertCreditCheck(
      tx.db,
      {
        customerId,
        accountId: locked?.accountId ?? null,
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
        checkedBy: options.actorId ?? null,
        checkedAt: now,
      },
      auditEntry,
    );
    return {
      ...decision,
      id,
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
    };
  });
}
