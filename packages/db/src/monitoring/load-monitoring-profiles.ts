import { STATEMENT_LINES } from "@creditdesk/core/assessment";
import { type SQL, sql } from "drizzle-orm";
import { type CustomerSelection, customerFilter } from "../assessment/customer-selection.ts";
import type { StatementRow } from "../assessment/load-profiles.ts";
import { type Db, queryRows } from "../client.ts";

export interface MonitoringProfile {
  customerId: number;
  code: string;
  status: string;
  tier: string;
  industry: string | null;
  companyType: string;
  paymentTermsDays: number | null;
  /** Latest default recorded on or before as-of (customer_defaults), if any. */
  lastDefaultOn: string | null;
  /** The latest statement on or before as-of. */
  statement: StatementRow | null;
  /** External events of the requested types in the look-back, oldest first. */
  events: { type: string; date: string }[];
}

const STATEMENT_COLUMNS = STATEMENT_LINES.map((line) => ({
  line,
  column: line.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
}));

/**
 * What monitoring reads about each customer besides the ledger: profile (with its recorded
 * defaults), the latest financial statement and the external events the rules count — three
 * set-wise queries, each restricted to what the rules use (events of the rules' types within their
 * longest look-back only).
 */
export async function loadMonitoringProfiles(
  db: Db,
  query: CustomerSelection & { asOf: string; eventTypes: readonly string[]; eventDays: number },
): Promise<Map<number, MonitoringProfile>> {
  const only = (column: SQL) => customerFilter(column, query);
  const asOf = sql`${query.asOf}::date`;
  const profiles = await queryRows<{
    id: number;
    code: string;
    status: string;
    tier: string;
    industry: string | null;
    company_type: string;
    payment_terms_days: number | null;
    last_default_on: string | null;
  }>(
    db,
    sql`
    select c.id, c.code, c.status, c.tier, c.industry, c.company_type, c.payment_terms_days,
      (select max(d.defaulted_on)::text from customer_defaults d where d.customer_id = c.id and d.defaulted_on <= ${asOf}) as last_default_on
    from customers c where true ${only(sql`c.id`)}`,
  );
  const out = new Map<number, MonitoringProfile>();
  for (const r of profiles) {
    const id = Number(r.id);
    out.set(id, {
      customerId: id,
      code: r.code,
      status: r.status,
      tier: r.tier,
      industry: r.industry,
      companyType: r.company_type,
      paymentTermsDays: r.payment_terms_days === null ? null : Number(r.payment_terms_days),
      lastDefaultOn: r.last_default_on,
      statement: null,
      events: [],
    });
  }
  const statements = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select distinct on (s.customer_id) s.*
    from financial_statements s where s.period_end <= ${asOf} ${only(sql`s.customer_id`)}
    order by s.customer_id, s.period_end desc, s.period_months desc`,
  );
  for (const r of statements) {
    const p = out.get(Number(r.customer_id));
    if (p) {
      const lines: Record<string, number | null> = {};
      for (const { line, column } of STATEMENT_COLUMNS) {
        lines[line] = r[column] === null ? null : Number(r[column]);
      }
      p.statement = {
        periodEnd: String(r.period_end),
        periodMonths: Number(r.period_months),
        currency: String(r.currency),
        lines,
      };
    }
  }
  if (query.eventTypes.length > 0) {
    const events = await queryRows<{ customer_id: number; type: string; date: string }>(
      db,
      sql`
      select customer_id, type, occurred_on::text as date from external_events
      where occurred_on <= ${asOf} and occurred_on > ${asOf} - ${query.eventDays}::int
        and type = any(${sql.param([...query.eventTypes])}::text[]) ${only(sql`customer_id`)}
      order by customer_id, occurred_on, id`,
    );
    for (const e of events) {
      out.get(Number(e.customer_id))?.events.push({ type: e.type, date: e.date });
    }
  }
  return out;
}
