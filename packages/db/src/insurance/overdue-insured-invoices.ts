import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.ts";
import { soldWithoutRecourse } from "./factoring-filter.ts";
import { insuredInForceCte } from "./insured-cover.ts";

export interface OverdueInsuredInvoice {
  policyId: number;
  policyNumber: string;
  customerId: number;
  customerCode: string;
  invoiceId: number;
  invoiceNumber: string;
  dueOn: string;
  currency: string;
  openMinor: number;
  notificationDeadlineDays: number;
  warnDaysBefore: number;
  /** The first notification to this policy's insurer that names the invoice (null = none yet). */
  notifiedOn: string | null;
}

/**
 * Every open, overdue invoice (due before `asOf`, open amount > 0 after allocations and credit
 * notes) of a buyer with an insured limit in force on `asOf`, per policy, with the policy's
 * notification terms and the first notification filed for it on or before `asOf` — one statement.
 * Invoices sold without recourse are left out: their risk (and the duty to notify) is the factor's.
 */
export async function loadOverdueInsuredInvoices(
  db: Db,
  options: { asOf: string; customerIds?: readonly number[] | undefined },
): Promise<OverdueInsuredInvoice[]> {
  const asOf = sql`cast(${options.asOf} as date)`;
  const only = options.customerIds
    ? sql`and i.customer_id = any(${sql.param([...options.customerIds])}::bigint[])`
    : sql``;
  const rows = await queryRows<OverdueInsuredInvoice>(
    db,
    sql`with ${insuredInForceCte(asOf)}
    select f.policy_id as "policyId", p.policy_number as "policyNumber", i.customer_id as "customerId",
      c.code as "customerCode", i.id as "invoiceId", i.invoice_number as "invoiceNumber",
      i.due_on::text as "dueOn", i.currency::text as currency, o.open_minor as "openMinor",
      p.notification_deadline_days as "notificationDeadlineDays", p.warn_days_before as "warnDaysBefore",
      (select min(n.filed_on)::text from insurance_notification_invoices ni
         join insurance_notifications n on n.id = ni.notification_id
       where ni.invoice_id = i.id and n.policy_id = f.policy_id and n.filed_on <= ${asOf}) as "notifiedOn"
    from insured_in_force f
      join insurance_policies p on p.id = f.policy_id
      join invoices i on i.customer_id = f.customer_id and i.status = 'open' and i.due_on < ${asOf}
      join customers c on c.id = i.customer_id
      cross join lateral (select i.amount_minor
          - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)
          - coalesce((select sum(n.amount_minor) from credit_notes n where n.invoice_id = i.id), 0) as open_minor) o
    where o.open_minor > 0 and not ${soldWithoutRecourse(sql`i.id`, asOf)} ${only}
    order by i.due_on, i.id, f.policy_id`,
  );
  return rows.map((r) => ({
    ...r,
    policyId: Number(r.policyId),
    customerId: Number(r.customerId),
    invoiceId: Number(r.invoiceId),
    openMinor: Number(r.openMinor),
    notificationDeadlineDays: Number(r.notificationDeadlineDays),
    warnDaysBefore: Number(r.warnDaysBefore),
  }));
}
