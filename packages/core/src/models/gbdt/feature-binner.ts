import type { FeatureColumn } from "../data/dataset.ts";

/**
 * How one characteristic maps to histogram codes: code 0 = missing (or unseen category), codes
 * 1..k = value bins. Numeric: `edges` (bin = 1 + #edges < x), midpoints between distinct values
 * when they are few, else quantiles of the training values. Categorical: categories are ordered
 * by their (smoothed) training bad rate and coded 1..k in that order, so a single threshold split
 * separates low- from high-risk categories (the ordering LightGBM's gradient-sorted categorical
 * split uses, fixed once before boosting). Beyond maxBins−1 categories the rarest share code 0.
 */
export type FeatureBinner =
  | { readonly name: string; readonly kind: "numeric"; readonly edges: readonly number[] }
  | { readonly name: string; readonly kind: "categorical"; readonly categories: readonly string[] };

export function fitBinner(column: FeatureColumn, target: Uint8Array, maxBins: number): FeatureBinner {
  const maxValueBins = maxBins - 1;
  if (column.kind === "categorical") {
    const stats = new Map<string, { n: number; bad: number }>();
    column.values.forEach((v, i) => {
      if (v !== null) {
        const s = stats.get(v) ?? { n: 0, bad: 0 };
        s.n++;
        s.bad += target[i]!;
        stats.set(v, s);
      }
    });
    const kept = [...stats.entries()]
      .sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))
      .slice(0, maxValueBins);
    const rate = (s: { n: number; bad: number }) => (s.bad + 1) / (s.n + 2);
    kept.sort((a, b) => rate(a[1]) - rate(b[1]) || a[0].localeCompare(b[0]));
    return { name: column.name, kind: "categorical", categories: kept.map(([name]) => name) };
  }
  // Typed-array sort is numeric and puts NaN (missing) last: cut them off instead of filtering.
  const sorted = Float64Array.from(column.values).sort();
  let presentCount = sorted.length;
  while (presentCount > 0 && Number.isNaN(sorted[presentCount - 1]!)) {
    presentCount--;
  }
  const present = sorted.subarray(0, presentCount);
  const distinct: number[] = [];
  for (let i = 0; i < present.length; i++) {
    if (i === 0 || present[i] !== present[i - 1]) {
      distinct.push(present[i]!);
    }
  }
  let edges: number[];
  if (distinct.length <= maxValueBins) {
    edges = distinct.slice(1).map((x, i) => (distinct[i]! + x) / 2);
  } else {
    const set = new Set<number>();
    for (let q = 1; q < maxValueBins; q++) {
      const at = Math.floor((q * present.length) / maxValueBins);
      const lo = present[Math.max(at - 1, 0)]!;
      const hi = present[at]!;
      // Midpoint between neighbours at the quantile, so equal values never straddle an edge.
      set.add(lo === hi ? hi : (lo + hi) / 2);
    }
    edges = [...set].sort((a, b) => a - b);
  }
  return { name: column.name, kind: "numeric", edges };
}

/** Number of codes including the missing code 0. */
export function binCount(binner: FeatureBinner): number {
  return (binner.kind === "numeric" ? binner.edges.length + 1 : binner.categories.length) + 1;
}

/** Code of a numeric value: 0 for NaN, else 1 + number of edges strictly below x. */
export function numericCode(edges: readonly number[], x: number): number {
  if (Number.isNaN(x)) {
    return 0;
  }
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo + 1;
}

/** Codes of one column (column-major Uint8Array). */
export function encodeColumn(binner: FeatureBinner, column: FeatureColumn): Uint8Array {
  const n = column.values.length;
  const out = new Uint8Array(n);
  if (binner.kind === "numeric") {
    if (column.kind !== "numeric") {
      throw new RangeError(`column '${column.name}' must be numeric`);
    }
    for (let i = 0; i < n; i++) {
      out[i] = numericCode(binner.edges, column.values[i]!);
    }
    return out;
  }
  const codes = new Map(binner.categories.map((c, i) => [c, i + 1]));
  for (let i = 0; i < n; i++) {
    const v = column.values[i];
    out[i] = typeof v === "string" ? (codes.get(v) ?? 0) : 0;
  }
  return out;
}
