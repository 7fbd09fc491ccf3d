import { createReadStream } from "node:fs";
import type { CellValue } from "@creditdesk/core/import";
import type ExcelJS from "exceljs";
import type { SourceRecord } from "./source-record.ts";

export interface ReadXlsxOptions {
  readonly path: string;
  /** Sheet name; the first sheet by default. */
  readonly sheet?: string | undefined;
  readonly onBytes?: ((bytes: number) => void) | undefined;
}

/** Rich text, formulas, hyperlinks and errors reduced to the value a user sees. */
function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) {
    return null;
  }
  if (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    value instanceof Date
  ) {
    return value;
  }
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) {
      return v.richText.map((r) => r.text).join("");
    }
    if ("result" in v) {
      return plainCell(v.result);
    }
    if ("text" in v) {
      return plainCell(v.text);
    }
    if (typeof v.error === "string") {
      return v.error;
    }
  }
  return String(value);
}

/**
 * Streams the rows of one worksheet with exceljs' streaming WorkbookReader (shared strings and
 * styles cached so that date-formatted cells arrive as Dates). Row numbers are the sheet's own.
 */
export async function* readXlsxRecords(options: ReadXlsxOptions): AsyncGenerator<SourceRecord> {
  // Loaded on first use: exceljs costs ~25 MB of heap that CSV imports should not carry.
  const { default: Excel } = await import("exceljs");
  const input = createReadStream(options.path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  input.on("data", (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const seen: string[] = [];
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
    const name = ws.name ?? "";
    seen.push(name);
    if (options.sheet !== undefined && name !== options.sheet) {
      // Drain the sheet we skip: the reader parses sheets in order.
      for await (const _ of ws) {
        // nothing
      }
      continue;
    }
    for await (const row of ws) {
      const values = row.values as unknown[];
      // exceljs row.values is 1-based (index 0 unused).
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) {
        cells.push(plainCell(values[i]));
      }
      yield { row: row.number, cells };
    }
    return;
  }
  if (options.sheet !== undefined) {
    throw new Error(`sheet '${options.sheet}' not found (sheets: ${seen.join(", ")})`);
  }
}
