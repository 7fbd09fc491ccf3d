import { evaluatePromise, type PromiseEvaluation } from "@creditdesk/core/collections";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { loadPromisePayments, paymentPromiseInvoices, paymentPromises } from "@creditdesk/db/collections";
import { alerts } from "@creditdesk/db/monitoring";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit.ts";
import { enqueueAlertNotifications } from "../notifications/enqueue-alert-notifications.ts";
import { AppError } from "../shared/app-error.ts";
import { loadCollectionSettings } from "./collection-settings.ts";

export type PaymentPromise = typeof paymentPromises.$inferSelect & { invoiceNumbers: string[] };

export const promiseInputSchema = z
  .object({
    invoiceNumbers: z.array(z.string().min(1).max(100)).min(1).max(500),
    promisedMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    promisedOn: z.iso.date(),
    /** Default: today. */
    madeOn: z.iso.date().optional(),
    /** Default: the dunning settings' `promiseGraceDays`. */
    graceDays: z.number().int().min(0).max(60).optional(),
    contact: z.string().min(1).max(200).optional(),
    note: z.string().max(4000).optional(),
  })
  .strict()
  .refine((p) => p.madeOn === undefined || p.promisedOn >= p.madeOn, {
    path: ["promisedOn"],
    message: "the promised date cannot be before the day the promise was made",
  });

/** The rule code broken promises raise their monitoring alert under (one alert per promise). */
export const BROKEN_PROMISE_RULE = "collections_broken_promise";

/**
 * Records a promise to pay (承诺付款): an amount by a date for named invoices of the customer, all in
 * one currency (the promise's). Its invoices are paused in dunning until the promised date + grace.
 */
export async function createPaymentPromise(options: {
  handle: DatabaseHandle;
  actor: string;
  customer: string | number;
  input: unknown;
  today?: string | undefined;
}): Promise<PaymentPromise> {
  const parsed = promiseInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const input = parsed.data;
  const madeOn = input.madeOn ?? options.today ?? new Date().toISOString().slice(0, 10);
  if (input.promisedOn < madeOn) {
    throw AppError.validation([{ path: "promisedOn", message: `the promised date is before ${madeOn}` }]);
  }
  const customerId = await findCustomerId(options.handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const numbers = [...new Set(input.invoiceNumbers)];
  const found = await queryRows<{ id: number; invoice_number: string; currency: string; status: string }>(
    options.handle.db,
    sql`select id, invoice_number, currency, status from invoices
      where customer_id = ${customerId} and invoice_number = any(${sql.param(numbers)}::text[])`,
  );
  const problems = numbers
    .filter((n) => !found.some((f) => f.invoice_number === n))
    .map((n) => ({ path: "invoiceNumbers", message: `invoice ${n} is not an invoice of this customer` }));
  const currencies = [...new Set(found.map((f) => f.currency))];
  if (currencies.length > 1) {
    problems.push({
      path: "invoiceNumbers",
      message: `the invoices are in several currencies (${currencies.join(", ")})`,
    });
  }
  if (problems.length > 0) {
    throw AppError.validation(problems);
  }
  const graceDays =
    input.graceDays ?? (await loadCollectionSettings(options.handle.db)).dunning.promiseGraceDays;
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(paymentPromises)
      .values({
        customerId,
        currency: currencies[0]!,
        promisedMinor: input.promisedMinor,
        madeOn,
        promisedOn: input.promisedOn,
        graceDays,
        contact: input.contact ?? null,
        note: input.note ?? null,
        createdBy: options.actor,
      })
      .returning();
    await tx.db
      .insert(paymentPromiseInvoices)
      .values(found.map((f) => ({ promiseId: row!.id, invoiceId: Number(f.id) })));
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "collections.promise.create",
      entity: "payment_promise",
      entityId: row!.id,
      after: { ...row, invoiceNumbers: numbers },
    });
    return { ...row!, invoiceNumbers: numbers };
  });
}

