import type { FeatureKind } from "../data/dataset.ts";
import type { MergeMethod } from "./merge-cells.ts";
import type { Trend } from "./monotonic.ts";
import type { IvStrength } from "./woe.ts";

/**
 * Which values fall in a bin. Ranges are `lower < x ≤ upper`, null meaning unbounded (JSON has no
 * infinity). Missing values (and unseen categories at scoring time) go to the `missing` bin.
 */
export type BinRule =
  | { readonly kind: "range"; readonly lower: number | null; readonly upper: number | null }
  | { readonly kind: "categories"; readonly values: readonly string[] }
  | { readonly kind: "special"; readonly value: number }
  | { readonly kind: "missing" };

export interface Bin {
  readonly rule: BinRule;
  readonly label: string;
  readonly good: number;
  readonly bad: number;
  readonly woe: number;
  readonly iv: number;
}

/** The binning of one characteristic, with its WOE per bin and IV. */
export interface Binning {
  readonly feature: string;
  readonly kind: FeatureKind;
  readonly bins: readonly Bin[];
  readonly iv: number;
  readonly ivStrength: IvStrength;
  readonly missingShare: number;
  readonly trend: "ascending" | "descending" | "none";
}

export interface BinningOptions {
  readonly method: MergeMethod;
  /** Equal-frequency pre-bins before merging (default 20). */
  readonly preBins: number;
  readonly maxBins: number;
  readonly minShare: number;
  /** Monotonic WOE trend for numeric characteristics. */
  readonly trend: Trend;
  /** Numeric codes that get their own bins (e.g. -1 = "not applicable"). */
  readonly specialValues: readonly number[];
  /**
   * ChiMerge also merges pairs whose χ² is below this (3.841 = 95 %, 1 df). Default 0: merge
   * only down to maxBins (and the minimum share); the 95 % rule over-merges small samples.
   */
  readonly chiThreshold: number;
}

export const DEFAULT_BINNING_OPTIONS: BinningOptions = {
  method: "chimerge",
  preBins: 20,
  maxBins: 6,
  minShare: 0.05,
  trend: "auto",
  specialValues: [],
  chiThreshold: 0,
};
