import { writeFile } from "node:fs/promises";
import type { ArtefactScores, RawTable } from "@creditdesk/core/models";
import { stringify } from "csv-stringify/sync";

/** Formats a reason list as one cell: "feature=value (-12.3)" joined by "; ". */
export function formatReasons(reasons: ArtefactScores["reasons"][number]): string {
  return reasons.map((r) => `${r.feature}=${r.value ?? "missing"} (-${r.pointsLost.toFixed(1)})`).join("; ");
}

/**
 * Writes the input rows plus `pd` and `score` columns (and `reasons` when asked). PD keeps 8
 * significant digits, the score two decimals.
 */
export async function writeScoredCsv(options: {
  file: string;
  table: RawTable;
  scores: ArtefactScores;
  reasons?: boolean;
}): Promise<void> {
  const { table, scores } = options;
  const header = [...table.header, "pd", "score", ...(options.reasons ? ["reasons"] : [])];
  const rows = table.rows.map((row, i) => [
    ...row,
    String(Number(scores.pd[i]!.toPrecision(8))),
    scores.score[i]!.toFixed(2),
    ...(options.reasons ? [formatReasons(scores.reasons[i] ?? [])] : []),
  ]);
  await writeFile(options.file, stringify([header, ...rows]));
}
