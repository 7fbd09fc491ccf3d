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
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { AUDIT_HEAD_MISSING, type NewAuditEntry } from "@creditdesk/db/audit";
import {
  allocateCreditCheckIds,
  type CheckContextRow,
  type ExposureRow,
  insertCreditChecks,
  type LockedAccount,
  loadCheckContext,
  loadExposureByCurrency,
  lockAccountTotals,
  type NewBatchedCreditCheck,
  type NewCreditCheck,
  recordCreditChecksIfCurrent,
  sweepDueReservations,
} from "@creditdesk/db/limits";
import { prepareAuditEntry } from "../audit/append-audit.ts";
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

/** At most this many checks of one account are decided in one transaction (group commit). */
export const MAX_CHECK_BATCH = 64;

/** A check waiting for its account's batch. */
interface PendingCheck {
  input: CreditCheckInput;
  segment: string;
  now: Date;
  asOf: string;
  actorId: string | null;
  audit: { actor: string } | undefined;
  resolve: (result: CreditCheckResult) => void;
  reject: (error: unknown) => void;
}

interface CheckQueue {
  waiting: PendingCheck[];
  running: boolean;
}

/**
 * The account's context, read once per batch after every check of the batch arrived: the customer,
 * its credit account (status, segment configuration, grade, late-paid share) and the horizon end.
 */
interface BatchContext {
  customerId: number;
  account: LockedAccount | undefined;
  config: CreditCheckConfig;
  horizonEnd: string | null;
}

/** Per database handle, per customer reference (and segment, currency, day): the checks waiting in this process. */
const queues = new WeakMap<DatabaseHandle, Map<string, CheckQueue>>();

class StaleBatchError extends Error {}

/**
 * The real-time credit check of an order (issue 6). Concurrent checks of one credit account in
 * this process are decided together (group commit): while one batch runs, the checks arriving
 * meanwhile queue, and the next batch takes up to MAX_CHECK_BATCH of them — no timer, a lone check
 * starts at once. A batch, on the hot path, makes TWO round trips and no explicit transaction:
 * 1. one unlocked read (`loadCheckContext`, after every check of the batch arrived, so none is
 *    decided on a context older than its request): customer, account, status, segment
 *    configuration, grade, late-paid share, the exposure by currency summed to the configuration's
 *    credit horizon — ledger, orders, the reservations of the customer's OTHER accounts, the limit,
 *    earlier checks of the batch's orders — the account's own reservation totals and
 *    `exposureSeq` apart, and the batch's check ids;
 * 2. the segment's steps for each check in arrival order (pure core, in JS), each seeing the
 *    reservations approved before it in the batch; then ONE statement
 *    (`recordCreditChecksIfCurrent`) that locks the account row and records every decision,
 *    reservation, blocked event and audit entry (chained in order) only if the account's
 *    `exposureSeq`, reservation totals and status are still those read, no reservation is due and
 *    no check of the batch's orders was recorded since — all or nothing.
 * Everything that can LOWER what the check may use — a reservation released or expired, a limit
 * set, a check recorded by another process (which bumps `exposureSeq` even when it only blocks) —
 * changes the account row under its lock, so a batch whose read is stale records nothing and is
 * decided again in a transaction (`decideBatch`): exposure read, account locked (every other
 * process's checks of the account wait there), re-read under the lock when anything changed or a
 * reservation is due (swept first), decisions recorded, commit. That keeps approved reservations
 * within the limit across processes; batching is only an optimisation inside one. A concurrent
 * check of the SAME order reference in another process makes the transaction's insert record
 * fewer rows; it then rolls back and is decided again. A batch that fails otherwise is retried
 * check by check, so one bad check does not fail its neighbours.
 *
 * Idempotent per order reference: an amount not above what was already checked returns the latest
 * earlier decision (also one taken earlier in the same batch); a higher amount is a new check of the
 * difference only.
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
  // Checks batch together only when one context and exposure read serves them all. (The same
  // customer named by code and by id queues twice: correct — the account lock orders the two
  // queues' batches — only batched less.)
  const key = [String(input.customer), segment, input.currency, asOf].join("|");
  return new Promise<CreditCheckResult>((resolve, reject) => {
    enqueue(handle, key, {
      input,
      segment,
      now,
      asOf,
      actorId: options.actorId ?? null,
      audit: options.audit,
      resolve,
      reject,
    });
  });
}

function enqueue(handle: DatabaseHandle, key: string, check: PendingCheck): void {
  let byKey = queues.get(handle);
  if (!byKey) {
    byKey = new Map();
    queues.set(handle, byKey);
  }
  let queue = byKey.get(key);
  if (!queue) {
    queue = { waiting: [], running: false };
    byKey.set(key, queue);
  }
  queue.waiting.push(check);
  if (!queue.running) {
    void drain(handle, byKey, key, queue);
  }
}

/** Runs batches of the queue until it is empty (what arrives during a batch forms the next one). */
async function drain(
  handle: DatabaseHandle,
  byKey: Map<string, CheckQueue>,
  key: string,
  queue: CheckQueue,
): Promise<void> {
  queue.running = true;
  try {
    while (queue.waiting.length > 0) {
      await runBatch(handle, queue.waiting.splice(0, MAX_CHECK_BATCH));
    }
  } finally {
    queue.running = false;
    if (queue.waiting.length === 0 && byKey.get(key) === queue) {
      byKey.delete(key);
    }
  }
}

