import { addDays } from "@creditdesk/core/assessment";
import { computeInterestStatement, type InterestLine } from "@creditdesk/core/collections";
import type { DatabaseHandle } from "@creditdesk/db";
import { customers } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { loadInterestInvoices } from "@creditdesk/db/collections";
import { eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { AppError } from "../shared/app-error.ts";
import { formatAmount } from "./dunning-message.ts";
import { fontPath } from "./letter-font.ts";

export interface InterestStatement {
  customer: { id: number; code: string; name: string };
  asOf: string;
  from: string;
  lines: InterestLine[];
  totals: { currency: string; interestMinor: number }[];
  /** Invoices listed without interest because no contract was valid on their due date. */
  withoutContract: string[];
}

/**
 * The late-payment interest statement (逾期利息结算单) of a customer as of a date: every invoice still
 * open past its due date, and every payment received late since `from` (default one year before
 * as-of), charged simple interest at the contract rate valid on the due date — the limits
 * capability's contract and `lateInterestMinor` (DOMAIN.md: principal × rate × days / 365).
 */
export async function buildInterestStatement(options: {
  handle: DatabaseHandle;
  customer: string | number;
  asOf: string;
  baseCurrency: string;
  from?: string | undefined;
}): Promise<InterestStatement> {
  const customerId = await findCustomerId(options.handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const [c] = await options.handle.db.select().from(customers).where(eq(customers.id, customerId));
  const from = options.from ?? addDays(options.asOf, -365);
  const rows = await loadInterestInvoices(options.handle.db, {
    customerId,
    asOf: options.asOf,
    from,
    baseCurrency: options.baseCurrency,
  });
  const { lines, totals } = computeInterestStatement(rows, options.asOf);
  return {
    customer: { id: customerId, code: c!.code, name: c!.legalName },
    asOf: options.asOf,
    from,
    lines,
    totals,
    withoutContract: lines.filter((l) => l.annualRate === null).map((l) => l.invoiceNumber),
  };
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

const pct = (rate: string | null) =>
  rate === null ? "—" : `${(Number(rate) * 100).toFixed(4).replace(/0+$/, "").replace(/\.$/, "")} %`;

/** The statement as a self-contained HTML page (bilingual headings). */
export function renderInterestStatementHtml(s: InterestStatement): string {
  const rows = s.lines
    .flatMap((l) =>
      l.segments.map(
        (g) =>
          `<tr><td>${esc(l.invoiceNumber)}</td><td>${esc(l.dueOn)}</td><td>${g.kind === "paid" ? "已付 paid" : "未付 open"}</td><td class="n">${esc(formatAmount(g.principalMinor, l.currency))}</td><td>${esc(g.from)} → ${esc(g.to)}</td><td class="n">${g.days}</td><td class="n">${esc(pct(l.annualRate))}</td><td class="n">${esc(formatAmount(g.interestMinor, l.currency))}</td></tr>`,
      ),
    )
    .join("");
  const totals = s.totals.map((t) => `<li>${esc(formatAmount(t.interestMinor, t.currency))}</li>`).join("");
  const missing = s.withoutContract.length
    ? `<p>无有效合同，未计息 No contract, no interest: ${esc(s.withoutContract.join(", "))}</p>`
    : "";
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>逾期利息结算单 ${esc(s.customer.code)}</title>
<style>body{font-family:"Noto Sans SC",sans-serif;margin:32px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}.n{text-align:right}</style></head><body>
<h1>逾期利息结算单 Late-payment interest statement</h1>
<h2>${esc(s.customer.name)} (${esc(s.customer.code)})</h2>
<p>截至 As of ${esc(s.asOf)} · 逾期付款自 late payments since ${esc(s.from)} · 单利 simple interest = 本金 principal × 年利率 rate × 天数 days / 365</p>
<table><thead><tr><th>发票 Invoice</th><th>到期日 Due</th><th>类别 Kind</th><th>本金 Principal</th><th>期间 Period</th><th>天数 Days</th><th>年利率 Rate</th><th>利息 Interest</th></tr></thead><tbody>${rows}</tbody></table>
<h3>合计 Total interest</h3><ul>${totals || "<li>0</li>"}</ul>${missing}
</body></html>`;
}

/** The statement as a PDF with the CJK font. */
export async function renderInterestStatementPdf(
  s: InterestStatement,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Interest statement ${s.customer.code}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  doc.fontSize(16).text("逾期利息结算单 Late-payment interest statement");
  doc.fontSize(12).text(`${s.customer.name} (${s.customer.code})`);
  doc.fontSize(9).text(`截至 As of ${s.asOf} · since ${s.from} · principal × rate × days / 365`);
  doc.moveDown();
  for (const l of s.lines) {
    for (const g of l.segments) {
      doc.text(
        `${l.invoiceNumber}  due ${l.dueOn}  ${g.kind}  ${formatAmount(g.principalMinor, l.currency)}  ${g.from} → ${g.to}  ${g.days} d  ${pct(l.annualRate)}  = ${formatAmount(g.interestMinor, l.currency)}`,
      );
    }
  }
  doc.moveDown().fontSize(11).text("合计 Total interest");
  doc.fontSize(10).text(s.totals.map((t) => formatAmount(t.interestMinor, t.currency)).join("\n") || "0");
  if (s.withoutContract.length > 0) {
    doc.moveDown().text(`无有效合同 No contract: ${s.withoutContract.join(", ")}`);
  }
  doc.end();
  return done;
}
