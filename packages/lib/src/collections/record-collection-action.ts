import { daysBetween } from "@creditdesk/core/assessment";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { collectionActionInvoices, collectionActions } from "@creditdesk/db/collections";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";

export const CALL_OUTCOMES = [
  "reached",
  "no_answer",
  "promised",
  "disputed",
  "refused",
  "wrong_contact",
] as const;

/** A call made (with its outcome), a note, or a legal handover recorded by hand. */
export const collectionActionInputSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("call"),
      outcome: z.enum(CALL_OUTCOMES),
      contact: z.string().min(1).max(200).optional(),
      phone: z.string().min(1).max(50).optional(),
      callbackOn: z.iso.date().optional(),
      note: z.string().max(4000).optional(),
      invoiceNumbers: z.array(z.string().min(1).max(100)).max(500).optional(),
      /** Completes this pending call task of a dunning run instead of adding a new action. */
      taskId: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("note"),
      note: z.string().min(1).max(4000),
      invoiceNumbers: z.array(z.string().min(1).max(100)).max(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("legal"),
      handedOverTo: z.string().min(1).max(200),
      reference: z.string().max(200).optional(),
      note: z.string().max(4000).optional(),
      invoiceNumbers: z.array(z.string().min(1).max(100)).min(1).max(500),
    })
    .strict(),
]);
export type CollectionActionInput = z.infer<typeof collectionActionInputSchema>;

/**
 * Records a collection action by hand (who, when, what, outcome) in one transaction with its audit
 * entry: a call with its outcome (completing a run's pending call task when `taskId` is given), a
 * note, or a legal handover (to whom, reference) of named invoices.
 */
export async function recordCollectionAction(options: {
  handle: DatabaseHandle;
  actor: string;
  customer: string | number;
  input: unknown;
  asOf?: string | undefined;
}) {
  const parsed = collectionActionInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const input = parsed.data;
  const customerId = await findCustomerId(options.handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const actionOn = options.asOf ?? new Date().toISOString().slice(0, 10);
  const numbers = input.invoiceNumbers ?? [];
  // The open amount of each named invoice today (amount − allocations − credit notes), as a run records it.
  const found =
    numbers.length === 0
      ? []
      : (
          await queryRows<{ id: number; number: string; currency: string; open: number; due_on: string }>(
            options.handle.db,
            sql`select i.id, i.invoice_number as number, i.currency, i.due_on,
              (i.amount_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)
                - coalesce((select sum(c.amount_minor) from credit_notes c where c.invoice_id = i.id), 0))::int8 as open
            from invoices i
            where i.customer_id = ${customerId} and i.invoice_number = any(${sql.param([...numbers])}::text[])`,
          )
        ).map((r) => ({
          id: Number(r.id),
          number: r.number,
          currency: r.currency,
          open: Number(r.open),
          dueOn: r.due_on,
        }));
  const unknown = numbers.filter((n) => !found.some((f) => f.number === n));
  if (unknown.length > 0) {
    throw AppError.validation(
      unknown.map((n) => ({
        path: "invoiceNumbers",
        message: `invoice ${n} is not an invoice of this customer`,
      })),
    );
  }
  const details: Record<string, unknown> =
    input.kind === "call"
      ? { contact: input.contact ?? null, phone: input.phone ?? null, callbackOn: input.callbackOn ?? null }
      : input.kind === "legal"
        ? { handedOverTo: input.handedOverTo, reference: input.reference ?? null }
        : {};
  const outcome = input.kind === "call" ? input.outcome : input.kind === "legal" ? "handed_over" : "recorded";
  return options.handle.transaction(async (tx) => {
    let actionId: number;
    if (input.kind === "call" && input.taskId !== undefined) {
      const [task] = await tx.db
        .update(collectionActions)
        .set({ outcome, details, note: input.note ?? null, performedBy: options.actor, actionOn })
        .where(
          and(
            eq(collectionActions.id, input.taskId),
            eq(collectionActions.customerId, customerId),
            eq(collectionActions.kind, "call"),
            eq(collectionActions.outcome, "pending"),
          ),
        )
        .returning({ id: collectionActions.id });
      if (!task) {
        throw new AppError("CONFLICT", `call task ${input.taskId} is not a pending call of this customer`);
      }
      actionId = task.id;
    } else {
      const [row] = await tx.db
        .insert(collectionActions)
        .values({
          customerId,
          kind: input.kind,
          outcome,
          details,
          note: input.note ?? null,
          performedBy: options.actor,
          actionOn,
        })
        .returning({ id: collectionActions.id });
      actionId = row!.id;
      if (found.length > 0) {
        await tx.db.insert(collectionActionInvoices).values(
          found.map((f) => ({
            actionId,
            invoiceId: f.id,
            currency: f.currency,
            openMinor: f.open,
            daysPastDue: Math.max(0, daysBetween(f.dueOn, actionOn)),
          })),
        );
      }
    }
    await appendAudit(tx.db, {
      actor: options.actor,
      action: `collections.${input.kind}`,
      entity: "collection_action",
      entityId: actionId,
      after: { customerId, ...input },
    });
    const [saved] = await tx.db.select().from(collectionActions).where(eq(collectionActions.id, actionId));
    return saved!;
  });
}
