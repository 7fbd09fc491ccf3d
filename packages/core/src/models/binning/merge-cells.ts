import type { GoodBad } from "./woe.ts";

/**
 * Merging of ordered cells (pre-bins of a numeric characteristic, or categories ordered by bad
 * rate) into groups of adjacent cells. A grouping is the list of exclusive end indices.
 */
export type Grouping = number[];

export const MERGE_METHODS = ["chimerge", "tree"] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

export interface MergeOptions {
  readonly method: MergeMethod;
  readonly maxBins: number;
  /** Minimum share of all rows (of this characteristic) per group. */
  readonly minShare: number;
  /** Total row count the shares refer to (includes missing/special rows). */
  readonly total: number;
  /** ChiMerge stops merging below maxBins once all adjacent χ² exceed this (95 %, 1 df: 3.841). */
  readonly chiThreshold?: number;
}

export function sumCells(cells: readonly GoodBad[], start: number, end: number): GoodBad {
  let good = 0;
  let bad = 0;
  for (let i = start; i < end; i++) {
    good += cells[i]!.good;
    bad += cells[i]!.bad;
  }
  return { good, bad };
}

/** Group sums for a grouping. */
export function groupSums(cells: readonly GoodBad[], ends: Grouping): GoodBad[] {
  let start = 0;
  return ends.map((end) => {
    const sum = sumCells(cells, start, end);
    start = end;
    return sum;
  });
}

/** Pearson χ² of the 2×2 table of two adjacent groups (Kerber 1992, ChiMerge). */
export function chiSquare(a: GoodBad, b: GoodBad): number {
  const total = a.good + a.bad + b.good + b.bad;
  const goods = a.good + b.good;
  const bads = a.bad + b.bad;
  let chi = 0;
  for (const row of [a, b]) {
    const rowTotal = row.good + row.bad;
    for (const [observed, column] of [
      [row.good, goods],
      [row.bad, bads],
    ] as const) {
      const expected = (rowTotal * column) / total;
      if (expected > 0) {
        chi += (observed - expected) ** 2 / expected;
      }
    }
  }
  return chi;
}

function chiMerge(cells: readonly GoodBad[], options: MergeOptions): Grouping {
  const threshold = options.chiThreshold ?? 0;
  const ends: Grouping = cells.map((_, i) => i + 1);
  let sums = groupSums(cells, ends);
  while (ends.length > 1) {
    let best = -1;
    let bestChi = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < sums.length; i++) {
      const chi = chiSquare(sums[i]!, sums[i + 1]!);
      if (chi < bestChi) {
        bestChi = chi;
        best = i;
      }
    }
    if (ends.length <= options.maxBins && bestChi >= threshold) {
      break;
    }
    ends.splice(best, 1);
    sums = groupSums(cells, ends);
  }
  return ends;
}

function entropy(group: GoodBad): number {
  const n = group.good + group.bad;
  if (n === 0 || group.good === 0 || group.bad === 0) {
    return 0;
  }
  const p = group.bad / n;
  return -n * (p * Math.log(p) + (1 - p) * Math.log(1 - p));
}

/**
 * Decision-tree merging: best-first binary splits of the cell sequence that most reduce the
 * (count-weighted) entropy, each side holding at least `minShare` of the rows, up to `maxBins`.
 */
function treeMerge(cells: readonly GoodBad[], options: MergeOptions): Grouping {
  const minCount = options.minShare * options.total;
  const ends: Grouping = [cells.length];
  while (ends.length < options.maxBins) {
    let bestGain = 1e-9;
    let bestCut = -1;
    let start = 0;
    for (const end of ends) {
      const whole = sumCells(cells, start, end);
      const parent = entropy(whole);
      let left = { good: 0, bad: 0 };
      for (let cut = start + 1; cut < end; cut++) {
        left = { good: left.good + cells[cut - 1]!.good, bad: left.bad + cells[cut - 1]!.bad };
        const right = { good: whole.good - left.good, bad: whole.bad - left.bad };
        if (left.good + left.bad < minCount || right.good + right.bad < minCount) {
          continue;
        }
        const gain = parent - entropy(left) - entropy(right);
        if (gain > bestGain) {
          bestGain = gain;
          bestCut = cut;
        }
      }
      start = end;
    }
    if (bestCut < 0) {
      break;
    }
    ends.push(bestCut);
    ends.sort((a, b) => a - b);
  }
  return ends;
}

/** Merges groups smaller than minShare into the neighbour with the closer bad rate. */
export function enforceMinShare(cells: readonly GoodBad[], ends: Grouping, options: MergeOptions): Grouping {
  const minCount = options.minShare * options.total;
  const out = [...ends];
  for (;;) {
    const sums = groupSums(cells, out);
    if (sums.length <= 1) {
      return out;
    }
    let smallest = -1;
    let smallestCount = Number.POSITIVE_INFINITY;
    sums.forEach((s, i) => {
      const count = s.good + s.bad;
      if (count < minCount && count < smallestCount) {
        smallest = i;
        smallestCount = count;
      }
    });
    if (smallest < 0) {
      return out;
    }
    const rate = (s: GoodBad) => (s.good + s.bad === 0 ? 0 : s.bad / (s.good + s.bad));
    const me = rate(sums[smallest]!);
    const left = smallest > 0 ? Math.abs(rate(sums[smallest - 1]!) - me) : Number.POSITIVE_INFINITY;
    const right =
      smallest + 1 < sums.length ? Math.abs(rate(sums[smallest + 1]!) - me) : Number.POSITIVE_INFINITY;
    // Merging with the left neighbour removes the left's end; with the right removes our own end.
    out.splice(left <= right ? smallest - 1 : smallest, 1);
  }
}

/** Merges ordered cells by the chosen method, then enforces the minimum bin share. */
export function mergeCells(cells: readonly GoodBad[], options: MergeOptions): Grouping {
  if (cells.length === 0) {
    return [];
  }
  const ends = options.method === "chimerge" ? chiMerge(cells, options) : treeMerge(cells, options);
  return enforceMinShare(cells, ends, options);
}
