import type { Dataset, RawTable } from "./dataset.ts";
import { isMissingCell } from "./dataset.ts";
import { ModelInputError } from "./model-error.ts";
import { columnIndex, parseFeatures } from "./parse-features.ts";
import { parseTarget } from "./parse-target.ts";

export interface PrepareDatasetOptions {
  readonly table: RawTable;
  readonly target: string;
  readonly positive?: string;
  /** Id-like or leaking columns to leave out. */
  readonly exclude?: readonly string[];
  /** A date column for a time-based split; it is never a characteristic. */
  readonly timeColumn?: string;
}

/**
 * Turns a raw table into a modelling data set: every column other than the target, the excluded
 * ones and the time column is a characteristic (numeric or categorical, see parseFeatures).
 */
export function prepareDataset(options: PrepareDatasetOptions): Dataset {
  const { table } = options;
  if (table.header.length === 0 || table.rows.length === 0) {
    throw new ModelInputError("empty_data", "the data has no rows (an empty file or a header only)");
  }
  for (const name of options.exclude ?? []) {
    columnIndex(table, name, "excluded");
  }
  const { target, positive } = parseTarget(options);
  const skip = new Set([options.target, ...(options.exclude ?? [])]);
  if (options.timeColumn !== undefined) {
    skip.add(options.timeColumn);
  }
  const columns = table.header.filter((name) => !skip.has(name));
  if (columns.length === 0) {
    throw new ModelInputError("no_features", "no characteristics left after the target and exclusions");
  }
  const features = parseFeatures({ table, columns });
  const base: Dataset = {
    rows: table.rows.length,
    features,
    target,
    targetName: options.target,
    positive,
  };
  if (options.timeColumn === undefined) {
    return base;
  }
  return { ...base, time: parseTimeColumn(table, options.timeColumn) };
}

function parseTimeColumn(table: RawTable, name: string): Float64Array {
  const index = columnIndex(table, name, "time");
  const time = new Float64Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const raw = row[index];
    const ms = raw === undefined || isMissingCell(raw) ? Number.NaN : Date.parse(raw.trim());
    if (Number.isNaN(ms)) {
      throw new ModelInputError(
        "bad_date",
        `time column '${name}' has no valid date at row ${r + 1}: '${raw ?? ""}'`,
      );
    }
    time[r] = ms;
  });
  return time;
}
