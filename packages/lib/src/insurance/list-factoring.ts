import { removesFromExposure } from "@creditdesk/core/insurance";
import { customers, invoices } from "@creditdesk/db";
import { factoredReceivables, factoringAgreements } from "@creditdesk/db/insurance";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { DatabaseHandle, FactoringAgreement } from "./insurance-common.ts";

export function agreementView(a: FactoringAgreement) {
  return { ...a, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
}

export function factoredView(r: typeof factoredReceivables.$inferSelect) {
  return {
    ...r,
    mode: r.mode as "sold" | "pledged",
    status: r.status as "active" | "repurchased" | "settled",
    /** Whether, while active, the invoice is out of the customer's exposure. */
    removedFromExposure: removesFromExposure({
      mode: r.mode as "sold" | "pledged",
      withRecourse: r.withRecourse,
    }),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Factoring agreements, newest first. */
export async function listFactoringAgreements(options: { handle: DatabaseHandle }) {
  const rows = await options.handle.db
    .select()
    .from(factoringAgreements)
    .orderBy(desc(factoringAgreements.id));
  return { items: rows.map(agreementView) };
}

/** Factored invoices (newest first), optionally of one customer or agreement, with invoice and customer. */
export async function listFactoredReceivables(options: {
  handle: DatabaseHandle;
  customerId?: number | undefined;
  agreementId?: number | undefined;
  status?: string | undefined;
}) {
  const where: SQL[] = [];
  if (options.customerId !== undefined) {
    where.push(eq(factoredReceivables.customerId, options.customerId));
  }
  if (options.agreementId !== undefined) {
    where.push(eq(factoredReceivables.agreementId, options.agreementId));
  }
  if (options.status) {
    where.push(eq(factoredReceivables.status, options.status));
  }
  const rows = await options.handle.db
    .select({
      r: factoredReceivables,
      invoiceNumber: invoices.invoiceNumber,
      dueOn: invoices.dueOn,
      agreementReference: factoringAgreements.reference,
      factor: factoringAgreements.factor,
      customerCode: customers.code,
      customerName: customers.legalName,
    })
    .from(factoredReceivables)
    .innerJoin(invoices, eq(invoices.id, factoredReceivables.invoiceId))
    .innerJoin(factoringAgreements, eq(factoringAgreements.id, factoredReceivables.agreementId))
    .innerJoin(customers, eq(customers.id, factoredReceivables.customerId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(factoredReceivables.id));
  return rows.map(({ r, ...rest }) => ({ ...factoredView(r), ...rest }));
}
