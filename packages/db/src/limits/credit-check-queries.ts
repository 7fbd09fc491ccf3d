import { type SQL, sql } from "drizzle-orm";
import {
  AUDIT_HEAD_MISSING,
  auditAppendCtes,
  auditAppendEntriesSql,
  type NewAuditEntry,
} from "../audit/append.ts";
import type { Db } from "../client.ts";
import { soldWithoutRecourse } from "../insurance/factoring-filter.ts";
import { queryRowsNamed } from "./named-query.ts";

/** The credit account of a check with everything it needs besides the ledger sums (read by `loadCheckContext`). */
export interface LockedAccount {
  accountId: number;
  customerId: number;
  status: string;
  segmentConfig: unknown;
  grade: string | null;
  lateShare: number | null;
}

/** What a credit check reads under the account's lock: one row, the account's own. */
export interface AccountTotals {
  /** Active reservations of the account by (limit) currency, minor units. */
  reservedByCurrency: Record<string, number>;
  /** A reservation of the account is due to expire at `now` (sweep before counting). */
  reservationsDue: boolean;
  exposureSeq: number;
  /** The account's status read under the lock (a monitoring credit hold counts as `hold`). */
  status: string;
  /** `allocateIds` fresh credit check ids (from the table's identity sequence). */
  ids: number[];
}

/**
 * Locks the credit account row by an UPDATE of a non-key column (the FOR NO KEY UPDATE lock:
 * foreign-key checks of inserted checks and limits still pass) and reads its reservation totals —
 * current, also after waiting for the lock (an UPDATE acts on the row's latest version). The
 * update bumps `exposure_seq` (the value BEFORE it is returned): a check in another process that
 * read the account before this batch records anything sees that its view is stale
 * (`recordCreditChecksIfCurrent`), also when this batch only blocks. The only statement of a
 * check between the lock and the insert of its decision.
 */
export async function lockAccountTotals(
  db: Db,
  accountId: number,
  now: Date,
  allocateIds = 0,
): Promise<AccountTotals | undefined> {
  const rows = await queryRowsNamed<AccountTotals>(
    db,
    "cd_lock_account_totals",
    sql`update credit_accounts a set exposure_seq = a.exposure_seq + 1 where a.id = ${accountId}
    returning a.reserved_by_currency as "reservedByCurrency",
      coalesce(a.reservations_expire_at <= cast(${now.toISOString()} as timestamptz), false) as "reservationsDue",
      a.exposure_seq - 1 as "exposureSeq",
      case when a.status = 'ok' and exists (
        select 1 from credit_holds h where h.customer_id = a.customer_id and h.released_at is null
      ) then 'hold' else a.status end as status,
      ${idsSql(allocateIds)} as ids`,
  );
  return rows[0];
}

const idsSql = (n: number) =>
  sql`to_jsonb(array(select nextval(pg_get_serial_sequence('credit_checks', 'id'))
    from generate_series(1, cast(${n} as int4))))`;

/** `n` fresh credit check ids (a check without an account has no row to lock them with). */
export async function allocateCreditCheckIds(db: Db, n: number): Promise<number[]> {
  const rows = await queryRowsNamed<{ ids: number[] }>(
    db,
    "cd_allocate_check_ids",
    sql`select ${idsSql(n)} as ids`,
  );
  return rows[0]?.ids ?? [];
}

/** Ledger and reservation sums of one currency (see core `CurrencyExposure`), raw from SQL. */
export interface ExposureRow {
  currency: string;
  openReceivablesMinor: number;
  overdueMinor: number;
  undeliveredOrdersMinor: number;
  undeliveredInHorizonMinor: number;
  deliveredNotInvoicedMinor: number;
  reservationsMinor: number;
  oldestOverdueDue: string | null;
  /** The currency the rates are quoted to: the limit's, else `toCurrency`. */
  toCurrency: string;
  directRate: string | null;
  inverseRate: string | null;
  /** The account's best limit (valid on `asOf` first, temporary before standard, newest first). */
  limitId: number | null;
  limitMinor: number | null;
  limitValidFrom: string | null;
  limitValidTo: string | null;
  limitKind: string | null;
  /** Sum of the amounts already checked for `orderReference` (null = never checked). */
  checkedTotalMinor: number | null;
  lastCheckId: number | null;
  /**
   * For each of `orderReferences` already checked: [sum of the amounts checked, latest check id,
   * its outcome].
   */
  checkedByReference: Record<string, [number, number, string]> | null;
  /**
   * The `accountId` account's own reservation totals as this statement saw them; with
   * `ownReservationsApart` they are NOT in `reservationsMinor` (the check adds them as read under
   * the lock).
   */
  ownReservedByCurrency: Record<string, number> | null;
  ownReservationsDue: boolean | null;
  ownExposureSeq: number | null;
}

