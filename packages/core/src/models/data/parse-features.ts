import type { FeatureColumn, FeatureKind, RawTable } from "./dataset.ts";
import { isMissingCell, parseNumberCell } from "./dataset.ts";
import { ModelInputError } from "./model-error.ts";

/**
 * Share of non-missing values that must parse as numbers for a column that also holds text to be
 * reported as "numeric with garbage" instead of silently becoming categorical.
 */
const MOSTLY_NUMERIC_SHARE = 0.9;

export interface ParseFeaturesOptions {
  readonly table: RawTable;
  /** Columns to read; their kind is inferred unless `kinds` fixes it. */
  readonly columns: readonly string[];
  /** Fixed kinds (e.g. from a trained model): numeric columns must then parse entirely. */
  readonly kinds?: Readonly<Record<string, FeatureKind>>;
}

/** Index of a column in the header, or a clear error naming the missing column. */
export function columnIndex(table: RawTable, name: string, role: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw new ModelInputError(
      "missing_column",
      `${role} column '${name}' not found; columns are: ${table.header.join(", ")}`,
    );
  }
  return index;
}

/**
 * Reads characteristics from a raw table. A column is numeric when every non-missing value parses
 * as a number; a column that is mostly numeric (≥ 90 %) but holds some text is an error that names
 * the column, the data row (1-based, header excluded) and the value.
 */
export function parseFeatures(options: ParseFeaturesOptions): FeatureColumn[] {
  const { table, columns, kinds } = options;
  return columns.map((name) => {
    const index = columnIndex(table, name, "feature");
    const fixed = kinds?.[name];
    const n = table.rows.length;
    const numbers = new Float64Array(n);
    let present = 0;
    let numeric = 0;
    let firstBad: { row: number; value: string } | undefined;
    for (let r = 0; r < n; r++) {
      const raw = table.rows[r]?.[index];
      if (raw === undefined || isMissingCell(raw)) {
        numbers[r] = Number.NaN;
        continue;
      }
      present++;
      const value = parseNumberCell(raw);
      if (value === undefined) {
        numbers[r] = Number.NaN;
        firstBad ??= { row: r + 1, value: raw };
      } else {
        numbers[r] = value;
        numeric++;
      }
    }
    const allNumeric = present > 0 && numeric === present;
    const mostlyNumeric = present > 0 && numeric / present >= MOSTLY_NUMERIC_SHARE;
    const kind: FeatureKind = fixed ?? (allNumeric ? "numeric" : "categorical");
    if (firstBad && (kind === "numeric" || (fixed === undefined && mostlyNumeric))) {
      throw new ModelInputError(
        "non_numeric",
        `column '${name}' is numeric but row ${firstBad.row} holds '${firstBad.value}' ` +
          `(${present - numeric} non-numeric of ${present} values; fix it, mark it missing (empty, NA, ?) or exclude the column)`,
      );
    }
    if (kind === "numeric") {
      return { name, kind, values: numbers };
    }
    const values = table.rows.map((row) => {
      const raw = row[index];
      return raw === undefined || isMissingCell(raw) ? null : raw.trim();
    });
    return { name, kind, values };
  });
}
