import { addMonths } from "@creditdesk/core/assessment";
import {
  convertAtQuote,
  DEFAULT_LIMIT_POLICY,
  type LimitPolicy,
  type LimitRecommendation,
  recommendLimit,
} from "@creditdesk/core/limits";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { insuredInForceCte } from "@creditdesk/db/insurance";
import { type SQL, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { quoteOf } from "./check-credit.ts";

export interface CustomerLimitRecommendation extends LimitRecommendation {
  customerId: number;
  currency: string;
  asOf: string;
  inputs: {
    statementPeriodEnd: string | null;
    grade: string | null;
    tangibleNetWorthMinor: number | null;
    workingCapitalMinor: number | null;
    monthlyPurchasesMinor: number | null;
    termsDays: number;
    expectedDaysBeyondTerms: number | null;
    insuredLimitMinor: number | null;
  };
}

interface Facts {
  termsDays: number;
  stCurrency: string | null;
  periodEnd: string | null;
  equity: number | null;
  intangible: number | null;
  currentAssets: number | null;
  currentLiabilities: number | null;
  stDirect: string | null;
  stInverse: string | null;
  grade: string | null;
  gradeFactor: number | null;
  dbt: number | null;
}

/**
 * Limit recommendation for a customer (issue 6 part 1) from the latest financial statement
 * (tangible net worth = equity − intangibles, working capital = current assets − current
 * liabilities), the latest assessment (grade factor of its policy, 12-month days beyond terms) and
 * the customer's own orders of the last 12 months (monthly purchases), converted to `currency` at
 * the recorded rates; never above the insured limit (the insurers' current decisions on the buyer,
 * else credit insurance recorded as a security) + the uninsured tolerance (DOMAIN.md).
 */
export async function recommendCustomerLimit(options: {
  handle: DatabaseHandle;
  customer: string | number;
  currency?: string | undefined;
  asOf?: string | undefined;
  policy?: LimitPolicy | undefined;
  /**
   * Amount (minor units of `currency`) the recommendation may exceed the insured limit by,
   * uninsured — the credit policy's tolerance; default the policy's `uninsuredToleranceMinor`.
   */
  uninsuredToleranceMinor?: number | undefined;
}): Promise<CustomerLimitRecommendation> {
  const { handle } = options;
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const currency = options.currency ?? "CNY";
  const customerId = await findCustomerId(handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const rateTo = (from: SQL) => sql`
    (select f.rate::text from fx_rates f where f.from_currency = ${from} and f.to_currency = ${currency}
      and f.rate_date <= cast(${asOf} as date) order by f.rate_date desc limit 1)`;
  const rateFrom = (to: SQL) => sql`
    (select f.rate::text from fx_rates f where f.from_currency = ${currency} and f.to_currency = ${to}
      and f.rate_date <= cast(${asOf} as date) order by f.rate_date desc limit 1)`;
  const [facts] = await queryRows<Facts>(
    handle.db,
    sql`select c.payment_terms_days as "termsDays", s.currency::text as "stCurrency", s.period_end as "periodEnd",
        s.equity, s.intangible_assets as intangible, s.current_assets as "currentAssets",
        s.current_liabilities as "currentLiabilities",
        ${rateTo(sql`s.currency`)} as "stDirect", ${rateFrom(sql`s.currency`)} as "stInverse",
        a.grade, (a.policy->>'limitGradeFactor')::float8 as "gradeFactor",
        -- Amount-weighted days beyond terms of 12 months, from the assessment's stored behaviour sums.
        (a.inputs->'behaviourAggregates'->'dbt'->'m12'->>'weightedDays')::float8
          / nullif((a.inputs->'behaviourAggregates'->'dbt'->'m12'->>'amountMinor')::float8, 0) as dbt
      from customers c
      left join lateral (select * from financial_statements x where x.customer_id = c.id
        and x.period_end <= cast(${asOf} as date) order by x.period_end desc limit 1) s on true
      left join lateral (select * from assessments y where y.customer_id = c.id
        order by y.created_at desc, y.id desc limit 1) a on true
      where c.id = ${customerId}`,
  );
  if (!facts) {
    throw AppError.notFound("customer", options.customer);
  }
  const orders = await queryRows<{
    currency: string;
    total: number;
    direct: string | null;
    inverse: string | null;
  }>(
    handle.db,
    sql`select o.currency::text as currency, sum(o.ordered_minor)::int8 as total,
        ${rateTo(sql`o.currency`)} as direct, ${rateFrom(sql`o.currency`)} as inverse
      from sales_orders o where o.customer_id = ${customerId} and o.status <> 'cancelled'
        and o.ordered_on > cast(${addMonths(asOf, -12)} as date) and o.ordered_on <= cast(${asOf} as date)
      group by o.currency`,
  );
  // The insured limit: the insurers' current decisions on the buyer (insurance capability), per
  // policy valid on asOf its newest decision taken by then — a refusal, a withdrawal or a lapsed
  // decision counts 0 (the buyer is uninsured: the cap is the tolerance alone). Only without any
  // insurer decision, credit insurance recorded as a security on the customer.
  const decisions = await queryRows<{
    currency: string;
    amount: number;
    direct: string | null;
    inverse: string | null;
  }>(
    handle.db,
    sql`with ${insuredInForceCte(sql`cast(${asOf} as date)`)}
      select il.currency::text as currency,
        sum(case when il.expires_on is null or il.expires_on >= cast(${asOf} as date)
          then il.decided_minor else 0 end)::int8 as amount,
        ${rateTo(sql`il.currency`)} as direct, ${rateFrom(sql`il.currency`)} as inverse
      from insured_latest il join insurance_policies p on p.id = il.policy_id
      where il.customer_id = ${customerId}
        and p.valid_from <= cast(${asOf} as date) and (p.valid_to is null or p.valid_to >= cast(${asOf} as date))
      group by il.currency`,
  );
  const securities = await queryRows<{
    currency: string;
    amount: number;
    direct: string | null;
    inverse: string | null;
  }>(
    handle.db,
    sql`select s.currency::text as currency, sum(s.amount_minor)::int8 as amount,
        ${rateTo(sql`s.currency`)} as direct, ${rateFrom(sql`s.currency`)} as inverse
      from credit_securities s where s.customer_id = ${customerId} and s.type = 'credit_insurance'
        and s.valid_from <= cast(${asOf} as date) and (s.expires_on is null or s.expires_on >= cast(${asOf} as date))
      group by s.currency`,
  );
  const insurance = decisions.length > 0 ? decisions : securities;
  const missing: Record<string, string> = {};
  const convert = (
    amount: number,
    from: string,
    direct: string | null,
    inverse: string | null,
  ): number | null => {
    if (from === currency) {
      return amount;
    }
    const quote = quoteOf({ directRate: direct, inverseRate: inverse });
    return quote ? convertAtQuote({ amountMinor: amount, from, to: currency, quote }) : null;
  };
  const line = (a: number | null, b: number | null, name: string): number | null => {
    if (!facts.stCurrency) {
      missing[name] = "no financial statement";
      return null;
    }
    if (a === null || b === null) {
      missing[name] = `the statement lacks a line for ${name}`;
      return null;
    }
    const value = convert(a - b, facts.stCurrency, facts.stDirect, facts.stInverse);
    if (value === null) {
      missing[name] = `no FX rate ${facts.stCurrency}→${currency}`;
    }
    return value;
  };
  const tnw = line(facts.equity, facts.intangible, "tangible net worth");
  const wc = line(facts.currentAssets, facts.currentLiabilities, "working capital");
  let purchases: number | null = 0;
  for (const o of orders) {
    const v = convert(o.total, o.currency, o.direct, o.inverse);
    if (v === null) {
      missing["monthly purchases"] = `no FX rate ${o.currency}→${currency}`;
      purchases = null;
      break;
    }
    purchases += v;
  }
  if (orders.length === 0) {
    missing["monthly purchases"] = "no orders in the last 12 months";
    purchases = null;
  }
  // Monthly purchases = 12-month order total / 12, rounded half-up once.
  const monthly = purchases === null ? null : Math.round(purchases / 12);
  let insured: number | null = null;
  for (const s of insurance) {
    const v = convert(s.amount, s.currency, s.direct, s.inverse);
    insured = v === null ? insured : (insured ?? 0) + v;
  }
  const recommendation = recommendLimit({
    tangibleNetWorthMinor: tnw,
    workingCapitalMinor: wc,
    monthlyPurchasesMinor: monthly,
    termsDays: facts.termsDays,
    expectedDaysBeyondTerms: facts.dbt,
    gradeFactor: facts.gradeFactor,
    insuredLimitMinor: insured,
    policy: {
      ...(options.policy ?? DEFAULT_LIMIT_POLICY),
      ...(options.uninsuredToleranceMinor === undefined
        ? {}
        : { uninsuredToleranceMinor: options.uninsuredToleranceMinor }),
    },
    missing,
  });
  return {
    ...recommendation,
    customerId,
    currency,
    asOf,
    inputs: {
      statementPeriodEnd: facts.periodEnd,
      grade: facts.grade,
      tangibleNetWorthMinor: tnw,
      workingCapitalMinor: wc,
      monthlyPurchasesMinor: monthly,
      termsDays: facts.termsDays,
      expectedDaysBeyondTerms: facts.dbt,
      insuredLimitMinor: insured,
    },
  };
}
