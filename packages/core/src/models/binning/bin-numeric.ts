import type { NumericColumn } from "../data/dataset.ts";
import type { Bin, Binning, BinningOptions, BinRule } from "./bin-types.ts";
import { mergeCells } from "./merge-cells.ts";
import { enforceMonotonic } from "./monotonic.ts";
import type { GoodBad } from "./woe.ts";
import { computeWoe, ivStrength } from "./woe.ts";

interface Cell extends GoodBad {
  good: number;
  bad: number;
  /** Largest value in the cell (upper, inclusive). */
  upper: number;
}

/**
 * Equal-frequency pre-bins: cut at the values at the k/preBins quantiles (distinct values only),
 * so a characteristic with few distinct values gets one cell per value.
 */
function preBin(values: Float64Array, target: Uint8Array, preBins: number): Cell[] {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const m = order.length;
  const cuts = new Set<number>();
  for (let q = 1; q < preBins; q++) {
    const at = Math.max(0, Math.ceil((q * m) / preBins) - 1);
    cuts.add(values[order[at]!]!);
  }
  const cells: Cell[] = [];
  let current: Cell = { good: 0, bad: 0, upper: Number.NEGATIVE_INFINITY };
  for (let k = 0; k < m; k++) {
    const i = order[k]!;
    const x = values[i]!;
    if (target[i] === 1) {
      current.bad++;
    } else {
      current.good++;
    }
    current.upper = x;
    const next = k + 1 < m ? values[order[k + 1]!]! : Number.NaN;
    if (cuts.has(x) && next !== x) {
      cells.push(current);
      current = { good: 0, bad: 0, upper: Number.NEGATIVE_INFINITY };
    }
  }
  if (current.good + current.bad > 0) {
    cells.push(current);
  }
  return cells;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

export function rangeLabel(lower: number | null, upper: number | null): string {
  return `(${lower === null ? "-inf" : formatNumber(lower)}, ${upper === null ? "+inf)" : `${formatNumber(upper)}]`}`;
}

/** Bins one numeric characteristic: special values and missing in their own bins. */
export function binNumeric(column: NumericColumn, target: Uint8Array, options: BinningOptions): Binning {
  const specials = new Map<number, GoodBad & { good: number; bad: number }>();
  for (const value of options.specialValues) {
    specials.set(value, { good: 0, bad: 0 });
  }
  const missing = { good: 0, bad: 0 };
  const keep: number[] = [];
  const n = column.values.length;
  for (let i = 0; i < n; i++) {
    const x = column.values[i]!;
    const bucket = Number.isNaN(x) ? missing : specials.get(x);
    if (bucket) {
      if (target[i] === 1) {
        bucket.bad++;
      } else {
        bucket.good++;
      }
    } else {
      keep.push(i);
    }
  }
  const values = Float64Array.from(keep, (i) => column.values[i]!);
  const labels = Uint8Array.from(keep, (i) => target[i]!);
  const cells = preBin(values, labels, options.preBins);
  const merged = mergeCells(cells, { ...options, total: n });
  const { ends, trend } = enforceMonotonic(cells, merged, options.trend);

  const groups: { rule: BinRule; label: string; counts: GoodBad }[] = [];
  let start = 0;
  let lower: number | null = null;
  ends.forEach((end, g) => {
    let good = 0;
    let bad = 0;
    for (let c = start; c < end; c++) {
      good += cells[c]!.good;
      bad += cells[c]!.bad;
    }
    const upper = g === ends.length - 1 ? null : cells[end - 1]!.upper;
    groups.push({
      rule: { kind: "range", lower, upper },
      label: rangeLabel(lower, upper),
      counts: { good, bad },
    });
    lower = upper;
    start = end;
  });
  if (groups.length === 0) {
    groups.push({
      rule: { kind: "range", lower: null, upper: null },
      label: rangeLabel(null, null),
      counts: { good: 0, bad: 0 },
    });
  }
  for (const [value, counts] of specials) {
    groups.push({ rule: { kind: "special", value }, label: `special ${formatNumber(value)}`, counts });
  }
  groups.push({ rule: { kind: "missing" }, label: "missing", counts: missing });
  return finishBinning({
    feature: column.name,
    kind: "numeric",
    groups,
    trend,
    missingShare: n === 0 ? 0 : (missing.good + missing.bad) / n,
  });
}

/** Computes WOE/IV for the final groups and assembles the binning. */
export function finishBinning(options: {
  feature: string;
  kind: "numeric" | "categorical";
  groups: readonly { rule: BinRule; label: string; counts: GoodBad }[];
  trend: Binning["trend"];
  missingShare: number;
}): Binning {
  const { woe, iv, totalIv } = computeWoe(options.groups.map((g) => g.counts));
  const bins: Bin[] = options.groups.map((g, i) => ({
    rule: g.rule,
    label: g.label,
    good: g.counts.good,
    bad: g.counts.bad,
    woe: woe[i]!,
    iv: iv[i]!,
  }));
  return {
    feature: options.feature,
    kind: options.kind,
    bins,
    iv: totalIv,
    ivStrength: ivStrength(totalIv),
    missingShare: options.missingShare,
    trend: options.trend,
  };
}
