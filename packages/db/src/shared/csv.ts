/**
 * One line of CSV for PostgreSQL `COPY … WITH (FORMAT csv)`: null/undefined → empty unquoted field
 * (NULL), everything else quoted with doubled quotes, so text, JSON and newlines survive unchanged.
 */
export function csvLine(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) {
      line += ",";
    }
    const v = values[i];
    if (v === null || v === undefined) {
      continue;
    }
    const text = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
    line += `"${text.replaceAll('"', '""')}"`;
  }
  return `${line}\n`;
}
