/**
 * The in-memory data set the modelling toolkit works on: column-major, one typed array per
 * numeric characteristic, the binary target as 0/1 where 1 = bad (the event modelled).
 */

/** A raw table as read from a CSV file: a header and rows of strings. */
export interface RawTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A numeric characteristic; missing values are NaN internally (never emitted). */
export interface NumericColumn {
  readonly name: string;
  readonly kind: "numeric";
  readonly values: Float64Array;
}

/** A categorical characteristic; missing values are null. */
export interface CategoricalColumn {
  readonly name: string;
  readonly kind: "categorical";
  readonly values: readonly (string | null)[];
}

export type FeatureColumn = NumericColumn | CategoricalColumn;
export const FEATURE_KINDS = ["numeric", "categorical"] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** Characteristics plus the binary target (1 = bad). */
export interface Dataset {
  readonly rows: number;
  readonly features: readonly FeatureColumn[];
  /** 1 = bad / default / positive class, 0 = good. */
  readonly target: Uint8Array;
  /** Name of the target column and the raw value that means bad. */
  readonly targetName: string;
  readonly positive: string;
  /** Optional per-row time stamp (ms since epoch) for a time-based split. */
  readonly time?: Float64Array;
}

/** The cell values treated as missing: empty, `NA` and `?` (case-sensitive `NA`, trimmed). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(["", "NA", "?"]);

/** True when a raw cell counts as missing. */
export function isMissingCell(raw: string | undefined): boolean {
  return raw === undefined || MISSING_TOKENS.has(raw.trim());
}

/** Parses a raw cell as a finite number, or returns undefined. */
export function parseNumberCell(raw: string): number | undefined {
  const text = raw.trim();
  if (text === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Returns a dataset restricted to the given row indices (in that order). */
export function subsetDataset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    target[i] = data.target[indices[i]!]!;
  }
  const features = data.features.map((column): FeatureColumn => {
    if (column.kind === "numeric") {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        values[i] = column.values[indices[i]!]!;
      }
      return { name: column.name, kind: "numeric", values };
    }
    const values: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = column.values[indices[i]!] ?? null;
    }
    return { name: column.name, kind: "categorical", values };
  });
  const base = { rows: n, features, target, targetName: data.targetName, positive: data.positive };
  if (data.time) {
    const time = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      time[i] = data.time[indices[i]!]!;
    }
    return { ...base, time };
  }
  return base;
}
