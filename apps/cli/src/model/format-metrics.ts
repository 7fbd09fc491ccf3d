import type { BinaryMetrics } from "@creditdesk/core/models";

function fmt(x: number | null): string {
  return x === null ? "n/a" : x.toFixed(4);
}

/** A small aligned text table of metrics per sample. */
export function formatMetricsTable(
  rows: readonly { label: string; metrics: BinaryMetrics | null }[],
): string {
  const header = ["sample", "n", "bad rate", "AUC", "Gini", "KS", "Brier", "log loss"];
  const body = rows.map(({ label, metrics: m }) =>
    m
      ? [label, String(m.n), fmt(m.badRate), fmt(m.auc), fmt(m.gini), fmt(m.ks), fmt(m.brier), fmt(m.logLoss)]
      : [label, "0", "–", "–", "–", "–", "–", "–"],
  );
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}
