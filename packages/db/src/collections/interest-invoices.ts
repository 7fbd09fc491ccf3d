import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { ratesCte } from "../fx/base-rates.ts";
import { roundHalfEvenSql } from "./overdue-invoices.ts";

export interface InterestInvoiceRow {
  invoiceId: number;
  invoiceNumber: string;
  dueOn: string;
  currency: string;
  principalMinor: number;
  payments: { receivedOn: string; amountMinor: number }[];
  annualRate: string | null;
  contractReference: string | null;
}

/**
 * A customer's invoices that bear late-payment interest as of a date: due before as-of and either
 * still open or paid (partly) late by a payment received from `from` on. Each with its principal
 * (amount − credit notes), its payments converted to the invoice currency (half-even), and the
 * contract valid on its due date (as the limits capability's `quoteLateInterest` chooses it:
 * the latest valid_from on or before the due date, not expired) — one statement.
 */
export async function loadInterestInvoices(
  db: Db,
  query: { customerId: number; asOf: string; from: string; baseCurrency: string },
): Promise<InterestInvoiceRow[]> {
  const asOf = sql`${query.asOf}::date`;
  const converted = roundHalfEvenSql(sql`pa.amount_minor * rp.factor / ri.factor`);
  const rows = await queryRows<{
    id: number;
    invoice_number: string;
    due_on: string;
    currency: string;
    principal: number;
    payments: { d: string; a: number }[] | null;
    rate: string | null;
    reference: string | null;
    status: string;
  }>(
    db,
    sql`with ${ratesCte(asOf, query.baseCurrency)},
    inv as (
      select i.id, i.invoice_number, i.due_on, i.currency, i.status,
        i.amount_minor - coalesce((select sum(cn.amount_minor) from credit_notes cn
          where cn.invoice_id = i.id and cn.issued_on <= ${asOf}), 0) as principal
      from invoices i
      where i.customer_id = ${query.customerId} and i.due_on < ${asOf} and i.status in ('open', 'paid')
    ),
    pay as (
      select inv.id as invoice_id, p.received_on,
        sum(case when p.currency = inv.currency then pa.amount_minor else ${converted} end)::int8 as amount
      from inv
      join payment_allocations pa on pa.invoice_id = inv.id
      join payments p on p.id = pa.payment_id
      left join rates rp on rp.cur = p.currency
      left join rates ri on ri.cur = inv.currency
      where p.received_on <= ${asOf}
      group by inv.id, p.received_on
    )
    select inv.id, inv.invoice_number, inv.due_on, inv.currency, inv.status, inv.principal::int8 as principal,
      (select json_agg(json_build_object('d', pay.received_on, 'a', pay.amount) order by pay.received_on)
         from pay where pay.invoice_id = inv.id and pay.amount is not null) as payments,
      k.late_interest_annual_rate::text as rate, k.reference
    from inv
    left join lateral (
      select late_interest_annual_rate, reference from credit_contracts cc
      where cc.customer_id = ${query.customerId} and cc.valid_from <= inv.due_on
        and (cc.valid_to is null or cc.valid_to >= inv.due_on)
      order by cc.valid_from desc limit 1
    ) k on true
    order by inv.due_on, inv.id`,
  );
  const from = query.from;
  return rows
    .map((r) => ({
      invoiceId: Number(r.id),
      invoiceNumber: r.invoice_number,
      dueOn: r.due_on,
      currency: r.currency,
      principalMinor: Number(r.principal),
      payments: (r.payments ?? []).map((p) => ({ receivedOn: String(p.d), amountMinor: Number(p.a) })),
      annualRate: r.rate,
      contractReference: r.reference,
      status: r.status,
    }))
    .filter((r) => {
      const paid = r.payments.reduce((s, p) => s + p.amountMinor, 0);
      const stillOpen = r.status === "open" && paid < r.principalMinor;
      const lateInWindow = r.payments.some((p) => p.receivedOn > r.dueOn && p.receivedOn >= from);
      return stillOpen || lateInWindow;
    })
    .map(({ status: _status, ...rest }) => rest);
}