/**
 * The exposure of a customer by currency, in one statement (DOMAIN.md "Limits and exposure"):
 * - open receivables = open invoices − allocations − credit notes against them, overdue when due
 *   before `asOf`; invoices sold to a factor without recourse are left out (the factor's risk);
 * - open orders: ordered − delivered (not delivered) and delivered − invoiced (delivered not
 *   invoiced), except orders an active reservation already stands for (no double count);
 * - active reservations not expired at `now`, from the totals on the customer's credit accounts
 *   (reservation-totals.ts: an order invoiced, closed or cancelled releases its reservations — the
 *   invoice counts instead, or nothing); an account with a reservation due at `now` is summed from
 *   its reservation rows instead, until a check sweeps it; with `ownReservationsApart` the
 *   `accountId` account is left out (returned apart, see `ExposureRow.ownReservedByCurrency`);
 * plus, per currency (and for `extraCurrency`, the order's), the latest recorded rate to the limit
 * currency (or `toCurrency`) on or before `asOf`, direct or inverse; and, repeated on every row, the
 * account's best limit and what was already checked for `orderReference`.
 */
export async function loadExposureByCurrency(
  db: Db,
  options: {
    customerId: number;
    asOf: string;
    now: Date;
    toCurrency: string;
    horizonEnd: string | null;
    extraCurrency?: string | undefined;
    accountId?: number | null | undefined;
    orderReference?: string | undefined;
    /** Order references whose earlier checks to return in `checkedByReference`. */
    orderReferences?: readonly string[] | undefined;
    ownReservationsApart?: boolean | undefined;
  },
): Promise<ExposureRow[]> {
  return queryRowsNamed<ExposureRow>(
    db,
    "cd_exposure_by_currency",
    exposureStatement({
      ...options,
      customerIdSql: sql`cast(${options.customerId} as int8)`,
      accountIdSql: sql`cast(${options.accountId ?? null} as int8)`,
      horizonSql: sql`cast(${options.horizonEnd} as date)`,
    }),
  );
}

/** `loadCheckContext`'s rows: the exposure by currency, with the batch's context on every row. */
export interface CheckContextRow extends ExposureRow {
  /** Null when no customer has this code or id. */
  customerId: number | null;
  /** The customer's credit account of the segment; null when it has none (nothing to lock). */
  accountId: number | null;
  /** The account's status (a monitoring credit hold counts as `hold`); null without an account. */
  status: string | null;
  segmentConfig: unknown;
  grade: string | null;
  lateShare: number | null;
  /**
   * The credit horizon the exposure was summed to: `asOf` + the stored configuration's first
   * dynamic-limit step's horizonDays (null: no such step, or no configuration). The caller reads
   * again when its validated configuration says otherwise.
   */
  horizonEnd: string | null;
  /** `allocateIds` fresh credit check ids. */
  ids: number[];
}

/**
 * Everything a credit check batch reads before it writes, in ONE statement (one round trip on the
 * hot path): the customer named by code or id (a code wins over an equal numeric id, as in
 * `findCustomerId`), its credit account of the segment with status, segment configuration, latest
 * grade and late-paid share (a monitoring credit hold counts as `hold`), the exposure by currency with the account's
 * own reservation totals apart (as `loadExposureByCurrency` with `ownReservationsApart`), summed to
 * the configuration's credit horizon, and `allocateIds` fresh check ids. No lock: the write
 * (`recordCreditChecksIfCurrent`) proves under the account's lock that what the decisions used is
 * still current.
 */