type BatchAnswer = { result: CreditCheckResult } | { repeatOf: number };

/** The batch's context (see `BatchContext`) from the first row of `loadCheckContext`. */
function contextOf(head: CheckContextRow, customerId: number, asOf: string): BatchContext {
  const account: LockedAccount | undefined =
    head.accountId === null
      ? undefined
      : {
          accountId: head.accountId,
          customerId,
          status: head.status ?? "ok",
          segmentConfig: head.segmentConfig,
          grade: head.grade,
          lateShare: head.lateShare,
        };
  const config = segmentConfig(account?.segmentConfig);
  const dynamic = config.steps.find((s) => s.step === "dynamic_limit");
  const horizonEnd = dynamic ? addDays(asOf, dynamic.horizonDays) : null;
  return { customerId, account, config, horizonEnd };
}

/** The latest clock of the batch. */
const clockOf = (batch: readonly PendingCheck[]) => new Date(Math.max(...batch.map((c) => c.now.getTime())));

/** Decides and records a batch; answers every check of it (never throws). */
async function runBatch(handle: DatabaseHandle, batch: PendingCheck[]): Promise<void> {
  const first = batch[0];
  if (!first) {
    return;
  }
  const clock = clockOf(batch);
  let read: CheckContextRow[];
  try {
    read = await loadCheckContext(handle.db, {
      customer: first.input.customer,
      segment: first.segment,
      asOf: first.asOf,
      now: clock,
      currency: first.input.currency,
      orderReferences: [...new Set(batch.map((c) => c.input.orderReference))],
      allocateIds: batch.length,
    });
  } catch (error) {
    for (const check of batch) {
      check.reject(error);
    }
    return;
  }
  const head = read[0];
  if (head?.customerId === null || head?.customerId === undefined) {
    for (const check of batch) {
      check.reject(AppError.notFound("customer", check.input.customer));
    }
    return;
  }
  const ctx = contextOf(head, head.customerId, first.asOf);
  const fast = await decideOnRead(handle, batch, ctx, read, clock);
  if (fast) {
    await answerBatch(handle, batch, fast);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    let answers: BatchAnswer[];
    try {
      answers = await handle.transaction((tx) => decideBatch(tx.db, batch, ctx));
    } catch (error) {
      if (error instanceof StaleBatchError && attempt < 3) {
        continue;
      }
      if (batch.length > 1) {
        for (const check of batch) {
          await runBatch(handle, [check]);
        }
        return;
      }
      for (const check of batch) {
        check.reject(
          error instanceof StaleBatchError
            ? new Error(
                `credit check of ${check.input.orderReference}: concurrent checks of the same order kept conflicting`,
              )
            : error,
        );
      }
      return;
    }
    await answerBatch(handle, batch, answers);
    return;
  }
}

/**
 * The hot path: decides the batch on what `loadCheckContext` read, without a transaction, and
 * records it in one statement if that is still current under the account's lock
 * (`recordCreditChecksIfCurrent`) — two round trips per batch. Undefined when the batch must be
 * decided again in a transaction (`decideBatch`): the read is stale (a concurrent writer in
 * another process, a limit set, a reservation released), a reservation is due (swept under the
 * lock), the validated configuration's horizon differs from the one summed to, or it failed.
 */