/** Cancels an open promise (its invoices return to dunning). */
export async function cancelPaymentPromise(options: {
  handle: DatabaseHandle;
  actor: string;
  promiseId: number;
  reason: string;
}): Promise<typeof paymentPromises.$inferSelect> {
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .update(paymentPromises)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(and(eq(paymentPromises.id, options.promiseId), eq(paymentPromises.status, "open")))
      .returning();
    if (!row) {
      throw new AppError("CONFLICT", `promise ${options.promiseId} is not an open promise`);
    }
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "collections.promise.cancel",
      entity: "payment_promise",
      entityId: row.id,
      after: { status: "cancelled" },
      reason: options.reason,
    });
    return row;
  });
}

export interface PromiseEvaluationSummary {
  asOf: string;
  evaluated: number;
  kept: number;
  broken: number;
  open: number;
  /** Alerts raised for newly broken promises (never twice for one promise). */
  alertIds: number[];
}

/**
 * Evaluates every open promise (or the given ones) as of a date, set-wise: the payments allocated
 * to their invoices (one statement), the core rule `evaluatePromise` (kept when paid in full by
 * promised date + grace; broken after it), one update of the statuses. Each newly broken promise
 * raises ONE monitoring alert (rule `collections_broken_promise`, key `promise:<id>`, department
 * finance) routed to the inbox and outbound channels like any alert; the promise keeps the alert's
 * id, and a promise already broken is never evaluated again, so no alert is raised twice.
 */
export async function evaluatePaymentPromises(options: {
  handle: DatabaseHandle;
  actor: string;
  asOf: string;
  baseCurrency: string;
  promiseIds?: readonly number[] | undefined;
}): Promise<PromiseEvaluationSummary> {
  const { handle, asOf } = options;
  return handle.transaction(async (tx) => {
    const open = await tx.db
      .select()
      .from(paymentPromises)
      .where(
        and(
          eq(paymentPromises.status, "open"),
          sql`${paymentPromises.madeOn} <= ${asOf}::date`,
          options.promiseIds ? inArray(paymentPromises.id, [...options.promiseIds]) : undefined,
        ),
      )
      .for("update");
    const summary: PromiseEvaluationSummary = {
      asOf,
      evaluated: open.length,
      kept: 0,
      broken: 0,
      open: 0,
      alertIds: [],
    };
    if (open.length === 0) {
      return summary;
    }
    const payments = await loadPromisePayments(tx.db, {
      asOf,
      baseCurrency: options.baseCurrency,
      promiseIds: open.map((p) => p.id),
    });
    const results: { promise: (typeof open)[number]; r: PromiseEvaluation }[] = open.map((promise) => ({
      promise,
      r: evaluatePromise(
        {
          madeOn: promise.madeOn,
          promisedOn: promise.promisedOn,
          promisedMinor: promise.promisedMinor,
          graceDays: promise.graceDays,
        },
        payments.filter((p) => p.promiseId === promise.id),
        asOf,
      ),
    }));
    for (const { r } of results) {
      summary[r.status] += 1;
    }
    await tx.db.execute(sql`
      update payment_promises p set status = v.status, paid_minor = v.paid, kept_on = v.kept_on::date,
        evaluated_on = ${asOf}::date, updated_at = now()
      from (select unnest(${sql.param(results.map((x) => x.promise.id))}::bigint[]) as id,
                   unnest(${sql.param(results.map((x) => x.r.status))}::text[]) as status,
                   unnest(${sql.param(results.map((x) => x.r.paidMinor))}::int8[]) as paid,
                   unnest(${sql.param(results.map((x) => x.r.keptOn))}::text[]) as kept_on) v
      where p.id = v.id`);
    const broken = results.filter((x) => x.r.status === "broken");
    if (broken.length > 0) {
      const created = await tx.db
        .insert(alerts)
        .values(
          broken.map(({ promise, r }) => ({
            customerId: promise.customerId,
            ruleCode: BROKEN_PROMISE_RULE,
            ruleVersion: 1,
            key: `promise:${promise.id}`,
            severity: "warning",
            department: "finance",
            title: `Promise to pay broken / 付款承诺未兑现: ${promise.currency} ${promise.promisedMinor} by ${r.deadline}`,
            measuredValue: r.paidMinor,
            threshold: promise.promisedMinor,
            lastValue: r.paidMinor,
            recommendedAction: "call_for_payment",
            evidence: [
              {
                promiseId: promise.id,
                promisedOn: promise.promisedOn,
                graceDays: promise.graceDays,
                deadline: r.deadline,
                paidMinor: r.paidMinor,
                currency: promise.currency,
              },
            ],
            asOf,
          })),
        )
        .onConflictDoNothing()
        .returning();
      for (const a of created) {
        const promiseId = Number(a.key.slice("promise:".length));
        await tx.db.update(paymentPromises).set({ alertId: a.id }).where(eq(paymentPromises.id, promiseId));
      }
      await tx.db.execute(sql`
        insert into domain_events (type, customer_id, payload)
        select 'collections.promise_broken', customer_id, jsonb_build_object('promiseId', id, 'alertId', alert_id)
        from payment_promises where id = any(${sql.param(broken.map((b) => b.promise.id))}::bigint[])`);
      await enqueueAlertNotifications(tx.db, { alertIds: created.map((a) => a.id) });
      summary.alertIds = created.map((a) => a.id);
    }
    if (summary.kept + summary.broken > 0) {
      await appendAudit(tx.db, {
        actor: options.actor,
        action: "collections.promise.evaluate",
        entity: "payment_promise",
        entityId: results
          .filter((x) => x.r.status !== "open")
          .map((x) => x.promise.id)
          .join(","),
        after: results
          .filter((x) => x.r.status !== "open")
          .map((x) => ({ id: x.promise.id, status: x.r.status, paidMinor: x.r.paidMinor })),
      });
    }
    return summary;
  });
}

