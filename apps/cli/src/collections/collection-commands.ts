import { writeFile } from "node:fs/promises";
import { parseDecimalToMinor } from "@creditdesk/core/money";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import {
  buildInterestStatement,
  createPaymentPromise,
  evaluatePaymentPromises,
  formatAmount,
  getWorklist,
  recordCollectionAction,
  renderInterestStatementHtml,
  renderInterestStatementPdf,
  runDunning,
} from "@creditdesk/lib/collections";
import { loadConfig } from "@creditdesk/lib/config";
import { sql } from "drizzle-orm";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openAppDatabase();
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

const int = (text: string | undefined, what: string): number | undefined => {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    throw new CliError(`${what} must be a whole number, got '${text}'`);
  }
  return Number(text);
};

export async function worklistCommand(o: Record<string, string | boolean | undefined>) {
  const config = loadConfig();
  await withDatabase(async (handle) => {
    let customerIds: number[] | undefined;
    if (typeof o.customer === "string") {
      const id = await findCustomerId(handle.db, o.customer);
      if (id === undefined) {
        throw new CliError(`customer ${o.customer} does not exist`);
      }
      customerIds = [id];
    }
    const str = (k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);
    const page = await getWorklist({
      handle,
      filter: {
        asOf: String(o.asOf),
        baseCurrency: config.baseCurrency,
        customerIds,
        collector: str("collector"),
        owner: str("owner"),
        department: str("department"),
        level: int(str("level"), "--level"),
        includeDisputed: o.includeDisputed === true,
      },
      limit: int(str("limit"), "--limit") ?? 50,
    });
    if (o.json) {
      out(JSON.stringify(page));
      return;
    }
    for (const i of page.items) {
      out(
        `${i.invoiceNumber.padEnd(16)} ${i.customerCode.padEnd(12)} ${String(i.daysPastDue).padStart(4)} d  L${i.level}  ${formatAmount(i.openMinor, i.currency).padStart(20)}  PD ${(i.risk * 100).toFixed(2).padStart(6)} %  ${i.collector ?? "—"}${i.disputed ? "  [disputed]" : ""}${i.promised ? "  [promised]" : ""}`,
      );
    }
    out(
      `${page.items.length} of ${page.total} overdue invoice(s), ${formatAmount(page.totalBaseMinor, page.baseCurrency)} in total, as of ${page.asOf}`,
    );
  });
}

export async function dunCommand(o: {
  asOf: string;
  customer?: string[];
  execute?: boolean;
  locale?: string;
  as: string;
  json?: boolean;
}) {
  if (o.locale !== undefined && o.locale !== "zh-CN" && o.locale !== "en") {
    throw new CliError(`--locale must be zh-CN or en, got '${o.locale}'`);
  }
  const config = loadConfig();
  await withDatabase(async (handle) => {
    const r = await runDunning({
      handle,
      actor: o.as,
      asOf: o.asOf,
      baseCurrency: config.baseCurrency,
      mode: o.execute ? "execute" : "propose",
      customers: o.customer,
      locale: o.locale as "zh-CN" | "en" | undefined,
      mail: { smtpUrl: config.smtpUrl, from: config.smtpFrom },
    });
    if (o.json) {
      out(JSON.stringify(r));
      return;
    }
    for (const p of r.proposals) {
      const done = r.actions.find((a) => a.customerId === p.customerId && a.level === p.level);
      out(
        `${p.customerCode.padEnd(12)} L${p.level} ${p.action.padEnd(15)} ${p.invoices.map((i) => i.invoiceNumber).join(", ")}${done ? `  → ${done.outcome}${done.error ? ` (${done.error})` : ""}` : ""}`,
      );
    }
    const skipped = Object.entries(r.skipped)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ");
    out(
      `run ${r.runId} (${r.mode}) as of ${r.asOf}: ${r.proposals.length} step(s)${skipped ? `; skipped ${skipped}` : ""}`,
    );
  });
}

