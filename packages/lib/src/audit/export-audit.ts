import type { DatabaseHandle } from "@creditdesk/db";
import { stringify } from "csv-stringify/sync";
import type { AuditFilters } from "./list-audit.ts";
import { readAudit } from "./list-audit.ts";

export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const COLUMNS = [
  "seq",
  "at",
  "actor",
  "action",
  "entity",
  "entityId",
  "before",
  "after",
  "reason",
  "prevHash",
  "hash",
] as const;

/**
 * The audit entries between `from` and `to` as CSV (before/after as JSON text, the hashes kept so
 * a reader can re-verify) or as JSON Lines, one chunk per entry.
 */
export async function* exportAudit(options: {
  handle: DatabaseHandle;
  filters: AuditFilters;
  format: AuditExportFormat;
}): AsyncGenerator<string> {
  if (options.format === "csv") {
    yield stringify([COLUMNS as unknown as string[]]);
  }
  for await (const entry of readAudit(options)) {
    if (options.format === "json") {
      yield `${JSON.stringify(entry)}\n`;
    } else {
      yield stringify([
        COLUMNS.map((c) => {
          const v = entry[c];
          return v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
        }),
      ]);
    }
  }
}
