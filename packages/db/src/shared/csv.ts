/**
 * One line of headerless CSV for PostgreSQL `COPY … WITH (FORMAT csv)`: NULL is an unquoted empty
 * field, so an empty string is written as "" ; fields with a comma, quote or line break are quoted
 * with doubled quotes; objects and arrays are written as JSON (for jsonb columns).
 */
export type CsvValue = string | number | boolean | null | undefined | object;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`cannot write ${value} to the database`);
    }
    return String(value);
  }
  if (typeof value === "boolean") {
    return value ? "t" : "f";
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text === "") {
    return '""';
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  let line = csvField(values[0]);
  for (let i = 1; i < values.length; i++) {
    line += `,${csvField(values[i])}`;
  }
  return `${line}\n`;
}
