import { type FactoringMode, factoringAmounts } from "@creditdesk/core/insurance";
import { queryRows } from "@creditdesk/db";
import { factoredReceivables } from "@creditdesk/db/insurance";
import { sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type DatabaseHandle, type InsuranceActor, requireAgreement, todayIso } from "./insurance-common.ts";
import { factoredView } from "./list-factoring.ts";

/**
 * Sells or pledges open invoices to a factor under an agreement. The face value is the invoice's
 * open amount on the day; advance and fees follow the agreement's rates (core `factoringAmounts`);
 * recourse comes from the agreement (a pledge always keeps the risk). Sold without recourse, the
 * invoices leave the customer's exposure from `assignedOn` (core `removesFromExposure`). An invoice
 * can be with one factor at a time (unique active assignment). Audited.
 */
export async function assignReceivables(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  agreement: string | number;
  mode: FactoringMode;
  invoices: readonly string[];
  assignedOn?: string | undefined;
}) {
  if (options.invoices.length === 0) {
    throw AppError.validation([{ path: "invoices", message: "name at least one invoice" }]);
  }
  const assignedOn = options.assignedOn ?? todayIso();
  return options.handle.transaction(async (tx) => {
    const agreement = await requireAgreement(tx.db, options.agreement);
    if (
      agreement.status !== "active" ||
      assignedOn < agreement.validFrom ||
      (agreement.validTo && assignedOn > agreement.validTo)
    ) {
      throw new AppError("CONFLICT", `agreement ${agreement.reference} is not in force on ${assignedOn}`);
    }
    const found = await queryRows<{
      id: number;
      invoiceNumber: string;
      customerId: number;
      currency: string;
      status: string;
      openMinor: number;
    }>(
      tx.db,
      sql`select i.id, i.invoice_number as "invoiceNumber", i.customer_id as "customerId", i.currency::text as currency,
        i.status, (i.amount_minor
          - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)
          - coalesce((select sum(n.amount_minor) from credit_notes n where n.invoice_id = i.id), 0))::int8 as "openMinor"
      from invoices i where i.invoice_number = any(${sql.param([...options.invoices])}::text[])`,
    );
    const problems = options.invoices.flatMap((n, index) => {
      const f = found.find((x) => x.invoiceNumber === n);
      if (!f) {
        return [{ path: `invoices.${index}`, message: `invoice ${n} does not exist` }];
      }
      if (f.status !== "open" || Number(f.openMinor) <= 0) {
        return [{ path: `invoices.${index}`, message: `invoice ${n} is not open` }];
      }
      return [];
    });
    if (problems.length > 0) {
      throw AppError.validation(problems);
    }
    const taken = await queryRows<{ invoiceNumber: string; reference: string }>(
      tx.db,
      sql`select i.invoice_number as "invoiceNumber", a.reference from factored_receivables fr
        join invoices i on i.id = fr.invoice_id join factoring_agreements a on a.id = fr.agreement_id
        where fr.status = 'active' and fr.invoice_id = any(${sql.param(found.map((f) => Number(f.id)))}::bigint[])`,
    );
    if (taken.length > 0) {
      throw new AppError(
        "CONFLICT",
        `already with a factor: ${taken.map((x) => `${x.invoiceNumber} (${x.reference})`).join(", ")}`,
      );
    }
    const withRecourse = options.mode === "pledged" ? true : agreement.withRecourse;
    const rows = await tx.db
      .insert(factoredReceivables)
      .values(
        found.map((f) => {
          const face = Number(f.openMinor);
          return {
            agreementId: agreement.id,
            invoiceId: Number(f.id),
            customerId: Number(f.customerId),
            mode: options.mode,
            withRecourse,
            assignedOn,
            currency: f.currency,
            faceMinor: face,
            advanceRateBps: agreement.advanceRateBps,
            ...factoringAmounts({
              faceMinor: face,
              advanceRateBps: agreement.advanceRateBps,
              feeBps: agreement.feeBps,
            }),
            createdBy: options.actor.id,
          };
        }),
      )
      .returning();
    const views = rows.map((r) => ({
      ...factoredView(r),
      invoiceNumber: found.find((f) => Number(f.id) === r.invoiceId)!.invoiceNumber,
    }));
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: `factoring.${options.mode === "sold" ? "sell" : "pledge"}`,
      entity: "factoring_agreement",
      entityId: agreement.reference,
      after: { agreement: agreement.reference, factor: agreement.factor, withRecourse, items: views },
    });
    return { items: views };
  });
}