export async function loadCheckContext(
  db: Db,
  options: {
    customer: string | number;
    segment: string;
    asOf: string;
    now: Date;
    currency: string;
    orderReferences: readonly string[];
    allocateIds: number;
  },
): Promise<CheckContextRow[]> {
  const text = String(options.customer);
  const asId = /^[0-9]{1,15}$/.test(text) ? Number(text) : null;
  const head = sql`cust as (
      select c.id from customers c
      where c.code = ${text} or c.id = cast(${asId} as int8)
      order by (c.code = ${text}) desc limit 1
    ), acct as (
      select a.id, a.customer_id,
        case when a.status = 'ok' and exists (
          select 1 from credit_holds h where h.customer_id = a.customer_id and h.released_at is null
        ) then 'hold' else a.status end as status,
        s.config, asm.grade, asm.late_share
      from credit_accounts a
      left join credit_segments s on s.code = a.segment
      left join lateral (
        select x.grade,
          (x.inputs->'behaviourAggregates'->'payments12m'->>'lateAmountMinor')::float8
            / nullif((x.inputs->'behaviourAggregates'->'payments12m'->>'amountMinor')::float8, 0) as late_share
        from assessments x where x.customer_id = a.customer_id
        order by x.created_at desc, x.id desc limit 1) asm on true
      where a.customer_id = (select id from cust) and a.segment = ${options.segment}
    ), ctx as materialized (
      select (select id from cust) as customer_id, acct.id as account_id, acct.status, acct.config,
        acct.grade, acct.late_share,
        cast(${options.asOf} as date) + (
          select case when jsonb_typeof(st -> 'horizonDays') = 'number'
              and (st ->> 'horizonDays') ~ '^[0-9]{1,5}$' then (st ->> 'horizonDays')::int end
          from jsonb_array_elements(case when jsonb_typeof(acct.config -> 'steps') = 'array'
            then acct.config -> 'steps' else '[]'::jsonb end) st
          where st ->> 'step' = 'dynamic_limit' limit 1) as horizon_end,
        ${idsSql(options.allocateIds)} as ids
      from (select 1) one left join acct on true
    )`;
  return queryRowsNamed<CheckContextRow>(
    db,
    "cd_credit_check_context",
    exposureStatement({
      asOf: options.asOf,
      now: options.now,
      toCurrency: options.currency,
      extraCurrency: options.currency,
      orderReferences: options.orderReferences,
      ownReservationsApart: true,
      customerIdSql: sql`(select customer_id from ctx)`,
      accountIdSql: sql`(select account_id from ctx)`,
      horizonSql: sql`(select horizon_end from ctx)`,
      head,
      columns: sql`(select customer_id from ctx) as "customerId", (select account_id from ctx) as "accountId",
        (select status from ctx) as status, (select config from ctx) as "segmentConfig",
        (select grade from ctx) as grade, (select late_share from ctx) as "lateShare",
        (select horizon_end from ctx)::text as "horizonEnd", (select ids from ctx) as ids`,
    }),
  );
}

/**
 * The exposure statement of `loadExposureByCurrency`, with the customer, account and horizon as SQL
 * (parameters there; `ctx` columns in `loadCheckContext`), optionally preceded by `head` CTEs and
 * with `columns` added to its select list.
 */
