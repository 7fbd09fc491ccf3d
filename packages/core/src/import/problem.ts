/**
 * One thing wrong with an import, as precise as it can be: the source row (spreadsheet numbering,
 * header = row 1, so row 2 is the first data row), the column header as written in the file, the
 * field it maps to, the offending value and a sentence saying why. File-level problems (a missing
 * required column, ambiguous dates) have `row: null`.
 */
export interface ImportProblem {
  readonly row: number | null;
  readonly column: string | null;
  readonly field: string | null;
  readonly value: string | null;
  readonly reason: string;
}

/** A file-level problem (no row). */
export function fileProblem(
  reason: string,
  column: string | null = null,
  field: string | null = null,
): ImportProblem {
  return { row: null, column, field, value: null, reason };
}

/** "row 7, column 发票号 (invoice_number): reason" — one line for terminals and logs. */
export function formatProblem(p: ImportProblem): string {
  const where: string[] = [];
  if (p.row !== null) {
    where.push(`row ${p.row}`);
  }
  if (p.column !== null) {
    where.push(`column ${p.column}${p.field && p.field !== p.column ? ` (${p.field})` : ""}`);
  } else if (p.field !== null) {
    where.push(`field ${p.field}`);
  }
  const value = p.value !== null && p.value !== "" ? ` [value '${p.value}']` : "";
  return `${where.length > 0 ? `${where.join(", ")}: ` : ""}${p.reason}${value}`;
}
