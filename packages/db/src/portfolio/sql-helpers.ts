import { type SQL, sql } from "drizzle-orm";
import { soldWithoutRecourse } from "../insurance/factoring-filter.ts";

/**
 * Half-to-even rounding of a numeric SQL expression to int8 (PostgreSQL's `round(numeric)` rounds
 * half away from zero); the money rule of core/money: conversions round once, half-even.
 */
export function halfEven(x: SQL): SQL {
  return sql`(case when abs(${x} - trunc(${x})) = 0.5
    then trunc(${x}) + (case when mod(trunc(${x}), 2) = 0 then 0 else sign(${x}) end)
    else round(${x}) end)::int8`;
}

/**
 * `amount` (minor units of a currency) in minor units of the base currency at `factor` (the
 * `rates` CTE), half-even; the base currency itself (factor 1) needs no numeric arithmetic.
 */
export function toBaseMinor(amount: SQL, factor: SQL): SQL {
  return sql`(case when ${factor} = 1 then (${amount})::int8 else ${halfEven(sql`${amount} * ${factor}`)} end)`;
}

/**
 * CTEs over the invoices that may be open on some day after `settledAfter` up to `asOf`:
 * - `cand (id, customer_id, cur, issued_on, due_on, amount_minor)`: issued on or before as-of, not
 *   cancelled or written off, not sold to a factor without recourse by as-of (the factor's risk,
 *   insurance capability `soldWithoutRecourse`), and either still open or paid with a payment or
 *   credit note dated after `settledAfter`. A paid invoice settled entirely by `settledAfter` owes
 *   nothing on any later day, so leaving it out changes no figure — and spares aggregating every
 *   allocation of the ledger's history (the portfolio view's main cost).
 * - `red (invoice_id, customer_id, cur, issued_on, due_on, eff, amount)`: their payment allocations
 *   and credit notes dated on or before as-of, effective on their date (never before the invoice).
 * Aligned with the limits capability's exposure (`loadExposureByCurrency`), the same figure for
 * as-of = today.
 */
export function candidateInvoicesCtes(asOf: SQL, settledAfter: SQL, customerIds?: readonly number[]): SQL {
  // Per candidate, its allocations and credit notes through their invoice indexes (a lateral
  // join): the open invoices have few of them, and a hash or merge join would read all of them.
  return sql`${candidateCtes(asOf, settledAfter, customerIds)}, red as materialized (
      select c.id as invoice_id, c.customer_id, c.cur, c.issued_on, c.due_on, x.eff, x.amount
      from cand c cross join lateral (
        select greatest(p.received_on, c.issued_on) as eff, pa.amount_minor as amount
        from payment_allocations pa join payments p on p.id = pa.payment_id
        where pa.invoice_id = c.id and p.received_on <= ${asOf}
        union all
        select greatest(n.issued_on, c.issued_on), n.amount_minor from credit_notes n
        where n.invoice_id = c.id and n.issued_on <= ${asOf}
      ) x
    )`;
}

/** `late` and `cand` of `candidateInvoicesCtes`. */
function candidateCtes(asOf: SQL, settledAfter: SQL, customerIds?: readonly number[]): SQL {
  const scope = inCustomers(sql`i.customer_id`, customerIds);
  // For a few customers the late settlements are found through their indexes (payments by customer,
  // credit notes by their customers' invoices) instead of scanning every payment and credit note.
  const creditNoteScope =
    customerIds === undefined
      ? sql``
      : sql` and invoice_id in (select i2.id from invoices i2 where true${inCustomers(sql`i2.customer_id`, customerIds)})`;
  return sql`late as (
      select pa.invoice_id from payments p join payment_allocations pa on pa.payment_id = p.id
      where p.received_on > ${settledAfter}${inCustomers(sql`p.customer_id`, customerIds)}
      union all
      select invoice_id from credit_notes where invoice_id is not null and issued_on > ${settledAfter}${creditNoteScope}
    ), cand as materialized (
      -- Two branches so the planner sees the real sizes: the invoices open now (an index-free
      -- filter it estimates well) and the paid ones with a settlement after \`settledAfter\` (a
      -- semi-join on the few late settlements); an \`open or id in (late)\` test hid both.
      select i.id, i.customer_id, i.currency::text as cur, i.issued_on, i.due_on, i.amount_minor
      from invoices i
      where i.issued_on <= ${asOf}${scope} and i.status = 'open' and not ${soldWithoutRecourse(sql`i.id`, asOf)}
      union all
      select i.id, i.customer_id, i.currency::text as cur, i.issued_on, i.due_on, i.amount_minor
      from invoices i
      where i.issued_on <= ${asOf}${scope} and i.status = 'paid' and i.id in (select invoice_id from late)
        and not ${soldWithoutRecourse(sql`i.id`, asOf)}
    )`;
}

/**
 * The open amount of every invoice on `asOf` (CTE `inv (customer_id, cur, dpd, open)`): the
 * candidates still open or settled after as-of, less their allocations and credit notes dated on or
 * before as-of (`red`). Materialised: the aging buckets read `open` many times.
 */
export function openInvoicesCte(asOf: SQL, customerIds?: readonly number[]): SQL {
  return sql`${candidateInvoicesCtes(asOf, asOf, customerIds)}, inv as materialized (
      select c.customer_id, c.cur, ${asOf} - c.due_on as dpd, (c.amount_minor - coalesce(r.amount, 0))::int8 as open
      from cand c left join (select invoice_id, sum(amount)::int8 as amount from red group by invoice_id) r
        on r.invoice_id = c.id
    )`;
}

/**
 * ` and <column> = any(<ids>)` when `customerIds` is given (a page of customers), else nothing: the
 * portfolio's CTEs restricted before they aggregate (a condition outside a materialised CTE would
 * not reach inside it). Ids travel as one array parameter.
 */
export function inCustomers(column: SQL, customerIds: readonly number[] | undefined): SQL {
  if (customerIds === undefined) {
    return sql``;
  }
  return sql` and ${column} = any(cast(${`{${customerIds.map((id) => Math.trunc(id)).join(",")}}`} as bigint[]))`;
}