function exposureStatement(o: {
  customerIdSql: SQL;
  accountIdSql: SQL;
  horizonSql: SQL;
  asOf: string;
  now: Date;
  toCurrency: string;
  extraCurrency?: string | undefined;
  orderReference?: string | undefined;
  orderReferences?: readonly string[] | undefined;
  ownReservationsApart?: boolean | undefined;
  head?: SQL | undefined;
  columns?: SQL | undefined;
}): SQL {
  const references = JSON.stringify(o.orderReferences ?? []);
  const apart = o.ownReservationsApart === true;
  const { asOf } = o;
  const customerId = o.customerIdSql;
  const accountId = o.accountIdSql;
  const reference = o.orderReference ?? null;
  const now = o.now.toISOString();
  const horizon = o.horizonSql;
  const extra = o.extraCurrency ?? o.toCurrency;
  return sql`
    with ${o.head ? sql`${o.head}, ` : sql``}lim as (
      select l.id, l.amount_minor, l.currency::text as lim_currency, l.valid_from, l.valid_to, l.kind
      from credit_limits l
      where l.account_id = ${accountId} and l.superseded_at is null
      order by (l.valid_from <= cast(${asOf} as date)
                and (l.valid_to is null or l.valid_to >= cast(${asOf} as date))) desc,
               (l.kind = 'temporary') desc, l.id desc
      limit 1
    ), tc as (
      select coalesce((select lim_currency from lim), cast(${o.toCurrency} as text)) as to_currency
    ), prev as (
      select sum(c.amount_minor)::int8 as total, max(c.id) as last_id from credit_checks c
      where c.customer_id = ${customerId} and c.order_reference = cast(${reference} as text)
    ), prevs as (
      -- One index lookup (customer, reference) per reference of the batch: a semi join against the
      -- reference list would read every check of the customer (a hot one has thousands).
      select jsonb_object_agg(r.ref, jsonb_build_array(p.total, p.last_id, p.outcome)) as by_ref
      from (select distinct j.ref from jsonb_array_elements_text(cast(${references} as jsonb)) as j(ref)) r
      cross join lateral (
        select sum(c.amount_minor)::int8 as total, max(c.id) as last_id,
          (array_agg(c.outcome order by c.id desc))[1] as outcome
        from credit_checks c
        where c.customer_id = ${customerId} and c.order_reference = r.ref) p
      where p.last_id is not null
    ), recv as (
      select i.currency::text as currency, i.due_on,
        i.amount_minor
          - coalesce((select sum(p.amount_minor) from payment_allocations p where p.invoice_id = i.id), 0)
          - coalesce((select sum(n.amount_minor) from credit_notes n where n.invoice_id = i.id), 0) as open_minor
      from invoices i where i.customer_id = ${customerId} and i.status = 'open'
        -- Sold to a factor without recourse: the factor's risk, not part of exposure (issue #9 §6).
        and not ${soldWithoutRecourse(sql`i.id`, sql`cast(${asOf} as date)`)}
    ), r as (
      select currency, sum(open_minor) as open_minor,
        sum(open_minor) filter (where due_on < cast(${asOf} as date)) as overdue_minor,
        min(due_on) filter (where due_on < cast(${asOf} as date)) as oldest_due
      from recv where open_minor > 0 group by currency
    ), acc as (
      select a.id, a.reserved_by_currency, a.reservations_expire_at from credit_accounts a
      where a.customer_id = ${customerId}
        and not (cast(${apart} as boolean) and a.id is not distinct from ${accountId})
    ), res as (
      select x.currency, sum(x.minor) as reserved_minor from (
        select kv.key as currency, kv.value::int8 as minor
        from acc cross join lateral jsonb_each_text(acc.reserved_by_currency) kv
        where acc.reservations_expire_at is null or acc.reservations_expire_at > cast(${now} as timestamptz)
        union all
        select coalesce(c.limit_currency, c.currency)::text, c.reserved_minor
        from acc join credit_checks c on c.account_id = acc.id and c.reservation_status = 'active'
          and c.expires_at > cast(${now} as timestamptz)
        where acc.reservations_expire_at <= cast(${now} as timestamptz)
      ) x group by x.currency
    ), own as (
      select a.reserved_by_currency, a.reservations_expire_at, a.exposure_seq from credit_accounts a
      where a.id = ${accountId}
    ), o as (
      select so.currency::text as currency,
        sum(greatest(so.ordered_minor - so.delivered_minor, 0)) as undelivered,
        sum(greatest(so.ordered_minor - so.delivered_minor, 0)) filter (
          where ${horizon} is null or so.delivery_due is null
            or so.delivery_due <= ${horizon}) as in_horizon,
        sum(greatest(so.delivered_minor - so.invoiced_minor, 0)) as dni
      from sales_orders so
      where so.customer_id = ${customerId} and so.status in ('open', 'partially_delivered', 'delivered')
        and not exists (select 1 from credit_checks c where c.customer_id = so.customer_id
          and c.order_reference = so.order_number and c.reservation_status = 'active'
          and c.expires_at > cast(${now} as timestamptz))
      group by so.currency
    ), cur as (
      select currency from r union select currency from res union select currency from o
      union select jsonb_object_keys(own.reserved_by_currency) from own
      union select cast(${extra} as text)
    )
    select cur.currency,
      coalesce(r.open_minor, 0)::int8 as "openReceivablesMinor",
      coalesce(r.overdue_minor, 0)::int8 as "overdueMinor",
      coalesce(o.undelivered, 0)::int8 as "undeliveredOrdersMinor",
      coalesce(o.in_horizon, 0)::int8 as "undeliveredInHorizonMinor",
      coalesce(o.dni, 0)::int8 as "deliveredNotInvoicedMinor",
      coalesce(res.reserved_minor, 0)::int8 as "reservationsMinor",
      r.oldest_due::text as "oldestOverdueDue",
      tc.to_currency as "toCurrency",
      (select f.rate::text from fx_rates f where f.from_currency = cur.currency
         and f.to_currency = tc.to_currency and f.rate_date <= cast(${asOf} as date)
         order by f.rate_date desc limit 1) as "directRate",
      (select f.rate::text from fx_rates f where f.from_currency = tc.to_currency
         and f.to_currency = cur.currency and f.rate_date <= cast(${asOf} as date)
         order by f.rate_date desc limit 1) as "inverseRate",
      lim.id as "limitId", lim.amount_minor as "limitMinor", lim.valid_from as "limitValidFrom",
      lim.valid_to as "limitValidTo", lim.kind as "limitKind",
      prev.total as "checkedTotalMinor", prev.last_id as "lastCheckId",
      (select by_ref from prevs) as "checkedByReference",
      own.reserved_by_currency as "ownReservedByCurrency",
      coalesce(own.reservations_expire_at <= cast(${now} as timestamptz), false) as "ownReservationsDue",
      own.exposure_seq as "ownExposureSeq"${o.columns ? sql`, ${o.columns}` : sql``}
    from cur cross join tc cross join prev left join lim on true left join own on true
      left join r using (currency) left join res using (currency) left join o using (currency)`;
}

