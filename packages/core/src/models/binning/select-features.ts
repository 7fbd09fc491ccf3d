import type { Binning } from "./bin-types.ts";

export interface SelectionOptions {
  /** Minimum IV (default 0.02, DOMAIN.md "useless" below). */
  readonly minIv: number;
  /** Maximum share of missing values (default 0.95). */
  readonly maxMissingShare: number;
  /** Drop the lower-IV one of a pair whose WOE values correlate above this (default 0.7). */
  readonly maxCorrelation: number;
}

export const DEFAULT_SELECTION_OPTIONS: SelectionOptions = {
  minIv: 0.02,
  maxMissingShare: 0.95,
  maxCorrelation: 0.7,
};

export const DROP_REASONS = ["low_iv", "missing", "correlated"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface SelectionResult {
  readonly selected: string[];
  readonly dropped: { feature: string; reason: DropReason; detail: string }[];
}

/** Pearson correlation; 0 when either side is constant. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/**
 * Selects characteristics by IV, missing share and pairwise WOE correlation: candidates are taken
 * in descending IV order, and one is dropped when its WOE correlates above the limit with an
 * already kept (hence higher-IV) characteristic.
 */
export function selectFeatures(options: {
  binnings: readonly Binning[];
  woe: ReadonlyMap<string, Float64Array>;
  selection?: Partial<SelectionOptions>;
}): SelectionResult {
  const config = { ...DEFAULT_SELECTION_OPTIONS, ...options.selection };
  const dropped: SelectionResult["dropped"] = [];
  const selected: string[] = [];
  const ordered = [...options.binnings].sort((a, b) => b.iv - a.iv);
  for (const binning of ordered) {
    if (binning.iv < config.minIv) {
      dropped.push({
        feature: binning.feature,
        reason: "low_iv",
        detail: `IV ${binning.iv.toFixed(4)} < ${config.minIv}`,
      });
      continue;
    }
    if (binning.missingShare > config.maxMissingShare) {
      dropped.push({
        feature: binning.feature,
        reason: "missing",
        detail: `missing share ${binning.missingShare.toFixed(3)} > ${config.maxMissingShare}`,
      });
      continue;
    }
    const mine = options.woe.get(binning.feature);
    let clash: { other: string; r: number } | undefined;
    for (const kept of selected) {
      const other = options.woe.get(kept);
      if (mine && other) {
        const r = pearson(mine, other);
        if (Math.abs(r) > config.maxCorrelation) {
          clash = { other: kept, r };
          break;
        }
      }
    }
    if (clash) {
      dropped.push({
        feature: binning.feature,
        reason: "correlated",
        detail: `|r| = ${Math.abs(clash.r).toFixed(3)} with '${clash.other}' (higher IV)`,
      });
      continue;
    }
    selected.push(binning.feature);
  }
  return { selected, dropped };
}
