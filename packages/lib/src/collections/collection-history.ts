import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { collectionActions } from "@creditdesk/db/collections";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { renderLetterHtml, renderLetterPdf } from "./dunning-message.ts";

export interface CollectionHistoryItem {
  id: number;
  customerId: number;
  runId: number | null;
  level: number | null;
  kind: string;
  outcome: string;
  locale: string | null;
  subject: string | null;
  note: string | null;
  details: Record<string, unknown>;
  holdId: number | null;
  performedBy: string;
  performedAt: string;
  actionOn: string;
  invoices: {
    invoiceId: number;
    invoiceNumber: string;
    currency: string;
    openMinor: number;
    daysPastDue: number;
  }[];
}

/**
 * The dunning history (催收记录) of a customer, or of one invoice, newest first: every action with
 * who, when, what, outcome and the invoices it covered — one statement.
 */
export async function listCollectionHistory(options: {
  handle: DatabaseHandle;
  customer?: string | number | undefined;
  invoiceId?: number | undefined;
  limit?: number | undefined;
}): Promise<CollectionHistoryItem[]> {
  let customerId: number | undefined;
  if (options.customer !== undefined) {
    customerId = await findCustomerId(options.handle.db, options.customer);
    if (customerId === undefined) {
      throw AppError.notFound("customer", options.customer);
    }
  }
  const rows = await queryRows<Record<string, unknown>>(
    options.handle.db,
    sql`select a.id, a.customer_id, a.run_id, a.level, a.kind, a.outcome, a.locale, a.subject, a.note,
        a.details - 'html' as details, a.hold_id, a.performed_by, a.performed_at, a.action_on,
        coalesce((select json_agg(json_build_object('invoiceId', ai.invoice_id, 'invoiceNumber', i.invoice_number,
            'currency', ai.currency, 'openMinor', ai.open_minor, 'daysPastDue', ai.days_past_due) order by i.invoice_number)
          from collection_action_invoices ai join invoices i on i.id = ai.invoice_id where ai.action_id = a.id), '[]') as invoices
      from collection_actions a
      where true ${customerId !== undefined ? sql`and a.customer_id = ${customerId}` : sql``}
        ${options.invoiceId !== undefined ? sql`and exists (select 1 from collection_action_invoices x where x.action_id = a.id and x.invoice_id = ${options.invoiceId})` : sql``}
      order by a.id desc limit ${options.limit ?? 200}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    runId: r.run_id === null ? null : Number(r.run_id),
    level: r.level === null ? null : Number(r.level),
    kind: String(r.kind),
    outcome: String(r.outcome),
    locale: (r.locale as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    details: (typeof r.details === "string" ? JSON.parse(r.details) : (r.details ?? {})) as Record<
      string,
      unknown
    >,
    holdId: r.hold_id === null ? null : Number(r.hold_id),
    performedBy: String(r.performed_by),
    performedAt: new Date(r.performed_at as string | Date).toISOString(),
    actionOn: String(r.action_on),
    invoices: (typeof r.invoices === "string"
      ? JSON.parse(r.invoices)
      : r.invoices) as CollectionHistoryItem["invoices"],
  }));
}

/** The letter (or any message) of an action as HTML or PDF; 404 when the action has no message. */
export async function renderActionLetter(options: {
  handle: DatabaseHandle;
  actionId: number;
  format: "html" | "pdf";
}): Promise<{ customerId: number; body: string | Buffer }> {
  const [a] = await options.handle.db
    .select()
    .from(collectionActions)
    .where(eq(collectionActions.id, options.actionId));
  if (!a || a.subject === null || a.body === null) {
    throw new AppError("NOT_FOUND", `collection action ${options.actionId} has no letter`);
  }
  const letter = { subject: a.subject, body: a.body, locale: a.locale ?? "zh-CN", date: a.actionOn };
  return {
    customerId: a.customerId,
    body: options.format === "pdf" ? await renderLetterPdf(letter) : renderLetterHtml(letter),
  };
}
