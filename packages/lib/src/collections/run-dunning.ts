import {
  type DunningAction,
  type DunningCandidate,
  type DunningSkipReason,
  proposeDunning,
  type TemplateLocale,
} from "@creditdesk/core/collections";
import { type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import {
  collectionActionInvoices,
  collectionActions,
  dunningRuns,
  loadOverdueInvoices,
  type OverdueInvoiceRow,
} from "@creditdesk/db/collections";
import { eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { placeCreditHold } from "../monitoring/credit-holds.ts";
import { sendEmail } from "../notifications/send-email.ts";
import { AppError } from "../shared/app-error.ts";
import { type CollectionSettings, loadCollectionSettings } from "./collection-settings.ts";
import {
  interestDueOn,
  localeOf,
  type MessageInvoice,
  messageVars,
  renderDunningMessage,
  renderLetterHtml,
} from "./dunning-message.ts";

/** SMTP settings for reminder e-mails (the notifications capability's `sendEmail`). */
export interface MailConfig {
  smtpUrl?: string | undefined;
  from: string;
}

/** One customer's step at one level: the invoices that move to it together, and the message. */
export interface DunningProposal {
  customerId: number;
  customerCode: string;
  customerName: string;
  level: number;
  action: DunningAction;
  locale: TemplateLocale;
  recipient: string | null;
  subject: string;
  body: string;
  invoices: (MessageInvoice & { fromLevel: number })[];
}

export interface ExecutedAction {
  actionId: number;
  customerId: number;
  level: number;
  kind: DunningAction;
  outcome: string;
  holdId: number | null;
  error?: string;
}

export interface DunningRunResult {
  runId: number;
  asOf: string;
  mode: "propose" | "execute";
  proposals: DunningProposal[];
  /** Invoices the run left alone, by reason (disputed, promised, too soon, at level, top level). */
  skipped: Record<DunningSkipReason, number>;
  actions: ExecutedAction[];
}

const STOP_SUPPLY_PREFIX = "collections: stop supply";

/**
 * A dunning run (催收运行) as of a date: loads every overdue open invoice set-wise, lets the core
 * decide each invoice's next level (`proposeDunning`: one level at a time, minimum interval,
 * disputed and promised invoices paused), groups the steps per customer and level, and renders
 * the level's template in the customer's language.
 *
 * `propose` records the run and returns the proposals. `execute` also carries them out and records
 * every action (who, when, what, outcome) with its invoices in one transaction, with one audit
 * entry for the run: reminder e-mails are queued `pending` and sent after the commit through the
 * notifications capability's SMTP sender (outcome `sent`, or `failed` — not counted as the level
 * reached, so the next run retries; `not_sent` without an address or SMTP server, flagged); calls become `pending` call tasks for
 * the collector; letters are rendered and stored (`printed`, HTML/PDF on demand); stop supply puts
 * the customer on credit hold through the monitoring capability's credit holds, which the credit
 * check obeys; legal records the handover.
 */
export async function runDunning(options: {
  handle: DatabaseHandle;
  actor: string;
  asOf: string;
  baseCurrency: string;
  mode: "propose" | "execute";
  customers?: readonly (string | number)[] | undefined;
  mail?: MailConfig | undefined;
  /** Force one language for every message (default: by the customer's country). */
  locale?: TemplateLocale | undefined;
}): Promise<DunningRunResult> {
  const { handle, asOf } = options;
  let customerIds: number[] | undefined;
  if (options.customers) {
    customerIds = [];
    for (const c of options.customers) {
      const id = await findCustomerId(handle.db, c);
      if (id === undefined) {
        throw AppError.notFound("customer", c);
      }
      customerIds.push(id);
    }
  }
  const settings = await loadCollectionSettings(handle.db);
  const planned = await plan(handle.db, { ...options, customerIds, settings });

  if (options.mode === "propose") {
    const [run] = await handle.db
      .insert(dunningRuns)
      .values({
        asOf,
        mode: "propose",
        proposals: planned.proposals.length,
        skipped: planned.skipped,
        createdBy: options.actor,
      })
      .returning({ id: dunningRuns.id });
    return { runId: run!.id, asOf, mode: "propose", ...planned, actions: [] };
  }

  const mailReady = Boolean(options.mail?.smtpUrl);
  const { runId, actions, emails } = await handle.transaction(async (tx) => {
    const [run] = await tx.db
      .insert(dunningRuns)
      .values({
        asOf,
        mode: "execute",
        proposals: planned.proposals.length,
        actions: planned.proposals.length,
        skipped: planned.skipped,
        createdBy: options.actor,
      })
      .returning({ id: dunningRuns.id });
    const runId = run!.id;
    const actions: ExecutedAction[] = [];
    const emails: { actionId: number; to: string; subject: string; text: string }[] = [];
    for (const p of planned.proposals) {
      let outcome: string;
      let holdId: number | null = null;
      const details: Record<string, unknown> = {};
      switch (p.action) {
        case "reminder_email":
          if (!p.recipient) {
            outcome = "not_sent";
            details.reason = "the customer has no contact e-mail address";
          } else if (!mailReady) {
            outcome = "not_sent";
            details.reason = "no SMTP server configured (SMTP_URL)";
          } else {
            outcome = "pending";
          }
          details.to = p.recipient;
          break;
        case "call":
          // A call task for the collector; the call's outcome is logged when it is made.
          outcome = "pending";
          break;
        case "letter":
          outcome = "printed";
          details.html = renderLetterHtml({ subject: p.subject, body: p.body, locale: p.locale, date: asOf });
          break;
        case "stop_supply":
          holdId = await stopSupply(tx.db, p, options.actor, runId);
          outcome = "hold_placed";
          break;
        case "legal":
          outcome = "handed_over";
          details.claim = p.invoices.map((i) => ({
            invoice: i.invoiceNumber,
            currency: i.currency,
            openMinor: i.openMinor,
          }));
          break;
        default: {
          const never: never = p.action;
          throw new Error(`unknown dunning action ${String(never)}`);
        }
      }
      const [row] = await tx.db
        .insert(collectionActions)
        .values({
          customerId: p.customerId,
          runId,
          level: p.level,
          kind: p.action,
          outcome,
          locale: p.locale,
          subject: p.subject,
          body: p.body,
          details,
          holdId,
          performedBy: options.actor,
          actionOn: asOf,
        })
        .returning({ id: collectionActions.id });
      const actionId = row!.id;
      await tx.db.insert(collectionActionInvoices).values(
        p.invoices.map((i) => ({
          actionId,
          invoiceId: i.invoiceId,
          currency: i.currency,
          openMinor: i.openMinor,
          daysPastDue: i.daysPastDue,
        })),
      );
      if (outcome === "pending" && p.action === "reminder_email" && p.recipient) {
        emails.push({ actionId, to: p.recipient, subject: p.subject, text: p.body });
      }
      actions.push({ actionId, customerId: p.customerId, level: p.level, kind: p.action, outcome, holdId });
    }
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "collections.dunning_run",
      entity: "dunning_run",
      entityId: runId,
      after: {
        asOf,
        actions: actions.map((a) => ({
          id: a.actionId,
          customerId: a.customerId,
          level: a.level,
          kind: a.kind,
          outcome: a.outcome,
        })),
        skipped: planned.skipped,
      },
    });
    return { runId, actions, emails };
  });

  // After the commit: a message goes out only for an action that is on record.
  for (const e of emails) {
    const action = actions.find((a) => a.actionId === e.actionId)!;
    try {
      const sent = await sendEmail({
        smtpUrl: options.mail!.smtpUrl!,
        from: options.mail!.from,
        to: e.to,
        subject: e.subject,
        text: e.text,
      });
      await setOutcome(handle.db, e.actionId, "sent", { messageId: sent.messageId });
      action.outcome = "sent";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await setOutcome(handle.db, e.actionId, "failed", { error: message });
      action.outcome = "failed";
      action.error = message;
    }
  }
  return { runId, asOf, mode: "execute", ...planned, actions };
}