export interface NewCreditCheck {
  customerId: number;
  accountId: number | null;
  segment: string;
  orderReference: string;
  amountMinor: number;
  currency: string;
  orderTotalMinor: number;
  deliveryDate: string | null;
  outcome: "approved" | "blocked";
  reasons: unknown;
  decision: unknown;
  limitId: number | null;
  limitCurrency: string | null;
  reservedMinor: number;
  expiresAt: Date | null;
  checkedBy: string | null;
  checkedAt: Date;
}

/**
 * Records a decision (and with it the reservation, when approved — the account's totals follow by
 * trigger), for a blocked order the
 * `credit_check.blocked` domain event and, when `audit` is given, the decision's audit entry —
 * all in ONE statement, so that the section a hot customer's checks serialise on (from the account
 * lock to commit) holds no more round trips than the bare lock-update-insert. Returns the check id
 * and the audit seq (null without `audit`).
 *
 * Records nothing and returns undefined when the order has a check newer than `lastCheckId` (null:
 * any check) — the decision was taken on a stale view of the order's earlier checks (a concurrent
 * check of the same order reference committed after they were read); the caller decides again.
 */
export async function insertCreditCheck(
  db: Db,
  c: NewCreditCheck,
  audit?: NewAuditEntry,
  lastCheckId: number | null = null,
): Promise<{ id: number; auditSeq: number | null } | undefined> {
  const blocked = c.outcome === "blocked";
  const rows = await queryRowsNamed<{ id: number; auditSeq: number | null }>(
    db,
    audit ? "cd_insert_credit_check_audited" : "cd_insert_credit_check",
    sql`
    with c as (
      insert into credit_checks (customer_id, account_id, segment, order_reference, amount_minor, currency,
        order_total_minor, delivery_date, outcome, reasons, decision, limit_id, limit_currency, reserved_minor,
        reservation_status, expires_at, block_status, checked_by, checked_at)
      select cast(${c.customerId} as int8), cast(${c.accountId} as int8), cast(${c.segment} as text),
        cast(${c.orderReference} as text), cast(${c.amountMinor} as int8), cast(${c.currency} as text),
        cast(${c.orderTotalMinor} as int8), cast(${c.deliveryDate} as date), cast(${c.outcome} as text),
        ${JSON.stringify(c.reasons)}::jsonb, ${JSON.stringify(c.decision)}::jsonb, cast(${c.limitId} as int8),
        cast(${c.limitCurrency} as text), cast(${c.reservedMinor} as int8),
        cast(${c.reservedMinor > 0 ? "active" : "none"} as text), cast(${c.expiresAt ? c.expiresAt.toISOString() : null} as timestamptz),
        cast(${blocked ? "open" : null} as text), cast(${c.checkedBy} as text), cast(${c.checkedAt.toISOString()} as timestamptz)
      where not exists (select 1 from credit_checks p where p.customer_id = ${c.customerId}
        and p.order_reference = ${c.orderReference} and p.id > coalesce(cast(${lastCheckId} as int8), 0))
      returning id
    ), e as (
      insert into domain_events (type, customer_id, payload)
      select 'credit_check.blocked', ${c.customerId},
        jsonb_build_object('checkId', c.id, 'orderReference', ${c.orderReference}::text,
          'amountMinor', ${c.amountMinor}::int8, 'currency', ${c.currency}::text, 'reasons', ${JSON.stringify(c.reasons)}::jsonb)
      from c where ${blocked}
    )${audit ? sql`, ${auditAppendCtes(audit, sql`exists (select 1 from c)`)}` : sql``}
    select id, ${audit ? sql`(select seq from audit_appended)` : sql`cast(null as int8)`} as "auditSeq" from c`,
  );
  const row = rows[0];
  if (!row) {
    return undefined;
  }
  if (audit && row.auditSeq === null) {
    throw new Error(AUDIT_HEAD_MISSING);
  }
  return row;
}