async function decideOnRead(
  handle: DatabaseHandle,
  batch: readonly PendingCheck[],
  context: BatchContext,
  read: readonly CheckContextRow[],
  clock: Date,
): Promise<BatchAnswer[] | undefined> {
  const head = read[0];
  if (!head || head.ownReservationsDue || head.horizonEnd !== context.horizonEnd) {
    return undefined;
  }
  const rows = withOwnReservations(read, head.ownReservedByCurrency);
  if (!rows) {
    return undefined;
  }
  try {
    const decided = decideAll({
      batch,
      context,
      rows,
      checked: head.checkedByReference,
      ids: [...head.ids],
      status: context.account?.status ?? "ok",
    });
    if (decided.records.length === 0 && decided.audits.length === 0) {
      return decided.answers;
    }
    const recorded = await recordCreditChecksIfCurrent(
      handle.db,
      {
        accountId: context.account?.accountId ?? null,
        exposureSeq: head.ownExposureSeq,
        reservedByCurrency: head.ownReservedByCurrency,
        status: context.account?.status ?? null,
        now: clock,
      },
      decided.records,
      decided.audits,
    );
    if (!recorded.current) {
      return undefined;
    }
    if (recorded.inserted !== decided.records.length) {
      throw new Error("credit check: a current batch recorded fewer checks than it decided");
    }
    if (recorded.auditSeqs.length !== decided.audits.length) {
      throw new Error(AUDIT_HEAD_MISSING);
    }
    return decided.answers;
  } catch {
    // Decided again in a transaction, which retries check by check and reports the error.
    return undefined;
  }
}

/** Answers every check of a batch from its decisions (repeats of earlier checks read after commit). */
async function answerBatch(
  handle: DatabaseHandle,
  batch: readonly PendingCheck[],
  answers: readonly BatchAnswer[],
): Promise<void> {
  for (const [i, check] of batch.entries()) {
    const answer = answers[i];
    if (!answer) {
      check.reject(new Error("credit check: the batch gave no answer"));
    } else if ("result" in answer) {
      check.resolve(answer.result);
    } else {
      // An idempotent repeat of a check recorded before this batch: read after commit, off the lock.
      try {
        const previous = await findCreditCheck(handle.db, answer.repeatOf);
        if (previous) {
          check.resolve(toCreditCheckResult(previous, true));
        } else {
          check.reject(new Error(`credit check ${answer.repeatOf} vanished`));
        }
      } catch (error) {
        check.reject(error);
      }
    }
  }
}

/** Adds an approved reservation (limit currency) to the rows the next check of the batch sees. */
function withReservation(rows: readonly ExposureRow[], currency: string, minor: number): ExposureRow[] {
  if (rows.some((r) => r.currency === currency)) {
    return rows.map((r) =>
      r.currency === currency ? { ...r, reservationsMinor: r.reservationsMinor + minor } : r,
    );
  }
  const head = rows[0];
  if (!head) {
    throw new Error("credit check: no exposure row");
  }
  const zero: ExposureRow = {
    ...head,
    currency,
    openReceivablesMinor: 0,
    overdueMinor: 0,
    undeliveredOrdersMinor: 0,
    undeliveredInHorizonMinor: 0,
    deliveredNotInvoicedMinor: 0,
    reservationsMinor: minor,
    oldestOverdueDue: null,
    directRate: null,
    inverseRate: null,
  };
  return [...rows, zero];
}

