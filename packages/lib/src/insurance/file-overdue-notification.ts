import { queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { insuranceNotificationInvoices, insuranceNotifications } from "@creditdesk/db/insurance";
import { sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, requirePolicy, todayIso } from "./insurance-common.ts";

/**
 * Records an overdue notification filed with the insurer (date, reference, the invoices it names
 * with their open amount on that day). Keeps those invoices' cover when filed by their deadline;
 * the insurance check stops warning about them. Audited.
 */
export async function fileOverdueNotification(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  policy: string | number;
  customer: string | number;
  invoices: readonly string[];
  filedOn?: string | undefined;
  reference?: string | undefined;
  note?: string | undefined;
}) {
  if (options.invoices.length === 0) {
    throw AppError.validation([{ path: "invoices", message: "name at least one invoice" }]);
  }
  const filedOn = options.filedOn ?? todayIso();
  return options.handle.transaction(async (tx) => {
    const policy = await requirePolicy(tx.db, options.policy);
    const customerId = await findCustomerId(tx.db, options.customer);
    if (customerId === undefined) {
      throw AppError.notFound("customer", options.customer);
    }
    const found = await queryRows<{ id: number; invoiceNumber: string; currency: string; openMinor: number }>(
      tx.db,
      sql`select i.id, i.invoice_number as "invoiceNumber", i.currency::text as currency,
        (i.amount_minor
          - coalesce((select sum(a.amount_minor) from payment_allocations a join payments p on p.id = a.payment_id
              where a.invoice_id = i.id and p.received_on <= cast(${filedOn} as date)), 0)
          - coalesce((select sum(n.amount_minor) from credit_notes n where n.invoice_id = i.id
              and n.issued_on <= cast(${filedOn} as date)), 0))::int8 as "openMinor"
      from invoices i where i.customer_id = ${customerId}
        and i.invoice_number = any(${sql.param([...options.invoices])}::text[])`,
    );
    const missing = options.invoices.filter((n) => !found.some((f) => f.invoiceNumber === n));
    if (missing.length > 0) {
      throw AppError.validation(
        missing.map((n) => ({ path: "invoices", message: `invoice ${n} of this customer does not exist` })),
      );
    }
    const currencies = new Set(found.map((f) => f.currency));
    if (currencies.size > 1) {
      throw AppError.validation([{ path: "invoices", message: "notify invoices of one currency at a time" }]);
    }
    const [row] = await tx.db
      .insert(insuranceNotifications)
      .values({
        policyId: policy.id,
        customerId,
        filedOn,
        reference: options.reference ?? null,
        currency: found[0]!.currency,
        overdueMinor: found.reduce((a, f) => a + Number(f.openMinor), 0),
        note: options.note ?? null,
        filedBy: options.actor.id,
      })
      .returning();
    await tx.db.insert(insuranceNotificationInvoices).values(
      found.map((f) => ({
        notificationId: row!.id,
        invoiceId: Number(f.id),
        openMinor: Number(f.openMinor),
      })),
    );
    const view = {
      ...row!,
      createdAt: row!.createdAt.toISOString(),
      policyNumber: policy.policyNumber,
      invoices: found.map((f) => ({ invoiceNumber: f.invoiceNumber, openMinor: Number(f.openMinor) })),
    };
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.notification.file",
      entity: "insurance_notification",
      entityId: view.id,
      after: view,
    });
    return view;
  });
}

/** Notifications filed (newest first), optionally of one customer, with their invoices. */
export async function listOverdueNotifications(options: {
  handle: DatabaseHandle;
  customerId?: number | undefined;
}) {
  const only = options.customerId !== undefined ? sql`where n.customer_id = ${options.customerId}` : sql``;
  const rows = await queryRows<{
    id: number;
    policyNumber: string;
    customerId: number;
    customerCode: string;
    filedOn: string;
    reference: string | null;
    currency: string;
    overdueMinor: number;
    filedBy: string;
    invoices: string[];
  }>(
    options.handle.db,
    sql`select n.id, p.policy_number as "policyNumber", n.customer_id as "customerId", c.code as "customerCode",
        n.filed_on::text as "filedOn", n.reference, n.currency::text as currency, n.overdue_minor as "overdueMinor",
        n.filed_by as "filedBy",
        coalesce((select array_agg(i.invoice_number order by i.invoice_number) from insurance_notification_invoices ni
          join invoices i on i.id = ni.invoice_id where ni.notification_id = n.id), '{}') as invoices
      from insurance_notifications n join insurance_policies p on p.id = n.policy_id
        join customers c on c.id = n.customer_id ${only}
      order by n.id desc`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    customerId: Number(r.customerId),
    overdueMinor: Number(r.overdueMinor),
  }));
}
