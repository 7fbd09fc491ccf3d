/**
 * Population stability index (DOMAIN.md): PSI = Σ (a_i − e_i)·ln(a_i / e_i) over bins, with shares
 * floored at 0.0001 so an empty bin stays finite (a common convention, e.g. in toad).
 * Bands: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted.
 */

export const PSI_BANDS = ["stable", "watch", "shifted"] as const;
export type PsiBand = (typeof PSI_BANDS)[number];

export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) {
    return "stable";
  }
  return psi <= 0.25 ? "watch" : "shifted";
}

const FLOOR = 0.0001;

/** PSI from counts per bin (expected = reference sample, actual = new sample). */
export function psiFromCounts(expected: readonly number[], actual: readonly number[]): number {
  const te = expected.reduce((a, b) => a + b, 0);
  const ta = actual.reduce((a, b) => a + b, 0);
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max((expected[i] ?? 0) / (te || 1), FLOOR);
    const a = Math.max((actual[i] ?? 0) / (ta || 1), FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/** Cut points at the reference sample's quantiles (distinct values; bins are x ≤ cut). */
export function quantileCuts(values: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const cuts = new Set<number>();
  for (let q = 1; q < bins; q++) {
    const at = Math.max(0, Math.ceil((q * sorted.length) / bins) - 1);
    const v = sorted[at];
    if (v !== undefined && v !== sorted[sorted.length - 1]) {
      cuts.add(v);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

function countByCuts(values: ArrayLike<number>, cuts: readonly number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    let b = 0;
    while (b < cuts.length && values[i]! > cuts[b]!) {
      b++;
    }
    counts[b] = counts[b]! + 1;
  }
  return counts;
}

/** PSI of a continuous value (e.g. the score) with bins at the reference sample's deciles. */
export function psiByQuantiles(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  bins = 10,
): { psi: number; band: PsiBand } {
  const cuts = quantileCuts(expected, bins);
  const psi = psiFromCounts(countByCuts(expected, cuts), countByCuts(actual, cuts));
  return { psi, band: psiBand(psi) };
}

/** PSI of a binned characteristic given bin indices for both samples. */
export function psiByBins(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  binCount: number,
): { psi: number; band: PsiBand } {
  const e = new Array<number>(binCount).fill(0);
  const a = new Array<number>(binCount).fill(0);
  for (let i = 0; i < expected.length; i++) {
    e[expected[i]!] = (e[expected[i]!] ?? 0) + 1;
  }
  for (let i = 0; i < actual.length; i++) {
    a[actual[i]!] = (a[actual[i]!] ?? 0) + 1;
  }
  const psi = psiFromCounts(e, a);
  return { psi, band: psiBand(psi) };
}