/** One decision of a batch (`insertCreditChecks`): the check with its id and its order's last check before. */
export interface NewBatchedCreditCheck extends NewCreditCheck {
  id: number;
  /** The order's latest check before the batch (null: none): the row is stale when a newer one exists. */
  lastCheckId: number | null;
}

/**
 * The group commit of a hot account's credit checks: records every decision of a batch (ids
 * allocated beforehand, see `lockAccountTotals`), the `credit_check.blocked` events and the audit
 * entries in order (`audit_append_entries`), in ONE statement. Returns how many checks were
 * recorded: fewer than given when a concurrent check of one of the orders committed after the
 * batch read them (the caller rolls back and decides again).
 */
export async function insertCreditChecks(
  db: Db,
  checks: readonly NewBatchedCreditCheck[],
  audit: readonly NewAuditEntry[],
): Promise<{ inserted: number; auditSeqs: number[] }> {
  const rows = await queryRowsNamed<{ inserted: number; auditSeqs: number[] | null }>(
    db,
    "cd_insert_credit_checks",
    insertChecksStatement(checks, audit, undefined),
  );
  return { inserted: rows[0]?.inserted ?? 0, auditSeqs: rows[0]?.auditSeqs ?? [] };
}

/** What the batch's decisions were taken on, to be proven current under the account's lock. */
export interface CheckBasis {
  /** The account locked (null: the customer has no account of the segment, nothing to lock). */
  accountId: number | null;
  /** `ownExposureSeq`, `ownReservedByCurrency` and `status` as `loadCheckContext` read them. */
  exposureSeq: number | null;
  reservedByCurrency: Record<string, number> | null;
  status: string | null;
  /** The batch's clock: a reservation of the account due by then must be swept first. */
  now: Date;
}

/**
 * `insertCreditChecks` without a transaction around it — the credit check's hot path: in ONE
 * statement, it locks the account row and bumps its `exposure_seq` ONLY IF the exposure sequence,
 * the reservation totals and the status still are what the decisions were taken on and no
 * reservation is due (the UPDATE waits for a concurrent writer's lock and then re-checks this on
 * the row's latest version), and no check of the batch's orders was recorded since they were read;
 * then records every decision and audit entry. All or nothing: when anything changed, it records
 * nothing and answers `current: false` (the caller decides again under the lock, in a
 * transaction). Every recording of checks of an account bumps `exposure_seq` (also
 * `lockAccountTotals`), so a concurrent writer in another process sees that its view is stale
 * even when the checks recorded changed no total (blocked ones).
 */
