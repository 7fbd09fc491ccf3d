import { writeFile } from "node:fs/promises";
import type { ModelReport } from "@creditdesk/core/models";
import { renderReportHtml } from "@creditdesk/core/models";
import { stringify } from "csv-stringify/sync";

/** Replaces an extension (or appends one). */
export function withExtension(file: string, extension: string): string {
  return /\.[^./\\]+$/.test(file) ? file.replace(/\.[^./\\]+$/, extension) : `${file}${extension}`;
}

/** Writes the report as self-contained HTML and as JSON beside it; returns both paths. */
export async function writeReportFiles(options: {
  report: ModelReport;
  file: string;
}): Promise<{ html: string; json: string }> {
  const html = withExtension(options.file, ".html");
  const json = withExtension(options.file, ".json");
  await writeFile(html, renderReportHtml(options.report));
  await writeFile(json, `${JSON.stringify(options.report, null, 2)}\n`);
  return { html, json };
}

/** Writes the human-readable scorecard table as CSV and JSON; returns both paths. */
export async function writeScorecardTable(options: {
  table: ModelReport["scorecardTable"];
  file: string;
}): Promise<{ csv: string; json: string }> {
  const csv = withExtension(options.file, ".csv");
  const json = withExtension(options.file, ".json");
  const header = ["characteristic", "bin", "good", "bad", "woe", "points"];
  await writeFile(
    csv,
    stringify([
      header,
      ...options.table.map((r) => [r.characteristic, r.bin, r.good, r.bad, r.woe, r.points]),
    ]),
  );
  await writeFile(json, `${JSON.stringify(options.table, null, 2)}\n`);
  return { csv, json };
}
