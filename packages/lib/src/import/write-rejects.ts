import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { ImportProblem } from "@creditdesk/core/import";
import { cellText } from "@creditdesk/core/import";
import { stringify } from "csv-stringify";
import { readRecords } from "./read-records.ts";

async function writeCsv(path: string, rows: AsyncIterable<string[]> | Iterable<string[]>): Promise<void> {
  const out = createWriteStream(path);
  const csv = stringify({ bom: true });
  csv.pipe(out);
  for await (const r of rows) {
    if (!csv.write(r)) {
      await once(csv, "drain");
    }
  }
  csv.end();
  await once(out, "finish");
}

/**
 * Writes the rejects file of a lenient import: the header and the rejected rows exactly as read
 * (a second pass over the source, so the first pass never keeps rows), plus `reject_reason`.
 * UTF-8 with BOM so that Excel opens Chinese text correctly.
 */
export async function writeRejectsFile(options: {
  source: string;
  sheet?: string | undefined;
  delimiter?: string | undefined;
  out: string;
  reasons: ReadonlyMap<number, string>;
}): Promise<void> {
  async function* rows(): AsyncGenerator<string[]> {
    let header = true;
    for await (const rec of readRecords({
      path: options.source,
      sheet: options.sheet,
      delimiter: options.delimiter,
    })) {
      if (header) {
        header = false;
        yield [...rec.cells.map(cellText), "reject_reason"];
        continue;
      }
      const reason = options.reasons.get(rec.row);
      if (reason !== undefined) {
        yield [...rec.cells.map(cellText), reason];
      }
    }
  }
  await writeCsv(options.out, rows());
}

/** Writes every problem (row, column, field, value, reason) as CSV. */
export async function writeProblemsFile(out: string, problems: readonly ImportProblem[]): Promise<void> {
  const rows: string[][] = [["row", "column", "field", "value", "reason"]];
  for (const p of problems) {
    rows.push([p.row === null ? "" : String(p.row), p.column ?? "", p.field ?? "", p.value ?? "", p.reason]);
  }
  await writeCsv(out, rows);
}
