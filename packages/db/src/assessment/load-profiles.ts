import { STATEMENT_LINES } from "@creditdesk/core/assessment";
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { customerFilter } from "./customer-selection.ts";

/** The per-customer facts an assessment needs besides the ledger, loaded set-wise for many customers. */
export interface AssessmentFacts {
  customerId: number;
  code: string;
  companyType: string;
  tier: string;
  industry: string | null;
  foundedOn: string | null;
  /** Registered capital converted to the base currency (minor units), null when unknown/unconvertible. */
  registeredCapitalBaseMinor: number | null;
  /** Latest external rating on or before as-of. */
  rating: string | null;
  statements: StatementRow[];
  events: { date: string; type: string; severity: string }[];
  previousGrade: string | null;
}

export interface StatementRow {
  periodEnd: string;
  periodMonths: number;
  currency: string;
  lines: Record<string, number | null>;
}

/** Statement columns, named as in the database (snake_case of the core statement lines). */
const STATEMENT_COLUMNS = STATEMENT_LINES.map((line) => ({
  line,
  column: line.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
}));

/**
 * Loads profiles, the last `statementPeriods` statements, the latest rating, external events of the
 * last `eventMonths` months and the previous grade, for all (or the given) customers, in five
 * set-wise queries — never one query per customer.
 */
export async function loadAssessmentFacts(
  db: Db,
  options: {
    asOf: string;
    baseCurrency: string;
    customerIds?: readonly number[] | undefined;
    customerIdRange?: { from: number; to: number } | undefined;
    statementPeriods?: number;
    eventMonths?: number;
  },
): Promise<Map<number, AssessmentFacts>> {
  const asOf = sql`${options.asOf}::date`;
  const only = (column: SQL) => customerFilter(column, options);
  const base = sql`${options.baseCurrency}::text`;

  const profiles = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select c.id, c.code, c.company_type, c.tier, c.industry, c.founded_on,
      case
        when c.registered_capital_minor is null then null
        when coalesce(c.registered_capital_currency, ${base}) = ${base} then c.registered_capital_minor::float8
        else (c.registered_capital_minor * (
          select rate from fx_rates f
          where f.from_currency = c.registered_capital_currency and f.to_currency = ${base} and f.rate_date <= ${asOf}
          order by f.rate_date desc limit 1))::float8
      end as capital_base
    from customers c where true ${only(sql`c.id`)}
  `,
  );
  const facts = new Map<number, AssessmentFacts>();
  for (const r of profiles) {
    const id = Number(r.id);
    facts.set(id, {
      customerId: id,
      code: String(r.code),
      companyType: String(r.company_type),
      tier: String(r.tier),
      industry: (r.industry as string | null) ?? null,
      foundedOn: (r.founded_on as string | null) ?? null,
      registeredCapitalBaseMinor: r.capital_base === null ? null : Math.round(Number(r.capital_base)),
      rating: null,
      statements: [],
      events: [],
      previousGrade: null,
    });
  }

  const statements = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select * from (
      select s.*, row_number() over (partition by s.customer_id order by s.period_end desc, s.period_months desc) as rn
      from financial_statements s where s.period_end <= ${asOf} ${only(sql`s.customer_id`)}
    ) ranked where rn <= ${options.statementPeriods ?? 3}
    order by customer_id, period_end
  `,
  );
  for (const r of statements) {
    const lines: Record<string, number | null> = {};
    for (const { line, column } of STATEMENT_COLUMNS) {
      lines[line] = r[column] === null ? null : Number(r[column]);
    }
    facts.get(Number(r.customer_id))?.statements.push({
      periodEnd: String(r.period_end),
      periodMonths: Number(r.period_months),
      currency: String(r.currency),
      lines,
    });
  }

  const ratings = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select distinct on (customer_id) customer_id, rating
    from external_ratings where rated_on <= ${asOf} ${only(sql`customer_id`)}
    order by customer_id, rated_on desc, id desc
  `,
  );
  for (const r of ratings) {
    const f = facts.get(Number(r.customer_id));
    if (f) {
      f.rating = String(r.rating);
    }
  }

  const events = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select customer_id, occurred_on, type, severity from external_events
    where occurred_on <= ${asOf}
      and occurred_on > (${asOf} - make_interval(months => ${options.eventMonths ?? 12}::int))::date
      ${only(sql`customer_id`)}
    order by customer_id, occurred_on, id
  `,
  );
  for (const r of events) {
    facts.get(Number(r.customer_id))?.events.push({
      date: String(r.occurred_on),
      type: String(r.type),
      severity: String(r.severity),
    });
  }

  const previous = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select distinct on (customer_id) customer_id, grade from assessments
    where true ${only(sql`customer_id`)}
    order by customer_id, created_at desc, id desc
  `,
  );
  for (const r of previous) {
    const f = facts.get(Number(r.customer_id));
    if (f) {
      f.previousGrade = String(r.grade);
    }
  }
  return facts;
}
