import { createRequire } from "node:module";
import { formatMinor } from "@creditdesk/core/money";
import type { PortfolioGroup } from "@creditdesk/core/portfolio";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { PortfolioReport } from "./build-portfolio-report.ts";

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
const pct = (x: number | null, digits = 1) => (x === null ? "—" : `${(x * 100).toFixed(digits)} %`);
const num = (x: number | null, digits = 1) => (x === null ? "—" : x.toFixed(digits));

/** Amount in major units with thousands separators (exact: formatted from minor units, no float). */
function money(minor: number, currency: string): string {
  const [whole = "0", frac] = formatMinor(minor, currency).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A horizontal bar chart as inline SVG (no script, no external resource). */
function barsSvg(items: readonly { label: string; value: number }[], format: (v: number) => string): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = 18;
  const rows = items
    .map((it, i) => {
      const w = Math.round((Math.max(0, it.value) / max) * 300);
      return `<text x="0" y="${i * h + 13}" font-size="11">${esc(it.label)}</text><rect x="160" y="${i * h + 3}" width="${w}" height="12" fill="#1677ff"/><text x="${165 + w}" y="${i * h + 13}" font-size="11">${esc(format(it.value))}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="${items.length * h + 4}" role="img">${rows}</svg>`;
}

/** A line chart of one series as inline SVG. */
function lineSvg(points: readonly { label: string; value: number | null }[], title: string): string {
  const values = points.map((p) => p.value ?? 0);
  const max = Math.max(1, ...values);
  const w = 560;
  const hgt = 120;
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const path = points
    .map(
      (p, i) =>
        `${i === 0 ? "M" : "L"}${Math.round(20 + i * step)},${Math.round(10 + hgt - ((p.value ?? 0) / max) * hgt)}`,
    )
    .join(" ");
  const labels = points
    .map(
      (p, i) =>
        `<text x="${Math.round(12 + i * step)}" y="${hgt + 28}" font-size="9">${esc(p.label.slice(2, 7))}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="${hgt + 36}" role="img" aria-label="${esc(title)}"><path d="${path}" fill="none" stroke="#1677ff" stroke-width="2"/>${labels}</svg>`;
}

function groupRows(groups: readonly PortfolioGroup[], cur: string): string {
  return groups
    .map(
      (g) =>
        `<tr><td>${esc(g.key)}</td><td>${g.customers}</td><td class="n">${money(g.exposureMinor, cur)}</td><td class="n">${money(g.overdueMinor, cur)}</td><td class="n">${money(g.limitMinor, cur)}</td><td class="n">${pct(g.utilisation)}</td><td class="n">${pct(g.weightedPd, 2)}</td></tr>`,
    )
    .join("");
}

/** Row label of a migration state (grades as named; the extra rows and columns in both languages). */
const stateLabel = (s: string) =>
  ({ unassessed: "未评级 unassessed", new: "新增 new", default: "违约 default", left: "退出 left" })[s] ?? s;

function migrationHtml(r: PortfolioReport): string {
  const m = r.migration;
  const head = `<tr><th>${esc(m.from)} → ${esc(m.to)}</th>${m.columns.map((c) => `<th>${esc(stateLabel(c))}</th>`).join("")}<th>合计 Total</th></tr>`;
  const rows = m.rows
    .map(
      (row, i) =>
        `<tr><th>${esc(stateLabel(row))}</th>${(m.counts[i] ?? []).map((n) => `<td class="n">${n}</td>`).join("")}<td class="n">${m.rowTotals[i] ?? 0}</td></tr>`,
    )
    .join("");
  return `<table>${head}${rows}</table>
<p>期初客户 Population at ${esc(m.from)}: ${m.population} · 下调 downgraded ${pct(m.downgraded)} · 上调 upgraded ${pct(m.upgraded)}</p>`;
}

function insuranceHtml(r: PortfolioReport): string {
  const ins = r.insurance;
  const cur = r.baseCurrency;
  const rows = ins.byCurrency
    .map(
      (c) =>
        `<tr><td>${esc(c.currency)}</td><td class="n">${c.buyers}</td><td class="n">${money(c.insuredLimitMinor, c.currency)}</td><td class="n">${money(c.exposureMinor, c.currency)}</td><td class="n">${money(c.coverMinor, c.currency)}</td><td class="n">${money(c.netMinor, c.currency)}</td><td class="n">${c.overLimitBuyers}</td><td class="n">${money(c.excessMinor, c.currency)}</td></tr>`,
    )
    .join("");
  const d = ins.deadlines;
  return `<table><tr><th>币种 Currency</th><th>投保买方 Insured buyers</th><th>保险限额 Insured limits</th><th>敞口 Exposure</th><th>保障 Cover</th><th>扣除保障后 Net</th><th>超限买方 Over limit</th><th>超出 Excess</th></tr>${rows || '<tr><td colspan="8">none</td></tr>'}</table>
<p>预期损失 EL with insurance ${money(ins.elMinor, cur)} · without ${money(ins.elUninsuredMinor, cur)} · 保险减少 saved ${money(ins.elUninsuredMinor - ins.elMinor, cur)}</p>
<p>报损期限 Notification deadlines: 即将到期 warning ${d.warning} · 已错过 missed ${d.missed} · 未到预警期 pending ${d.pending} · 已报损 notified ${d.notified} · 逾期报损 late ${d.notified_late}</p>
<p>未结索赔 Open claims: ${ins.openClaims.map((c) => `${c.count} × ${esc(c.currency)} ${money(c.claimedMinor, c.currency)}`).join(" · ") || "none"}</p>
${
  ins.overLimit.length === 0
    ? ""
    : `<h3>超出保险限额 Shipping above the insured limit</h3>${barsSvg(
        ins.overLimit.map((o) => ({
          label: `${o.customerCode} ${o.customerName}`.slice(0, 24),
          value: o.excessMinor,
        })),
        (v) => money(v, ins.overLimit[0]?.currency ?? cur),
      )}`
}`;
}

/** The portfolio report as a self-contained HTML page with SVG charts. */
export function renderPortfolioReportHtml(r: PortfolioReport): string {
  const cur = r.baseCurrency;
  const el = r.expectedLoss;
  const conc = Object.entries(r.concentration)
    .map(
      ([d, c]) =>
        `<tr><td>${esc(d)}</td><td class="n">${pct(c.top1Share)}</td><td class="n">${pct(c.top5Share)}</td><td class="n">${pct(c.top10Share)}</td><td class="n">${Math.round(c.hhi)}</td><td>${esc(c.band)}</td></tr>`,
    )
    .join("");
  const head =
    "<tr><th>组 Group</th><th>客户 Customers</th><th>敞口 Exposure</th><th>逾期 Overdue</th><th>额度 Limits</th><th>使用率 Utilisation</th><th>PD (weighted)</th></tr>";
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>组合风险报告 Portfolio report ${esc(r.asOf)}</title>
<style>body{font-family:"Noto Sans SC",system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}.n{text-align:right}h2{border-bottom:2px solid #1677ff}</style></head><body>
<h1>组合风险报告 Portfolio risk report</h1>
<p>截至 As of ${esc(r.asOf)} · ${esc(cur)} · generated ${esc(r.generatedAt)}</p>
<h2>总览 Overview</h2>
<table><tr><th>客户 Customers</th><td class="n">${r.total.customers}</td></tr>
<tr><th>敞口 Exposure</th><td class="n">${money(r.total.exposureMinor, cur)}</td></tr>
<tr><th>应收 Open receivables</th><td class="n">${money(r.total.openReceivablesMinor, cur)}</td></tr>
<tr><th>逾期 Overdue</th><td class="n">${money(r.total.overdueMinor, cur)}</td></tr>
<tr><th>额度使用率 Utilisation</th><td class="n">${pct(r.total.utilisation)}</td></tr>
<tr><th>预期损失 Expected loss</th><td class="n">${money(el.elMinor, cur)} (${pct(el.elRate, 2)})</td></tr></table>
<h3>账龄 Aging</h3>${barsSvg(
    Object.entries(r.total.aging).map(([label, value]) => ({ label, value })),
    (v) => money(v, cur),
  )}
<h3>等级分布 Grade distribution</h3>${barsSvg(
    Object.entries(r.total.grades).map(([label, value]) => ({ label, value })),
    (v) => String(v),
  )}
<h2>DSO / ADDB / CEI</h2>
${lineSvg(
  r.trend.map((m) => ({ label: m.monthEnd, value: m.dso })),
  "DSO",
)}
<table><tr><th>月 Month</th><th>DSO</th><th>Best DSO</th><th>ADDB</th><th>CEI</th></tr>${r.trend
    .map(
      (m) =>
        `<tr><td>${esc(m.monthEnd)}</td><td class="n">${num(m.dso)}</td><td class="n">${num(m.bestDso)}</td><td class="n">${num(m.addb)}</td><td class="n">${num(m.cei)}</td></tr>`,
    )
    .join("")}</table>
<h2>行业 By industry</h2><table>${head}${groupRows(r.byIndustry, cur)}</table>
<h2>地区 By region</h2><table>${head}${groupRows(r.byRegion, cur)}</table>
<h2>集中度 Concentration</h2>
<table><tr><th>维度 Dimension</th><th>Top 1</th><th>Top 5</th><th>Top 10</th><th>HHI</th><th>Band</th></tr>${conc}</table>
<h3>超限 Limit breaches</h3><table>${
    r.breaches.length === 0
      ? "<tr><td>none</td></tr>"
      : r.breaches
          .map(
            (b) =>
              `<tr><td>${esc(b.dimension)}</td><td>${esc(b.key)}</td><td class="n">${pct(b.share)}</td><td class="n">limit ${pct(b.maxShare)}</td></tr>`,
          )
          .join("")
  }</table>
<h3>客户集中度 Largest customers</h3>${barsSvg(
    r.concentration.customer.shares.map((s) => ({ label: s.key, value: s.share * 100 })),
    (v) => `${v.toFixed(1)} %`,
  )}
<h2>预期损失 Expected loss</h2>
<p>EL = PD × LGD × EAD: ${money(el.elMinor, cur)} on EAD ${money(el.eadMinor, cur)}; insured ${money(el.insuredMinor, cur)}; unassessed ${el.unassessed.customers} customers (${money(el.unassessed.eadMinor, cur)}) not in EL.</p>
${barsSvg(
  (el.byDimension.industry ?? []).slice(0, 12).map((g) => ({ label: g.key, value: g.elMinor })),
  (v) => money(v, cur),
)}
<table><tr><th>客户 Customer</th><th>Grade</th><th>PD</th><th>LGD</th><th>EAD</th><th>EL</th></tr>${el.customers
    .map(
      (c) =>
        `<tr><td>${esc(c.code)} ${esc(c.name)}</td><td>${esc(c.grade ?? "—")}</td><td class="n">${pct(c.pd, 2)}</td><td class="n">${pct(c.lgd)}</td><td class="n">${money(c.eadMinor, cur)}</td><td class="n">${money(c.elMinor, cur)}</td></tr>`,
    )
    .join("")}</table>
<h2>评级迁移 Grade migration</h2>
${migrationHtml(r)}
<h2>信用保险 Credit insurance</h2>
${insuranceHtml(r)}
<h2>压力测试 Stress tests</h2><table><tr><th>Scenario</th><th>EL</th><th>Stressed EL</th><th>ΔEL</th><th>Breaches</th></tr>${r.stress
    .map(
      (s) =>
        `<tr><td>${esc(s.name)}</td><td class="n">${money(s.baseElMinor, cur)}</td><td class="n">${money(s.stressedElMinor, cur)}</td><td class="n">${money(s.deltaElMinor, cur)}</td><td class="n">${s.limitBreaches}</td></tr>`,
    )
    .join("")}</table>
</body></html>`;
}

/** Noto Sans SC (SIL OFL), the font the other reports embed, so Chinese prints without system fonts. */
function fontPath(): string {
  return createRequire(import.meta.url).resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  );
}

/** The report as a PDF (pdfkit, embedded CJK font) with bar charts drawn as vector rectangles. */
export async function renderPortfolioReportPdf(
  r: PortfolioReport,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const cur = r.baseCurrency;
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Portfolio report ${r.asOf}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  const bars = (items: readonly { label: string; value: number; text: string }[]) => {
    const max = Math.max(1, ...items.map((i) => i.value));
    for (const it of items) {
      if (doc.y > 760) {
        doc.addPage();
      }
      const y = doc.y;
      doc.fontSize(9).text(it.label, 50, y, { width: 140 });
      const w = Math.max(0, (it.value / max) * 250);
      doc.rect(195, y + 1, w, 9).fill("#1677ff");
      doc.fillColor("black").text(it.text, 200 + w, y);
      doc.x = 50;
      doc.y = y + 14;
    }
    doc.moveDown(0.5);
  };
  const heading = (text: string) => {
    if (doc.y > 700) {
      doc.addPage();
    }
    doc.moveDown(0.5).fontSize(13).text(text, 50);
    doc.fontSize(9);
  };
  doc.fontSize(18).text("组合风险报告 Portfolio risk report");
  doc.fontSize(10).text(`截至 As of ${r.asOf} · ${cur}`);
  heading("总览 Overview");
  doc.text(`客户 Customers: ${r.total.customers}`);
  doc.text(
    `敞口 Exposure: ${money(r.total.exposureMinor, cur)}   逾期 Overdue: ${money(r.total.overdueMinor, cur)}`,
  );
  doc.text(`额度使用率 Utilisation: ${pct(r.total.utilisation)}`);
  doc.text(
    `预期损失 Expected loss: ${money(r.expectedLoss.elMinor, cur)} (${pct(r.expectedLoss.elRate, 2)} of EAD ${money(r.expectedLoss.eadMinor, cur)})`,
  );
  heading("账龄 Aging");
  bars(Object.entries(r.total.aging).map(([label, v]) => ({ label, value: v, text: money(v, cur) })));
  heading("等级分布 Grade distribution");
  bars(Object.entries(r.total.grades).map(([label, v]) => ({ label, value: v, text: String(v) })));
  heading("DSO / ADDB / CEI");
  for (const m of r.trend) {
    doc.text(
      `${m.monthEnd}   DSO ${num(m.dso)}   best ${num(m.bestDso)}   ADDB ${num(m.addb)}   CEI ${num(m.cei)}`,
    );
  }
  heading("行业敞口 Exposure by industry");
  bars(
    r.byIndustry
      .slice(0, 15)
      .map((g) => ({ label: g.key, value: g.exposureMinor, text: money(g.exposureMinor, cur) })),
  );
  heading("集中度 Concentration");
  for (const [d, c] of Object.entries(r.concentration)) {
    doc.text(
      `${d}: top-1 ${pct(c.top1Share)} · top-5 ${pct(c.top5Share)} · top-10 ${pct(c.top10Share)} · HHI ${Math.round(c.hhi)} (${c.band})`,
    );
  }
  for (const b of r.breaches.slice(0, 30)) {
    doc.text(`⚠ ${b.dimension} ${b.key}: ${pct(b.share)} > ${pct(b.maxShare)}`);
  }
  heading("预期损失 Expected loss — largest contributors");
  bars(
    r.expectedLoss.customers.slice(0, 15).map((c) => ({
      label: `${c.code} ${c.name}`.slice(0, 28),
      value: c.elMinor,
      text: money(c.elMinor, cur),
    })),
  );
  heading("评级迁移 Grade migration");
  const m = r.migration;
  doc.text(`${m.from} → ${m.to} · 期初客户 population ${m.population}`);
  doc.text(["", ...m.columns.map(stateLabel)].join(" | "));
  m.rows.forEach((row, i) => {
    doc.text([stateLabel(row), ...(m.counts[i] ?? []).map(String), `= ${m.rowTotals[i] ?? 0}`].join(" | "));
  });
  doc.text(`下调 downgraded ${pct(m.downgraded)} · 上调 upgraded ${pct(m.upgraded)}`);
  heading("信用保险 Credit insurance");
  const ins = r.insurance;
  for (const c of ins.byCurrency) {
    doc.text(
      `${c.currency}: ${c.buyers} buyers · 保险限额 limits ${money(c.insuredLimitMinor, c.currency)} · 敞口 exposure ${money(c.exposureMinor, c.currency)} · 保障 cover ${money(c.coverMinor, c.currency)} · 净 net ${money(c.netMinor, c.currency)} · 超限 over limit ${c.overLimitBuyers} (${money(c.excessMinor, c.currency)})`,
    );
  }
  if (ins.byCurrency.length === 0) {
    doc.text("—");
  }
  doc.text(
    `预期损失 EL with insurance ${money(ins.elMinor, cur)} · without ${money(ins.elUninsuredMinor, cur)} · 保险减少 saved ${money(ins.elUninsuredMinor - ins.elMinor, cur)}`,
  );
  doc.text(
    `报损期限 deadlines: warning ${ins.deadlines.warning} · missed ${ins.deadlines.missed} · pending ${ins.deadlines.pending} · notified ${ins.deadlines.notified}`,
  );
  doc.text(
    `未结索赔 open claims: ${ins.openClaims.map((c) => `${c.count} × ${c.currency} ${money(c.claimedMinor, c.currency)}`).join(" · ") || "none"}`,
  );
  if (ins.overLimit.length > 0) {
    bars(
      ins.overLimit.map((o) => ({
        label: `${o.customerCode} ${o.customerName}`.slice(0, 28),
        value: o.excessMinor,
        text: `${o.currency} ${money(o.excessMinor, o.currency)}`,
      })),
    );
  }
  heading("压力测试 Stress tests");
  for (const s of r.stress) {
    doc.text(
      `${s.name}: EL ${money(s.baseElMinor, cur)} → ${money(s.stressedElMinor, cur)} (Δ ${money(s.deltaElMinor, cur)}), ${s.limitBreaches} breaches`,
    );
  }
  if (r.stress.length === 0) {
    doc.text("—");
  }
  doc.end();
  return done;
}

/**
 * The report as an XLSX workbook (exceljs): one sheet per section, amounts as numbers in major
 * units with the currency in the header, and in-cell data bars as charts.
 */
export async function renderPortfolioReportXlsx(r: PortfolioReport): Promise<Buffer> {
  const cur = r.baseCurrency;
  const major = (minor: number) => Number(formatMinor(minor, cur));
  const wb = new ExcelJS.Workbook();
  wb.creator = "CreditDesk";
  const bar = (ws: ExcelJS.Worksheet, ref: string) =>
    ws.addConditionalFormatting({
      ref,
      rules: [
        {
          type: "dataBar",
          priority: 1,
          cfvo: [{ type: "min" }, { type: "max" }],
          color: { argb: "FF1677FF" },
        } as ExcelJS.DataBarRuleType,
      ],
    });
  const summary = wb.addWorksheet("Summary 总览");
  summary.addRows([
    ["Portfolio risk report 组合风险报告"],
    ["As of 截至", r.asOf],
    ["Currency 币种", cur],
    ["Customers 客户", r.total.customers],
    [`Exposure 敞口 (${cur})`, major(r.total.exposureMinor)],
    [`Overdue 逾期 (${cur})`, major(r.total.overdueMinor)],
    ["Utilisation 使用率", r.total.utilisation],
    [`Expected loss 预期损失 (${cur})`, major(r.expectedLoss.elMinor)],
    ["EL rate", r.expectedLoss.elRate],
  ]);
  const groups = (name: string, list: readonly PortfolioGroup[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([
      "Group",
      "Customers",
      `Exposure (${cur})`,
      `Overdue (${cur})`,
      `Limits (${cur})`,
      "Utilisation",
      "Weighted PD",
    ]);
    for (const g of list) {
      ws.addRow([
        g.key,
        g.customers,
        major(g.exposureMinor),
        major(g.overdueMinor),
        major(g.limitMinor),
        g.utilisation,
        g.weightedPd,
      ]);
    }
    if (list.length > 0) {
      bar(ws, `C2:C${list.length + 1}`);
    }
  };
  groups("By industry 行业", r.byIndustry);
  groups("By region 地区", r.byRegion);
  groups("By grade 等级", r.byGrade);
  const trend = wb.addWorksheet("Trend 趋势");
  trend.addRow([
    "Month end",
    `Closing AR (${cur})`,
    `Credit sales (${cur})`,
    "DSO",
    "Best DSO",
    "ADDB",
    "CEI",
  ]);
  for (const m of r.trend) {
    trend.addRow([
      m.monthEnd,
      major(m.closingArMinor),
      major(m.creditSalesMinor),
      m.dso,
      m.bestDso,
      m.addb,
      m.cei,
    ]);
  }
  bar(trend, `D2:D${r.trend.length + 1}`);
  const conc = wb.addWorksheet("Concentration 集中度");
  conc.addRow(["Dimension", "Top 1", "Top 5", "Top 10", "HHI", "Band"]);
  for (const [d, c] of Object.entries(r.concentration)) {
    conc.addRow([d, c.top1Share, c.top5Share, c.top10Share, c.hhi, c.band]);
  }
  conc.addRow([]);
  conc.addRow(["Breaches", "Holder", "Share", "Limit"]);
  for (const b of r.breaches) {
    conc.addRow([b.dimension, b.key, b.share, b.maxShare]);
  }
  const el = wb.addWorksheet("Expected loss 预期损失");
  el.addRow(["Customer", "Name", "Grade", "PD", "LGD", `EAD (${cur})`, `EL (${cur})`]);
  for (const c of r.expectedLoss.customers) {
    el.addRow([c.code, c.name, c.grade, c.pd, c.lgd, major(c.eadMinor), major(c.elMinor)]);
  }
  if (r.expectedLoss.customers.length > 0) {
    bar(el, `G2:G${r.expectedLoss.customers.length + 1}`);
  }
  const stress = wb.addWorksheet("Stress 压力测试");
  stress.addRow(["Scenario", `EL (${cur})`, `Stressed EL (${cur})`, `ΔEL (${cur})`, "Breaches"]);
  for (const s of r.stress) {
    stress.addRow([
      s.name,
      major(s.baseElMinor),
      major(s.stressedElMinor),
      major(s.deltaElMinor),
      s.limitBreaches,
    ]);
  }
  const mig = wb.addWorksheet("Migration 迁移");
  mig.addRow([`${r.migration.from} → ${r.migration.to}`, ...r.migration.columns.map(stateLabel), "Total"]);
  r.migration.rows.forEach((row, i) => {
    mig.addRow([stateLabel(row), ...(r.migration.counts[i] ?? []), r.migration.rowTotals[i] ?? 0]);
  });
  mig.addRow([]);
  mig.addRow([
    "Population",
    r.migration.population,
    "Downgraded",
    r.migration.downgraded,
    "Upgraded",
    r.migration.upgraded,
  ]);
  const ins = wb.addWorksheet("Insurance 保险");
  ins.addRow([
    "Currency",
    "Insured buyers",
    "Insured limits",
    "Exposure",
    "Cover",
    "Net of cover",
    "Over limit",
    "Excess",
  ]);
  for (const c of r.insurance.byCurrency) {
    const m = (minor: number) => Number(formatMinor(minor, c.currency));
    ins.addRow([
      c.currency,
      c.buyers,
      m(c.insuredLimitMinor),
      m(c.exposureMinor),
      m(c.coverMinor),
      m(c.netMinor),
      c.overLimitBuyers,
      m(c.excessMinor),
    ]);
  }
  ins.addRow([]);
  ins.addRow([`EL with insurance (${cur})`, major(r.insurance.elMinor)]);
  ins.addRow([`EL without insurance (${cur})`, major(r.insurance.elUninsuredMinor)]);
  ins.addRow(["Deadlines", ...Object.entries(r.insurance.deadlines).flat()]);
  ins.addRow([
    "Open claims",
    ...r.insurance.openClaims.flatMap((c) => [
      c.currency,
      c.count,
      Number(formatMinor(c.claimedMinor, c.currency)),
    ]),
  ]);
  ins.addRow([]);
  ins.addRow(["Over insured limit", "Name", "Policy", "Currency", "Excess"]);
  for (const o of r.insurance.overLimit) {
    ins.addRow([
      o.customerCode,
      o.customerName,
      o.policyNumber,
      o.currency,
      Number(formatMinor(o.excessMinor, o.currency)),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
