import { type SQL, sql } from "drizzle-orm";

/**
 * The first instant after the day `asOf` (a date SQL expression): states recorded before it were
 * in force at the end of that day (in the session's time zone, as `created_at::date` elsewhere).
 */
const dayAfter = (asOf: SQL) => sql`(${asOf} + 1)::timestamptz`;

/**
 * SQL (a subquery, alias it) of every customer with the columns the portfolio splits by as they
 * were at the end of `asOf` — `id, code, legal_name, status, tier, sales_owner, industry, region,
 * parent_code` — from the state history the `customers` trigger keeps (`portfolio_customer_states`,
 * ledger-triggers.ts): a customer changed after as-of takes its latest state recorded by then, or,
 * when every recorded state is later, the earliest one (the state it left at its first recorded
 * change). Customers unchanged since as-of keep their current row, so as-of today reads no history.
 * Rows recorded before the attribute columns existed (`attributes` false) only know the status.
 */
export function customersAsOfSql(asOf: SQL): SQL {
  const cut = dayAfter(asOf);
  return sql`(
    select c.id, c.code, c.legal_name, coalesce(h.status, c.status) as status,
      case when h.attributes then h.tier else c.tier end as tier,
      case when h.attributes then h.sales_owner else c.sales_owner end as sales_owner,
      case when h.attributes then h.industry else c.industry end as industry,
      case when h.attributes then h.region else c.region end as region,
      case when h.attributes then h.parent_code else c.parent_code end as parent_code
    from customers c left join (
      select distinct on (s.customer_id) s.customer_id, s.status, s.attributes, s.tier, s.sales_owner,
        s.industry, s.region, s.parent_code
      from portfolio_customer_states s
      where s.customer_id in (select customer_id from portfolio_customer_states where recorded_at >= ${cut})
      order by s.customer_id, (s.recorded_at < ${cut}) desc,
        case when s.recorded_at < ${cut} then s.recorded_at end desc nulls last, s.recorded_at, s.id desc
    ) h on h.customer_id = c.id
  )`;
}

/**
 * SQL (a subquery, alias it) of every sales order as it was at the end of `asOf` — `id,
 * customer_id, order_number, ordered_on, status, currency, ordered_minor, delivered_minor,
 * invoiced_minor` — from `portfolio_order_states` (the `sales_orders` trigger), chosen as in
 * `customersAsOfSql`; orders unchanged since as-of keep their current row.
 */
export function salesOrdersAsOfSql(asOf: SQL): SQL {
  const cut = dayAfter(asOf);
  return sql`(
    select so.id, so.customer_id, so.order_number, so.ordered_on,
      coalesce(h.status, so.status) as status, coalesce(h.currency, so.currency) as currency,
      coalesce(h.ordered_minor, so.ordered_minor) as ordered_minor,
      coalesce(h.delivered_minor, so.delivered_minor) as delivered_minor,
      coalesce(h.invoiced_minor, so.invoiced_minor) as invoiced_minor
    from sales_orders so left join (
      select distinct on (s.order_id) s.order_id, s.status, s.currency, s.ordered_minor, s.delivered_minor, s.invoiced_minor
      from portfolio_order_states s
      where s.order_id in (select order_id from portfolio_order_states where recorded_at >= ${cut})
      order by s.order_id, (s.recorded_at < ${cut}) desc,
        case when s.recorded_at < ${cut} then s.recorded_at end desc nulls last, s.recorded_at, s.id desc
    ) h on h.order_id = so.id
  )`;
}
