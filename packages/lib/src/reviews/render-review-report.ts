import { createRequire } from "node:module";
import type { BehaviourMetrics, FinancialSummary } from "@creditdesk/core/assessment";
import PDFDocument from "pdfkit";
import type { ReviewReport } from "./build-review-report.ts";
import { behaviourFigures, financialFigures, type KeyFigure } from "./report-key-figures.ts";

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

interface Reason {
  code?: string;
  text?: { zh?: string; en?: string };
  pointsLost?: number;
}

/** The credit review report as a self-contained HTML page. */
function figuresTable(figures: readonly KeyFigure[]): string {
  return `<table>${figures.map((f) => `<tr><th>${esc(f.zh)}<br>${esc(f.en)}</th><td>${esc(f.value)}</td></tr>`).join("")}</table>`;
}

/** The reporting currency the assessment's amounts are in. */
function currencyOf(r: ReviewReport): string {
  return (r.latest as { reportingCurrency?: string } | null)?.reportingCurrency ?? "CNY";
}

export function renderReviewReportHtml(r: ReviewReport): string {
  const reasons = ((r.latest?.reasons ?? []) as Reason[])
    .map(
      (x) =>
        `<li>${esc(x.text?.zh ?? x.code)} / ${esc(x.text?.en ?? "")} (−${esc(Math.round(x.pointsLost ?? 0))})</li>`,
    )
    .join("");
  const history = r.scoreHistory
    .map((h) => `<tr><td>${esc(h.asOf)}</td><td>${Math.round(h.score)}</td><td>${esc(h.grade)}</td></tr>`)
    .join("");
  const alerts = r.alerts
    .map(
      (a) =>
        `<tr><td>${esc(a.as_of)}</td><td>${esc(a.severity)}</td><td>${esc(a.state)}</td><td>${esc(a.title)}</td></tr>`,
    )
    .join("");
  const limits =
    r.limits === null
      ? "<p>limits not available</p>"
      : r.limits
          .map(
            (l) =>
              `<p>${esc(l.kind)} ${esc(l.currency)} ${(l.amount_minor / 100).toFixed(2)} from ${esc(l.valid_from)}</p>`,
          )
          .join("") || "<p>no limit</p>";
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>信用复核报告 ${esc(r.customer.code)}</title></head><body>
<h1>信用复核报告 Credit review report</h1>
<h2>${esc(r.customer.name)} (${esc(r.customer.code)})</h2>
<p>tier ${esc(r.customer.tier)} · industry ${esc(r.customer.industry)} · terms ${esc(r.customer.paymentTermsDays)} days</p>
<h3>Score</h3><p>${r.latest ? `${Math.round(r.latest.score)} · ${esc(r.latest.grade)} · PD ${(r.latest.pd * 100).toFixed(2)} % (as of ${esc(r.latest.asOf)})` : "not assessed"}</p>
<h3>Reasons</h3><ul>${reasons}</ul>
<h3>财务分析 Financial analysis</h3>${figuresTable(financialFigures(r.latest?.financial as FinancialSummary | null))}
<h3>付款行为 Payment behaviour</h3>${figuresTable(behaviourFigures(r.latest?.behaviour as BehaviourMetrics | null, currencyOf(r)))}
<h3>Score history</h3><table><tr><th>as of</th><th>score</th><th>grade</th></tr>${history}</table>
<h3>Limit and exposure</h3>${limits}
<h3>Alerts</h3><table>${alerts}</table>
<h3>Conclusion</h3><p>${esc(r.review?.conclusion ?? "pending")} ${esc(r.review?.conclusion_note ?? "")} ${esc(r.review?.reviewer ?? "")}</p>
</body></html>`;
}

/** Noto Sans SC (SIL OFL) embedded so Chinese prints on a machine without CJK fonts. */
function fontPath(): string {
  return createRequire(import.meta.url).resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  );
}

/** The report as a PDF (pdfkit). `compress: false` keeps content streams readable (tests). */
export async function renderReviewReportPdf(
  r: ReviewReport,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Credit review ${r.customer.code}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  doc.fontSize(18).text("信用复核报告 Credit review report");
  doc.fontSize(14).text(`${r.customer.name} (${r.customer.code})`);
  doc
    .fontSize(10)
    .text(
      `tier ${r.customer.tier} · industry ${r.customer.industry ?? "—"} · terms ${r.customer.paymentTermsDays} days`,
    );
  doc.moveDown();
  doc.fontSize(12).text("评分 Score");
  doc
    .fontSize(10)
    .text(
      r.latest
        ? `${Math.round(r.latest.score)} · ${r.latest.grade} · PD ${(r.latest.pd * 100).toFixed(2)} % (as of ${r.latest.asOf})`
        : "not assessed",
    );
  for (const x of (r.latest?.reasons ?? []) as Reason[]) {
    doc.text(`• ${x.text?.zh ?? x.code ?? ""} / ${x.text?.en ?? ""} (−${Math.round(x.pointsLost ?? 0)})`);
  }
  doc.moveDown().fontSize(12).text("财务分析 Financial analysis");
  doc.fontSize(10);
  for (const f of financialFigures(r.latest?.financial as FinancialSummary | null)) {
    doc.text(`${f.zh} ${f.en}: ${f.value}`);
  }
  doc.moveDown().fontSize(12).text("付款行为 Payment behaviour");
  doc.fontSize(10);
  for (const f of behaviourFigures(r.latest?.behaviour as BehaviourMetrics | null, currencyOf(r))) {
    doc.text(`${f.zh} ${f.en}: ${f.value}`);
  }
  doc.moveDown().fontSize(12).text("评分历史 Score history");
  doc
    .fontSize(10)
    .text(r.scoreHistory.map((h) => `${h.asOf} ${Math.round(h.score)} ${h.grade}`).join("  →  ") || "—");
  doc.moveDown().fontSize(12).text("额度与敞口 Limit and exposure");
  doc
    .fontSize(10)
    .text(
      r.limits === null
        ? "limits not available"
        : r.limits
            .map((l) => `${l.kind} ${l.currency} ${(l.amount_minor / 100).toFixed(2)} from ${l.valid_from}`)
            .join("\n") || "no limit",
    );
  doc.moveDown().fontSize(12).text("预警 Alerts");
  doc
    .fontSize(10)
    .text(r.alerts.map((a) => `${a.as_of} [${a.severity}/${a.state}] ${a.title}`).join("\n") || "none");
  doc.moveDown().fontSize(12).text("结论 Conclusion");
  doc
    .fontSize(10)
    .text(
      `${r.review?.conclusion ?? "pending"} ${r.review?.conclusion_note ?? ""} ${r.review?.reviewer ?? ""}`,
    );
  doc.end();
  return done;
}
