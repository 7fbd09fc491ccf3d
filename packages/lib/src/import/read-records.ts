import { extname } from "node:path";
import { readCsvRecords } from "./read-csv.ts";
import { readXlsxRecords } from "./read-xlsx.ts";
import type { SourceRecord } from "./source-record.ts";

export type SourceFormat = "csv" | "xlsx";

export function sourceFormatOf(path: string): SourceFormat {
  return extname(path).toLowerCase() === ".xlsx" ? "xlsx" : "csv";
}

/** Streams the records of a CSV or XLSX file, header first. */
export function readRecords(options: {
  path: string;
  sheet?: string | undefined;
  delimiter?: string | undefined;
  onBytes?: ((bytes: number) => void) | undefined;
}): AsyncGenerator<SourceRecord> {
  return sourceFormatOf(options.path) === "xlsx" ? readXlsxRecords(options) : readCsvRecords(options);
}
