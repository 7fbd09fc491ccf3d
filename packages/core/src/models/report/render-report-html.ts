import type { BinaryMetrics } from "../evaluation/metrics.ts";
import type { ModelReport } from "./build-report.ts";

/** Escapes text for HTML. */
function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number | null, digits = 4): string {
  return x === null ? "n/a" : x.toFixed(digits);
}

function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A small inline SVG line chart (points in [0,1]²), e.g. the gain curve against the diagonal. */
function lineChart(
  series: { label: string; points: [number, number][]; color: string }[],
  title: string,
): string {
  const size = 240;
  const pad = 30;
  const x = (v: number) => pad + v * (size - 2 * pad);
  const y = (v: number) => size - pad - v * (size - 2 * pad);
  const lines = series
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points
          .map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`)
          .join(" ")}"><title>${esc(s.label)}</title></polyline>`,
    )
    .join("");
  return `<figure><svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc(title)}">
<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#ccc"/>${lines}</svg>
<figcaption>${esc(title)}: ${series.map((s) => `<span style="color:${s.color}">■</span> ${esc(s.label)}`).join(" ")}</figcaption></figure>`;
}

function metricsRows(label: string, m: BinaryMetrics | null): unknown[] {
  if (!m) {
    return [label, "–", "–", "–", "–", "–", "–", "–"];
  }
  return [label, m.n, fmt(m.badRate), fmt(m.auc), fmt(m.gini), fmt(m.ks), fmt(m.brier), fmt(m.logLoss)];
}

/** Renders a self-contained HTML report (inline CSS and SVG, no scripts, no external assets). */
export function renderReportHtml(report: ModelReport): string {
  const gain: [number, number][] = [
    [0, 0],
    ...report.lift.map((r, i, all): [number, number] => [(i + 1) / all.length, r.cumulativeBadShare]),
  ];
  const maxPd = Math.max(0.0001, ...report.calibration.flatMap((r) => [r.meanPd, r.observedBadRate]));
  const calibration: [number, number][] = report.calibration.map((r) => [
    r.meanPd / maxPd,
    r.observedBadRate / maxPd,
  ]);
  const sections = [
    `<h1>CreditDesk model report — ${esc(report.method)}</h1>`,
    `<p>Target <code>${esc(report.target)}</code> (bad = <code>${esc(report.positive)}</code>), created ${esc(report.createdAt)}.</p>`,
    "<h2>Performance</h2>",
    table(
      ["sample", "n", "bad rate", "AUC", "Gini", "KS", "Brier", "log loss"],
      [metricsRows("train", report.metrics.train), metricsRows("validation", report.metrics.validation)],
    ),
    `<div class="charts">${lineChart(
      [
        { label: "model", points: gain, color: "#1f6feb" },
        {
          label: "random",
          points: [
            [0, 0],
            [1, 1],
          ],
          color: "#999",
        },
      ],
      "Cumulative gain (share of bads captured)",
    )}${lineChart(
      [
        { label: "observed vs predicted", points: calibration, color: "#d1242f" },
        {
          label: "perfect",
          points: [
            [0, 0],
            [1, 1],
          ],
          color: "#999",
        },
      ],
      `Calibration by decile (axes 0–${maxPd.toFixed(3)})`,
    )}</div>`,
    "<h2>Lift by decile (1 = riskiest)</h2>",
    table(
      ["decile", "n", "bads", "bad rate", "PD range", "lift", "cum. bad share"],
      report.lift.map((r) => [
        r.decile,
        r.n,
        r.bads,
        fmt(r.badRate),
        `${fmt(r.minPd)}–${fmt(r.maxPd)}`,
        fmt(r.lift, 2),
        fmt(r.cumulativeBadShare, 3),
      ]),
    ),
    "<h2>Calibration by decile</h2>",
    table(
      ["decile", "n", "mean PD", "observed bad rate"],
      report.calibration.map((r) => [r.decile, r.n, fmt(r.meanPd), fmt(r.observedBadRate)]),
    ),
    "<h2>Stability (PSI, validation vs train)</h2>",
    `<p>Score PSI ${fmt(report.stability.score.psi)} (${esc(report.stability.score.band)}).</p>`,
    table(
      ["characteristic", "PSI", "band"],
      report.stability.features.map((f) => [f.feature, fmt(f.psi), f.band]),
    ),
  ];
  if (report.characteristics.length > 0) {
    sections.push(
      "<h2>Characteristics</h2>",
      table(
        ["characteristic", "IV", "strength", "status", "detail"],
        report.characteristics.map((c) => [c.feature, fmt(c.iv), c.strength, c.status, c.detail]),
      ),
      "<h2>Logistic regression on WOE</h2>",
      table(
        ["term", "β", "s.e.", "p"],
        report.coefficients.map((c) => [c.feature, fmt(c.coefficient), fmt(c.standardError), fmt(c.pValue)]),
      ),
      "<h2>Scorecard</h2>",
      table(
        ["characteristic", "bin", "good", "bad", "WOE", "points"],
        report.scorecardTable.map((r) => [r.characteristic, r.bin, r.good, r.bad, r.woe, r.points]),
      ),
    );
  }
  if (report.importance.length > 0) {
    sections.push(
      "<h2>Feature importance (gain)</h2>",
      table(
        ["characteristic", "gain"],
        report.importance.map((r) => [r.feature, fmt(r.gain, 2)]),
      ),
    );
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CreditDesk model report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,td:nth-child(2){text-align:left}.charts{display:flex;gap:2rem}
figure{margin:0}figcaption{font-size:12px;color:#555;max-width:240px}code{background:#f4f4f4;padding:0 3px}
</style></head><body>
${sections.join("\n")}
</body></html>
`;
}
