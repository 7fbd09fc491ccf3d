import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";

/**
 * CTE `insured_in_force (policy_id, customer_id, insured_limit_id, currency, limit_minor,
 * indemnity_bps, expires_on, decided_on)`: per policy and buyer, the insurer's newest decision
 * taken on or before `asOf` (a row's `decided_on`, ties by id), kept when it grants more than 0,
 * has not expired and its policy is valid on `asOf`. A refusal or withdrawal (decided 0) as the
 * newest decision means no cover. History-safe: a later decision never changes an earlier as-of.
 */
export function insuredInForceCte(asOf: SQL): SQL {
  return sql`insured_latest as (
      select distinct on (l.policy_id, l.customer_id) l.id, l.policy_id, l.customer_id, l.currency,
        l.decided_minor, l.decided_on, l.expires_on
      from insured_limits l
      where l.decision <> 'pending' and l.decided_on <= ${asOf}
      order by l.policy_id, l.customer_id, l.decided_on desc, l.id desc
    ), insured_in_force as (
      select il.policy_id, il.customer_id, il.id as insured_limit_id, il.currency::text as currency,
        il.decided_minor as limit_minor, p.indemnity_bps, il.expires_on, il.decided_on
      from insured_latest il join insurance_policies p on p.id = il.policy_id
      where il.decided_minor > 0 and (il.expires_on is null or il.expires_on >= ${asOf})
        and p.valid_from <= ${asOf} and (p.valid_to is null or p.valid_to >= ${asOf})
    )`;
}

/** Half-even rounding of a non-negative numeric SQL expression to a whole number (int8). */
const roundHalfEven = (x: SQL) =>
  sql`(case when ${x} - floor(${x}) = 0.5 then floor(${x}) + (floor(${x})::int8 % 2) else round(${x}) end)::int8`;

/**
 * CTE `insured_cover (customer_id, insured_limit_minor, max_cover_minor, indemnity_bps, policies)`
 * in the base currency, set-wise over all buyers: the insured limits in force summed over policies
 * (each converted once, half-even) and the largest loss the insurers would pay, Σ limit ×
 * indemnity % (max cover). A policy's maximum liability caps what its insurer pays in total: when
 * the max covers of its buyers add up to more, each is scaled down pro rata (in the policy
 * currency, before conversion). `indemnity_bps` is the effective share (max cover / insured limit)
 * for callers that apply it to a smaller exposure: cover = min(EAD, insured limit) × indemnity
 * (core `insuredCover`). Needs `rates` from `ratesCte(asOf, base)` in the same WITH; limits in a
 * currency without a rate drop out.
 */
export function insuredCoverCtes(asOf: SQL): SQL {
  return sql`${insuredInForceCte(asOf)}, insured_capped as (
      select f.customer_id, f.currency, f.limit_minor, f.indemnity_bps,
        least(1::numeric, coalesce(p.max_liability_minor::numeric
          / nullif(sum(f.limit_minor::numeric * f.indemnity_bps / 10000) over (partition by f.policy_id), 0), 1)) as cap
      from insured_in_force f join insurance_policies p on p.id = f.policy_id
    ), insured_cover as (
      select x.customer_id, sum(x.limit_base)::int8 as insured_limit_minor,
        sum(x.cover_base)::int8 as max_cover_minor, count(*)::int as policies
      from (
        select c.customer_id, ${roundHalfEven(sql`c.limit_minor * r.factor`)} as limit_base,
          ${roundHalfEven(sql`c.limit_minor * r.factor * c.indemnity_bps / 10000 * c.cap`)} as cover_base
        from insured_capped c join rates r on r.cur = c.currency
      ) x group by x.customer_id
    )`;
}