export async function recordCreditChecksIfCurrent(
  db: Db,
  basis: CheckBasis,
  checks: readonly NewBatchedCreditCheck[],
  audit: readonly NewAuditEntry[],
): Promise<{ current: boolean; inserted: number; auditSeqs: number[] }> {
  const locked =
    basis.accountId === null
      ? sql`select 1`
      : sql`update credit_accounts a set exposure_seq = a.exposure_seq + 1
        where a.id = cast(${basis.accountId} as int8)
          and a.exposure_seq = cast(${basis.exposureSeq} as int8)
          and a.reserved_by_currency = cast(${JSON.stringify(basis.reservedByCurrency ?? {})} as jsonb)
          and (a.reservations_expire_at is null
            or a.reservations_expire_at > cast(${basis.now.toISOString()} as timestamptz))
          and (case when a.status = 'ok' and exists (
            select 1 from credit_holds h where h.customer_id = a.customer_id and h.released_at is null
          ) then 'hold' else a.status end) = cast(${basis.status} as text)
        returning a.id`;
  const rows = await queryRowsNamed<{ inserted: number; auditSeqs: number[] | null; current: boolean }>(
    db,
    basis.accountId === null ? "cd_record_credit_checks_unlocked" : "cd_record_credit_checks_if_current",
    insertChecksStatement(checks, audit, locked),
  );
  const row = rows[0];
  return { current: row?.current === true, inserted: row?.inserted ?? 0, auditSeqs: row?.auditSeqs ?? [] };
}

/**
 * The group-commit statement (`insertCreditChecks`); with `guard`, a statement whose rows prove the
 * batch current (`recordCreditChecksIfCurrent`): nothing is recorded unless it yields a row and no
 * order of the batch has a check newer than the one its decision saw.
 */
function insertChecksStatement(
  checks: readonly NewBatchedCreditCheck[],
  audit: readonly NewAuditEntry[],
  guard: SQL | undefined,
): SQL {
  const payload = JSON.stringify(
    checks.map((c) => ({
      ...c,
      expiresAt: c.expiresAt ? c.expiresAt.toISOString() : null,
      checkedAt: c.checkedAt.toISOString(),
    })),
  );
  const newer = sql`exists (select 1 from credit_checks p where p.customer_id = v."customerId"
        and p.order_reference = v."orderReference" and p.id > coalesce(v."lastCheckId", 0))`;
  return sql`
    with v as (
      select * from jsonb_to_recordset(cast(${payload} as jsonb)) as x(
        "id" int8, "customerId" int8, "accountId" int8, "segment" text, "orderReference" text,
        "amountMinor" int8, "currency" text, "orderTotalMinor" int8, "deliveryDate" date, "outcome" text,
        "reasons" jsonb, "decision" jsonb, "limitId" int8, "limitCurrency" text, "reservedMinor" int8,
        "expiresAt" timestamptz, "checkedBy" text, "checkedAt" timestamptz, "lastCheckId" int8)
    )${
      guard
        ? sql`, locked as (${guard}), ok as materialized (
      select 1 as one where exists (select 1 from locked) and not exists (select 1 from v where ${newer})
    )`
        : sql``
    }, c as (
      insert into credit_checks (id, customer_id, account_id, segment, order_reference, amount_minor, currency,
        order_total_minor, delivery_date, outcome, reasons, decision, limit_id, limit_currency, reserved_minor,
        reservation_status, expires_at, block_status, checked_by, checked_at)
      select v."id", v."customerId", v."accountId", v."segment", v."orderReference", v."amountMinor", v."currency",
        v."orderTotalMinor", v."deliveryDate", v."outcome", v."reasons", v."decision", v."limitId", v."limitCurrency",
        v."reservedMinor", case when v."reservedMinor" > 0 then 'active' else 'none' end, v."expiresAt",
        case when v."outcome" = 'blocked' then 'open' end, v."checkedBy", v."checkedAt"
      from v
      where not ${newer}${guard ? sql` and exists (select 1 from ok)` : sql``}
      order by v."id"
      returning id, customer_id, outcome, order_reference, amount_minor, currency, reasons
    ), e as (
      insert into domain_events (type, customer_id, payload)
      select 'credit_check.blocked', c.customer_id,
        jsonb_build_object('checkId', c.id, 'orderReference', c.order_reference,
          'amountMinor', c.amount_minor, 'currency', c.currency, 'reasons', c.reasons)
      from c where c.outcome = 'blocked'
    )
    select (select count(*) from c)::int8 as inserted, ${
      guard
        ? sql`exists (select 1 from ok) as current,
      case when exists (select 1 from ok) then ${auditAppendEntriesSql(audit)} end`
        : auditAppendEntriesSql(audit)
    } as "auditSeqs"`;
}
