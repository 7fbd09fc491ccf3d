import type { Dataset, FeatureColumn } from "../data/dataset.ts";
import { binCategorical } from "./bin-categorical.ts";
import { binNumeric } from "./bin-numeric.ts";
import type { Binning, BinningOptions, BinRule } from "./bin-types.ts";
import { DEFAULT_BINNING_OPTIONS } from "./bin-types.ts";

/** Bins every characteristic of a data set. */
export function binDataset(data: Dataset, options: Partial<BinningOptions> = {}): Binning[] {
  const full = { ...DEFAULT_BINNING_OPTIONS, ...options };
  return data.features.map((column) =>
    column.kind === "numeric"
      ? binNumeric(column, data.target, full)
      : binCategorical(column, data.target, full),
  );
}

/** A function from a raw value (number, category, or missing) to the bin index. */
export function binLookup(binning: {
  readonly bins: readonly { readonly rule: BinRule }[];
}): (value: number | string | null) => number {
  const missingIndex = binning.bins.findIndex((b) => b.rule.kind === "missing");
  const byCategory = new Map<string, number>();
  const specials = new Map<number, number>();
  const ranges: { upper: number; index: number }[] = [];
  binning.bins.forEach((bin, index) => {
    const rule = bin.rule;
    switch (rule.kind) {
      case "categories":
        for (const v of rule.values) {
          byCategory.set(v, index);
        }
        break;
      case "special":
        specials.set(rule.value, index);
        break;
      case "range":
        ranges.push({ upper: rule.upper ?? Number.POSITIVE_INFINITY, index });
        break;
      case "missing":
        break;
      default: {
        const never: never = rule;
        throw new Error(`unknown bin rule ${String(never)}`);
      }
    }
  });
  ranges.sort((a, b) => a.upper - b.upper);
  return (value) => {
    if (value === null || (typeof value === "number" && Number.isNaN(value))) {
      return missingIndex;
    }
    if (typeof value === "string") {
      return byCategory.get(value) ?? missingIndex;
    }
    const special = specials.get(value);
    if (special !== undefined) {
      return special;
    }
    for (const range of ranges) {
      if (value <= range.upper) {
        return range.index;
      }
    }
    return missingIndex;
  };
}

/** Bin index per row of one column. */
export function binIndices(binning: Binning, column: FeatureColumn): Int32Array {
  const lookup = binLookup(binning);
  const out = new Int32Array(column.values.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = lookup(column.values[i] ?? null);
  }
  return out;
}

/** WOE value per row of one column. */
export function woeValues(binning: Binning, column: FeatureColumn): Float64Array {
  const idx = binIndices(binning, column);
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    out[i] = binning.bins[idx[i]!]!.woe;
  }
  return out;
}