/** A customer's promises (or every promise in a state), newest first, with their invoice numbers. */
export async function listPaymentPromises(options: {
  handle: DatabaseHandle;
  customer?: string | number | undefined;
  status?: string | undefined;
  limit?: number | undefined;
  /** Data scope: only customers whose sales owner is one of these. */
  owners?: readonly string[] | undefined;
}): Promise<PaymentPromise[]> {
  let customerId: number | undefined;
  if (options.customer !== undefined) {
    customerId = await findCustomerId(options.handle.db, options.customer);
    if (customerId === undefined) {
      throw AppError.notFound("customer", options.customer);
    }
  }
  const rows = await queryRows<Record<string, unknown> & { id: number; invoice_numbers: string[] | null }>(
    options.handle.db,
    sql`select p.*, (select array_agg(i.invoice_number order by i.invoice_number) from payment_promise_invoices pi
        join invoices i on i.id = pi.invoice_id where pi.promise_id = p.id) as invoice_numbers
      from payment_promises p
      where true ${customerId !== undefined ? sql`and p.customer_id = ${customerId}` : sql``}
        ${options.status ? sql`and p.status = ${options.status}` : sql``}
        ${options.owners ? sql`and exists (select 1 from customers c where c.id = p.customer_id and c.sales_owner = any(${sql.param([...options.owners])}::text[]))` : sql``}
      order by p.id desc limit ${options.limit ?? 200}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    currency: String(r.currency),
    promisedMinor: Number(r.promised_minor),
    madeOn: String(r.made_on),
    promisedOn: String(r.promised_on),
    graceDays: Number(r.grace_days),
    status: String(r.status),
    paidMinor: Number(r.paid_minor),
    keptOn: (r.kept_on as string | null) ?? null,
    evaluatedOn: (r.evaluated_on as string | null) ?? null,
    contact: (r.contact as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    alertId: r.alert_id === null ? null : Number(r.alert_id),
    createdBy: String(r.created_by),
    createdAt: new Date(String(r.created_at)),
    updatedAt: new Date(String(r.updated_at)),
    invoiceNumbers: r.invoice_numbers ?? [],
  }));
}