/** `collections action`: the options become the API's action body (validated by the use case). */
export async function actionCommand(o: {
  customer: string;
  kind: string;
  outcome?: string;
  invoices?: string[];
  contact?: string;
  phone?: string;
  callback?: string;
  to?: string;
  reference?: string;
  note?: string;
  as: string;
  json?: boolean;
}) {
  const opt = <K extends string>(key: K, value: string | undefined) => (value ? { [key]: value } : {});
  const input =
    o.kind === "call"
      ? {
          kind: "call",
          outcome: o.outcome,
          ...opt("contact", o.contact),
          ...opt("phone", o.phone),
          ...opt("callbackOn", o.callback),
          ...opt("note", o.note),
        }
      : o.kind === "legal"
        ? { kind: "legal", handedOverTo: o.to, ...opt("reference", o.reference), ...opt("note", o.note) }
        : { kind: o.kind, note: o.note };
  await withDatabase(async (handle) => {
    const action = await recordCollectionAction({
      handle,
      actor: o.as,
      customer: o.customer,
      input: { ...input, ...(o.invoices?.length ? { invoiceNumbers: o.invoices } : {}) },
    });
    if (o.json) {
      out(JSON.stringify(action, null, 2));
    } else {
      out(`recorded ${action.kind} (${action.outcome}) for ${o.customer}: action ${action.id}`);
    }
  });
}

export async function promiseAddCommand(o: {
  customer: string;
  invoices: string[];
  amount: string;
  date: string;
  grace?: string;
  contact?: string;
  as: string;
}) {
  await withDatabase(async (handle) => {
    const [first] = await queryRows<{ currency: string }>(
      handle.db,
      sql`select currency from invoices where invoice_number = ${o.invoices[0] ?? ""}`,
    );
    if (!first) {
      throw new CliError(`invoice ${o.invoices[0]} does not exist`);
    }
    const amount = parseDecimalToMinor(o.amount, first.currency);
    if (!amount.ok) {
      throw new CliError(`--amount: ${amount.reason}`);
    }
    const p = await createPaymentPromise({
      handle,
      actor: o.as,
      customer: o.customer,
      input: {
        invoiceNumbers: o.invoices,
        promisedMinor: amount.amountMinor,
        promisedOn: o.date,
        ...(o.grace !== undefined ? { graceDays: int(o.grace, "--grace") } : {}),
        ...(o.contact ? { contact: o.contact } : {}),
      },
    });
    out(
      `promise ${p.id}: ${formatAmount(p.promisedMinor, p.currency)} by ${p.promisedOn} (+${p.graceDays} days grace) for ${p.invoiceNumbers.join(", ")}`,
    );
  });
}

export async function promiseEvaluateCommand(o: { asOf: string; as: string }) {
  const config = loadConfig();
  await withDatabase(async (handle) => {
    const s = await evaluatePaymentPromises({
      handle,
      actor: o.as,
      asOf: o.asOf,
      baseCurrency: config.baseCurrency,
    });
    out(
      `${s.evaluated} promise(s) evaluated as of ${s.asOf}: ${s.kept} kept, ${s.broken} broken (${s.alertIds.length} alert(s)), ${s.open} open`,
    );
  });
}

export async function interestStatementCommand(o: {
  customer: string;
  asOf: string;
  from?: string;
  out: string;
}) {
  const config = loadConfig();
  await withDatabase(async (handle) => {
    const s = await buildInterestStatement({
      handle,
      customer: o.customer,
      asOf: o.asOf,
      baseCurrency: config.baseCurrency,
      from: o.from,
    });
    const body = o.out.endsWith(".pdf")
      ? await renderInterestStatementPdf(s)
      : o.out.endsWith(".json")
        ? JSON.stringify(s, null, 2)
        : renderInterestStatementHtml(s);
    await writeFile(o.out, body);
    out(
      `wrote ${o.out}: ${s.lines.length} invoice(s), interest ${s.totals.map((t) => formatAmount(t.interestMinor, t.currency)).join(" + ") || "0"}`,
    );
  });
}
