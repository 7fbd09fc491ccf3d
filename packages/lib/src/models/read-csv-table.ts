import { readFile } from "node:fs/promises";
import type { RawTable } from "@creditdesk/core/models";
import { ModelInputError } from "@creditdesk/core/models";
import { parse } from "csv-parse/sync";

/** Parses CSV text (first line = header) into a raw table; blank lines are skipped. */
export function parseCsvTable(text: string): RawTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false });
  } catch (error) {
    throw new ModelInputError("empty_data", `cannot read CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.every((h) => h.trim() === "")) {
    throw new ModelInputError("empty_data", "the CSV file is empty (no header line)");
  }
  return { header: header.map((h) => h.trim()), rows };
}

/** Reads a CSV file into a raw table (the whole file: model training sizes fit in memory). */
export async function readCsvTable(file: string): Promise<RawTable> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ModelInputError(
      "empty_data",
      `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseCsvTable(text);
}
