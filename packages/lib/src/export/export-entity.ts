import { once } from "node:events";
import type { Writable } from "node:stream";
import { entitySpec, type FieldSpec, type ImportEntity } from "@creditdesk/core/import";
import { formatMinor } from "@creditdesk/core/money";
import type { DatabaseHandle } from "@creditdesk/db";
import { readExportPage } from "@creditdesk/db/import";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportEntityOptions {
  readonly handle: DatabaseHandle;
  readonly entity: ImportEntity;
  readonly format: ExportFormat;
  /** Where the bytes go (a file stream or stdout). */
  readonly out: Writable;
  readonly pageSize?: number;
  readonly onRows?: (rows: number) => void;
}

/** A stored value as the import reads it back: minor units as decimals in their currency, lists joined. */
function exportValue(field: FieldSpec, row: Readonly<Record<string, unknown>>): string {
  const v = row[field.name];
  if (v === null || v === undefined) {
    return "";
  }
  switch (field.kind) {
    case "amount": {
      const currency = String(row[field.currencyField ?? "currency"] ?? "CNY").trim() || "CNY";
      return formatMinor(Number(v), currency);
    }
    case "list":
      return Array.isArray(v) ? v.join("; ") : String(v);
    case "boolean":
      return v === true || v === "t" ? "true" : "false";
    case "currency":
      return String(v).trim();
    default:
      return String(v);
  }
}

/**
 * Streams every row of an entity as CSV (UTF-8 with BOM, header = canonical field names, so the
 * file re-imports cleanly and unchanged) or XLSX (exceljs streaming WorkbookWriter, text cells so
 * that amounts and codes stay exact). Returns the number of rows written.
 */
export async function exportEntity(options: ExportEntityOptions): Promise<number> {
  const spec = entitySpec(options.entity);
  const fields = spec.fields;
  const names = fields.map((f) => f.name);
  const pageSize = options.pageSize ?? 5_000;
  let written = 0;

  let writeRow: (values: string[]) => Promise<void>;
  let close: () => Promise<void>;
  if (options.format === "csv") {
    const csv = stringify({ bom: true });
    csv.pipe(options.out);
    writeRow = async (values) => {
      if (!csv.write(values)) {
        await once(csv, "drain");
      }
    };
    close = async () => {
      const done = once(csv, "end");
      csv.end();
      await done;
    };
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: options.out,
      useStyles: false,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet(options.entity);
    writeRow = async (values) => {
      ws.addRow(values).commit();
    };
    close = async () => {
      ws.commit();
      await wb.commit();
    };
  }

  await writeRow(names);
  let after: readonly (string | number)[] | null = null;
  for (;;) {
    const page = await readExportPage(options.handle.db, {
      entity: options.entity,
      fields: names,
      after,
      limit: pageSize,
    });
    for (const r of page) {
      await writeRow(fields.map((f) => exportValue(f, r.values)));
    }
    written += page.length;
    options.onRows?.(written);
    const last = page[page.length - 1];
    if (!last || page.length === 0) {
      break;
    }
    // Payments pages are by payment, but give several rows per payment: stop on a short page of payments.
    if (options.entity !== "payments" && page.length < pageSize) {
      break;
    }
    after = last.cursor;
  }
  await close();
  return written;
}
