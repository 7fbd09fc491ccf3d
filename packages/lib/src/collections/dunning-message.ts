import {
  computeInterestStatement,
  type MessageTemplate,
  renderTemplate,
  type TemplateLocale,
  type TemplateVars,
} from "@creditdesk/core/collections";
import { formatMinor } from "@creditdesk/core/money";
import type { Db } from "@creditdesk/db";
import { loadInterestInvoices } from "@creditdesk/db/collections";
import PDFDocument from "pdfkit";
import type { CollectionSettings } from "./collection-settings.ts";
import { fontPath } from "./letter-font.ts";

/** "CNY 12,345.67": ISO code and grouped digits, from minor units without float arithmetic. */
export function formatAmount(amountMinor: number, currency: string): string {
  const [whole = "0", fraction] = formatMinor(amountMinor, currency).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency} ${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Sums per currency, printed "CNY 1,000.00 + USD 20.00". */
export function formatTotals(items: readonly { currency: string; amountMinor: number }[]): string {
  const totals = new Map<string, number>();
  for (const i of items) {
    totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.amountMinor);
  }
  return (
    [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, v]) => formatAmount(v, c))
      .join(" + ") || "0"
  );
}

/** Chinese customers get Chinese messages, everyone else English (overridable per run). */
export const localeOf = (countryCode: string): TemplateLocale => (countryCode === "CN" ? "zh-CN" : "en");

export interface MessageInvoice {
  invoiceId: number;
  invoiceNumber: string;
  dueOn: string;
  currency: string;
  openMinor: number;
  daysPastDue: number;
}

/**
 * Late-payment interest due on the given invoices as of a date, at the contract rate valid on each
 * due date (the limits capability's rule; core `computeInterestStatement`), per currency.
 */
export async function interestDueOn(
  db: Db,
  query: { customerId: number; asOf: string; baseCurrency: string; invoiceIds: readonly number[] },
): Promise<{ currency: string; amountMinor: number }[]> {
  const wanted = new Set(query.invoiceIds);
  const rows = await loadInterestInvoices(db, {
    customerId: query.customerId,
    asOf: query.asOf,
    from: query.asOf,
    baseCurrency: query.baseCurrency,
  });
  const { lines } = computeInterestStatement(
    rows.filter((r) => wanted.has(r.invoiceId)),
    query.asOf,
  );
  // Only what is still open bears interest in a dunning message (paid-late interest goes on the statement).
  return lines.map((l) => ({
    currency: l.currency,
    amountMinor: l.segments.filter((s) => s.kind === "open").reduce((s, x) => s + x.interestMinor, 0),
  }));
}

/** The placeholders of one customer's message at one level. */
export function messageVars(input: {
  customer: { code: string; name: string };
  invoices: readonly MessageInvoice[];
  interest: readonly { currency: string; amountMinor: number }[];
  asOf: string;
  level: number;
  locale: TemplateLocale;
  settings: CollectionSettings;
}): TemplateVars {
  const daysWord = input.locale === "zh-CN" ? "天" : "days";
  return {
    customerName: input.customer.name,
    customerCode: input.customer.code,
    invoiceNumbers: input.invoices.map((i) => i.invoiceNumber).join(", "),
    invoiceLines: input.invoices
      .map(
        (i) =>
          `  ${i.invoiceNumber}  ${i.dueOn}  ${formatAmount(i.openMinor, i.currency)}  ${i.daysPastDue} ${daysWord}`,
      )
      .join("\n"),
    dueDates: [...new Set(input.invoices.map((i) => i.dueOn))].join(", "),
    totalOverdue: formatTotals(
      input.invoices.map((i) => ({ currency: i.currency, amountMinor: i.openMinor })),
    ),
    interestDue: formatTotals(input.interest),
    asOf: input.asOf,
    level: String(input.level),
    sender: input.settings.sender,
  };
}

/** Renders the level's template in the locale (falling back to level 1's when a level has none). */
export function renderDunningMessage(
  settings: CollectionSettings,
  level: number,
  locale: TemplateLocale,
  vars: TemplateVars,
): MessageTemplate {
  const set = settings.templates[String(level)] ?? settings.templates["1"];
  if (!set) {
    throw new Error(`no dunning template for level ${level}`);
  }
  return renderTemplate(set[locale], vars);
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A dunning letter as a self-contained, printable HTML page (the text is escaped, line breaks kept). */
export function renderLetterHtml(letter: {
  subject: string;
  body: string;
  locale: string;
  date: string;
}): string {
  return `<!doctype html><html lang="${esc(letter.locale)}"><head><meta charset="utf-8"><title>${esc(letter.subject)}</title>
<style>body{font-family:"Noto Sans SC",sans-serif;max-width:720px;margin:48px auto;line-height:1.6}pre{font:inherit;white-space:pre-wrap}</style>
</head><body><p style="text-align:right">${esc(letter.date)}</p><h1>${esc(letter.subject)}</h1><pre>${esc(letter.body)}</pre></body></html>`;
}

/** The same letter as a PDF (pdfkit). `compress: false` keeps the text streams readable (tests). */
export async function renderLetterPdf(
  letter: { subject: string; body: string; date: string },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 60,
    compress: options.compress ?? true,
    info: { Title: letter.subject },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  doc.fontSize(10).text(letter.date, { align: "right" });
  doc.moveDown().fontSize(15).text(letter.subject);
  doc.moveDown().fontSize(10.5).text(letter.body, { lineGap: 3 });
  doc.end();
  return done;
}