export interface InsuredCoverRow {
  customerId: number;
  /** Σ insured limits in force, base currency minor units. */
  insuredLimitMinor: number;
  /** Σ limit × indemnity % — what the insurers pay at most on a total loss (base currency). */
  maxCoverMinor: number;
  /** Cover-weighted indemnity share, basis points (max cover / insured limit). */
  indemnityBps: number;
  policies: number;
}

/**
 * Insured cover per customer in the base currency as of a date, set-wise (one statement) — for
 * expected loss (DOMAIN.md: the insured share uses (1 − indemnity %) of its loss) and net exposure
 * across the portfolio. Only customers with cover in force are returned.
 */
export async function loadInsuredCover(
  db: Db,
  options: { asOf: string; baseCurrency: string; customerIds?: readonly number[] | undefined },
): Promise<InsuredCoverRow[]> {
  const asOf = sql`cast(${options.asOf} as date)`;
  const only = options.customerIds
    ? sql`where c.customer_id = any(${sql.param([...options.customerIds])}::bigint[])`
    : sql``;
  const rows = await queryRows<InsuredCoverRow>(
    db,
    sql`with ${ratesCte(asOf, options.baseCurrency)}, ${insuredCoverCtes(asOf)}
    select c.customer_id as "customerId", c.insured_limit_minor as "insuredLimitMinor",
      c.max_cover_minor as "maxCoverMinor", c.policies,
      case when c.insured_limit_minor > 0
        then round(c.max_cover_minor * 10000.0 / c.insured_limit_minor)::int else 0 end as "indemnityBps"
    from insured_cover c ${only} order by c.customer_id`,
  );
  return rows.map((r) => ({
    customerId: Number(r.customerId),
    insuredLimitMinor: Number(r.insuredLimitMinor),
    maxCoverMinor: Number(r.maxCoverMinor),
    indemnityBps: Number(r.indemnityBps),
    policies: Number(r.policies),
  }));
}

export interface InsuredLimitInForce {
  policyId: number;
  policyNumber: string;
  insurer: string;
  insuredLimitId: number;
  currency: string;
  limitMinor: number;
  indemnityBps: number;
  expiresOn: string | null;
  decidedOn: string;
  /** Latest rate currency → `toCurrency` on or before as-of, and the inverse (null = none). */
  directRate: string | null;
  inverseRate: string | null;
}

/**
 * The insured limits in force for one customer on `asOf`, with the latest recorded FX rate (direct
 * and inverse) from each limit's currency to `toCurrency` — what net exposure deducts.
 */
export async function loadInsuredLimitsInForce(
  db: Db,
  options: { customerId: number; asOf: string; toCurrency: string },
): Promise<InsuredLimitInForce[]> {
  const asOf = sql`cast(${options.asOf} as date)`;
  const to = options.toCurrency;
  const rows = await queryRows<InsuredLimitInForce>(
    db,
    sql`with ${insuredInForceCte(asOf)}
    select f.policy_id as "policyId", p.policy_number as "policyNumber", p.insurer,
      f.insured_limit_id as "insuredLimitId", f.currency, f.limit_minor as "limitMinor",
      f.indemnity_bps as "indemnityBps", f.expires_on::text as "expiresOn", f.decided_on::text as "decidedOn",
      (select x.rate::text from fx_rates x where x.from_currency = f.currency and x.to_currency = ${to}
        and x.rate_date <= ${asOf} order by x.rate_date desc limit 1) as "directRate",
      (select x.rate::text from fx_rates x where x.from_currency = ${to} and x.to_currency = f.currency
        and x.rate_date <= ${asOf} order by x.rate_date desc limit 1) as "inverseRate"
    from insured_in_force f join insurance_policies p on p.id = f.policy_id
    where f.customer_id = ${options.customerId}
    order by f.policy_id`,
  );
  return rows.map((r) => ({
    ...r,
    policyId: Number(r.policyId),
    insuredLimitId: Number(r.insuredLimitId),
    limitMinor: Number(r.limitMinor),
    indemnityBps: Number(r.indemnityBps),
  }));
}
