import { extname } from "node:path";
import { readCsvBatches, readCsvRecords } from "./read-csv.ts";
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

/**
 * Streams the records of a CSV or XLSX file in batches, header first (CSV: one batch per ~1 MB
 * read, so a million-row import does not await once per row). `onChunk` sees the raw bytes of a CSV.
 */
export async function* readRecordBatches(options: {
  path: string;
  sheet?: string | undefined;
  delimiter?: string | undefined;
  onBytes?: ((bytes: number) => void) | undefined;
  onChunk?: ((chunk: Buffer) => void) | undefined;
}): AsyncGenerator<SourceRecord[]> {
  if (sourceFormatOf(options.path) === "csv") {
    yield* readCsvBatches(options);
    return;
  }
  let batch: SourceRecord[] = [];
  for await (const r of readXlsxRecords(options)) {
    batch.push(r);
    if (batch.length >= 5_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield batch;
  }
}