async function setOutcome(db: Db, actionId: number, outcome: string, extra: Record<string, unknown>) {
  await db
    .update(collectionActions)
    .set({ outcome, details: sql`${collectionActions.details} || ${JSON.stringify(extra)}::jsonb` })
    .where(eq(collectionActions.id, actionId));
}

/** Credit hold for stop supply — one active collections hold per customer, reused if present. */
async function stopSupply(db: Db, p: DunningProposal, actor: string, runId: number): Promise<number> {
  const [active] = await queryRows<{ id: number }>(
    db,
    sql`select id from credit_holds where customer_id = ${p.customerId} and released_at is null
      and reason like ${`${STOP_SUPPLY_PREFIX}%`} order by id limit 1`,
  );
  if (active) {
    return Number(active.id);
  }
  const id = await placeCreditHold(db, {
    customerId: p.customerId,
    reason: `${STOP_SUPPLY_PREFIX} (dunning level ${p.level}, run ${runId}): ${p.invoices.map((i) => i.invoiceNumber).join(", ")}`,
    placedBy: actor,
  });
  if (id === null) {
    throw new Error(`credit hold for customer ${p.customerId} was not placed`);
  }
  return id;
}

async function plan(
  db: Db,
  o: {
    asOf: string;
    baseCurrency: string;
    customerIds: number[] | undefined;
    settings: CollectionSettings;
    locale?: TemplateLocale | undefined;
  },
): Promise<{ proposals: DunningProposal[]; skipped: Record<DunningSkipReason, number> }> {
  const rows = await loadOverdueInvoices(
    db,
    { asOf: o.asOf, baseCurrency: o.baseCurrency, customerIds: o.customerIds, includeDisputed: true },
    o.settings.priority,
  );
  const byId = new Map(rows.map((r) => [r.invoiceId, r]));
  const candidates: DunningCandidate[] = rows.map((r) => ({
    invoiceId: r.invoiceId,
    customerId: r.customerId,
    daysPastDue: r.daysPastDue,
    currentLevel: r.level,
    lastActionOn: r.lastActionOn,
    disputed: r.disputed,
    promised: r.promised,
  }));
  const skipped: Record<DunningSkipReason, number> = {
    disputed: 0,
    promised: 0,
    too_soon: 0,
    at_level: 0,
    top_level: 0,
  };
  const groups = new Map<
    string,
    { rows: { row: OverdueInvoiceRow; fromLevel: number }[]; level: number; action: DunningAction }
  >();
  for (const d of proposeDunning(candidates, o.settings.dunning, o.asOf)) {
    if (d.kind === "skip") {
      skipped[d.reason] += 1;
      continue;
    }
    const key = `${d.customerId}|${d.toLevel}`;
    let g = groups.get(key);
    if (!g) {
      g = { rows: [], level: d.toLevel, action: d.action };
      groups.set(key, g);
    }
    g.rows.push({ row: byId.get(d.invoiceId)!, fromLevel: d.fromLevel });
  }
  const customerIds = [...new Set([...groups.values()].map((g) => g.rows[0]!.row.customerId))];
  const emails = await primaryEmails(db, customerIds);
  const proposals: DunningProposal[] = [];
  for (const g of groups.values()) {
    const first = g.rows[0]!.row;
    const locale = o.locale ?? localeOf(first.countryCode);
    const invoices = g.rows.map(({ row, fromLevel }) => ({
      invoiceId: row.invoiceId,
      invoiceNumber: row.invoiceNumber,
      dueOn: row.dueOn,
      currency: row.currency,
      openMinor: row.openMinor,
      daysPastDue: row.daysPastDue,
      fromLevel,
    }));
    const interest = await interestDueOn(db, {
      customerId: first.customerId,
      asOf: o.asOf,
      baseCurrency: o.baseCurrency,
      invoiceIds: invoices.map((i) => i.invoiceId),
    });
    const vars = messageVars({
      customer: { code: first.customerCode, name: first.customerName },
      invoices,
      interest,
      asOf: o.asOf,
      level: g.level,
      locale,
      settings: o.settings,
    });
    const message = renderDunningMessage(o.settings, g.level, locale, vars);
    proposals.push({
      customerId: first.customerId,
      customerCode: first.customerCode,
      customerName: first.customerName,
      level: g.level,
      action: g.action,
      locale,
      recipient: emails.get(first.customerId) ?? null,
      subject: message.subject,
      body: message.body,
      invoices,
    });
  }
  proposals.sort((a, b) => a.customerId - b.customerId || a.level - b.level);
  return { proposals, skipped };
}

/** Each customer's e-mail for dunning: the primary contact's, else the first contact with one. */
async function primaryEmails(db: Db, customerIds: readonly number[]): Promise<Map<number, string>> {
  if (customerIds.length === 0) {
    return new Map();
  }
  const rows = await queryRows<{ customer_id: number; email: string }>(
    db,
    sql`select distinct on (customer_id) customer_id, email from contacts
      where customer_id = any(${sql.param([...customerIds])}::bigint[]) and email is not null and email <> ''
      order by customer_id, is_primary desc, id`,
  );
  return new Map(rows.map((r) => [Number(r.customer_id), r.email]));
}