/** The batch's transaction (see `checkCredit`): one answer per check, in order. */
async function decideBatch(
  db: Db,
  batch: readonly PendingCheck[],
  context: BatchContext,
): Promise<BatchAnswer[]> {
  const first = batch[0];
  if (!first) {
    return [];
  }
  const clock = clockOf(batch);
  const { customerId, account, horizonEnd } = context;
  const accountId = account?.accountId ?? null;
  const { asOf } = first;
  const readExposure = () =>
    loadExposureByCurrency(db, {
      customerId,
      asOf,
      now: clock,
      toCurrency: first.input.currency,
      horizonEnd,
      extraCurrency: first.input.currency,
      accountId,
      orderReferences: [...new Set(batch.map((c) => c.input.orderReference))],
      ownReservationsApart: true,
    });
  // Read again after the lock: the statement's own view of the account's totals is current.
  const readUnderLock = async () => {
    const read = await readExposure();
    const complete = withOwnReservations(read, read[0]?.ownReservedByCurrency ?? null);
    if (!complete) {
      throw new Error("credit check: exposure rows miss a currency of the account's reservations");
    }
    return complete;
  };
  let rows: ExposureRow[];
  let ids: number[];
  let status: string = account?.status ?? "ok";
  const before = await readExposure();
  let checked = before[0]?.checkedByReference ?? null;
  if (accountId !== null) {
    const totals = await lockAccountTotals(db, accountId, clock, batch.length);
    if (!totals) {
      throw new Error(`credit account ${accountId} vanished during the check`);
    }
    ids = totals.ids;
    status = totals.status;
    const fast =
      !totals.reservationsDue && before[0]?.ownExposureSeq === totals.exposureSeq
        ? withOwnReservations(before, totals.reservedByCurrency)
        : undefined;
    if (fast) {
      rows = fast;
    } else {
      if (totals.reservationsDue) {
        await sweepDueReservations(db, accountId, clock);
      }
      rows = await readUnderLock();
      checked = rows[0]?.checkedByReference ?? null;
    }
  } else {
    rows = withOwnReservations(before, null) ?? [...before];
    ids = await allocateCreditCheckIds(db, batch.length);
  }
  const { answers, records, audits } = decideAll({ batch, context, rows, checked, ids, status });
  if (records.length > 0 || audits.length > 0) {
    const { inserted, auditSeqs } = await insertCreditChecks(db, records, audits);
    if (inserted < records.length) {
      throw new StaleBatchError();
    }
    if (auditSeqs.length !== audits.length) {
      throw new Error(AUDIT_HEAD_MISSING);
    }
  }
  return answers;
}

/**
 * Decides each check of the batch in arrival order on the exposure `rows` (each seeing the
 * reservations approved before it in the batch, and an idempotent repeat answering the earlier
 * decision): the answers, and the decisions and audit entries to record (ids from `ids`).
 */
function decideAll(o: {
  batch: readonly PendingCheck[];
  context: BatchContext;
  rows: ExposureRow[];
  checked: Record<string, [number, number, string]> | null;
  ids: number[];
  status: string;
}): { answers: BatchAnswer[]; records: NewBatchedCreditCheck[]; audits: NewAuditEntry[] } {
  const { batch, context, checked, ids, status } = o;
  const { customerId, account, config } = context;
  const asOf = batch[0]?.asOf ?? "";
  let rows = o.rows;
  // What each order reference has been checked for, updated as the batch decides.
  const seen = new Map<
    string,
    { total: number; lastId: number; outcome: string; result?: CreditCheckResult }
  >(
    Object.entries(checked ?? {}).map(([ref, [total, lastId, outcome]]) => [ref, { total, lastId, outcome }]),
  );
  const answers: BatchAnswer[] = [];
  const records: NewBatchedCreditCheck[] = [];
  const audits: NewAuditEntry[] = [];
  for (const check of batch) {
    const { input } = check;
    const previous = seen.get(input.orderReference);
    if (previous && input.amountMinor <= previous.total) {
      if (check.audit) {
        audits.push(
          prepareAuditEntry(
            {
              actor: check.audit.actor,
              action: "credit_check.repeat",
              entity: "credit_check",
              entityId: `${customerId}/${input.orderReference}`,
              after: {
                checkId: previous.lastId,
                outcome: previous.outcome,
                orderTotalMinor: input.amountMinor,
              },
            },
            check.now,
          ),
        );
      }
      answers.push(
        previous.result
          ? { result: { ...previous.result, idempotent: true } }
          : { repeatOf: previous.lastId },
      );
      continue;
    }
    const decided = decide({
      rows,
      input,
      asOf,
      now: check.now,
      config,
      account: account ? { ...account, status } : undefined,
      segment: check.segment,
      checkedTotal: previous?.total ?? null,
      audit: check.audit,
      customerId,
    });
    const id = ids.shift();
    if (id === undefined) {
      throw new Error("credit check: the batch ran out of allocated ids");
    }
    records.push({
      ...decided.row,
      id,
      checkedBy: check.actorId,
      lastCheckId: checked?.[input.orderReference]?.[1] ?? null,
    });
    if (decided.auditEntry) {
      audits.push(decided.auditEntry);
    }
    const result: CreditCheckResult = { ...decided.result, id };
    seen.set(input.orderReference, {
      total: (previous?.total ?? 0) + decided.row.amountMinor,
      lastId: id,
      outcome: result.outcome,
      result,
    });
    if (decided.row.reservedMinor > 0) {
      rows = withReservation(rows, decided.row.limitCurrency ?? input.currency, decided.row.reservedMinor);
    }
    answers.push({ result });
  }
  return { answers, records, audits };
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
