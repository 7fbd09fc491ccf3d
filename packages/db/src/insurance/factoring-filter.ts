import { type SQL, sql } from "drizzle-orm";

/**
 * SQL condition: the invoice (`invoiceId`, a column expression) was sold to a factor WITHOUT
 * recourse on or before `asOf` and not handed back (repurchased) by then — the factor bears the
 * buyer's credit risk, so the invoice is not part of the customer's exposure (issue #9 §6; DOMAIN.md
 * "Limits and exposure"). Sales with recourse and pledges never match: their risk stays with us.
 * Use as `and not ${soldWithoutRecourse(sql`i.id`, asOf)}` wherever exposure is summed.
 */
export function soldWithoutRecourse(invoiceId: SQL, asOf: SQL): SQL {
  return sql`exists (select 1 from factored_receivables fr where fr.invoice_id = ${invoiceId}
    and fr.mode = 'sold' and not fr.with_recourse and fr.assigned_on <= ${asOf}
    and (fr.status <> 'repurchased' or fr.ended_on > ${asOf}))`;
}
