/**
 * A finer master scale beneath the three grades: notches defined by PD, so they stay comparable
 * across scorecards and scale calibrations. A PD belongs to the first notch whose `maxPd` it does not
 * exceed (PD ≤ maxPd); the last notch has `maxPd: null`.
 */
export interface MasterScaleNotch {
  readonly notch: number;
  /** Inclusive upper PD bound (fraction), null for the last notch. */
  readonly maxPd: number | null;
}

/**
 * Ten notches. With the default score scale the 1.39 % and 7.4 % bounds fall near 700 and 600 points
 * (PD 1.382 % and 7.35 %), so notches 1–4 sit in the low-risk band, 5–8 in medium, 9–10 in high; a
 * raw score between 699.9 and 700 may still fall on the notch-4 side (PD-based, not score-based).
 */
export const DEFAULT_MASTER_SCALE: readonly MasterScaleNotch[] = [
  { notch: 1, maxPd: 0.0025 },
  { notch: 2, maxPd: 0.005 },
  { notch: 3, maxPd: 0.009 },
  { notch: 4, maxPd: 0.0139 },
  { notch: 5, maxPd: 0.022 },
  { notch: 6, maxPd: 0.033 },
  { notch: 7, maxPd: 0.05 },
  { notch: 8, maxPd: 0.074 },
  { notch: 9, maxPd: 0.15 },
  { notch: 10, maxPd: null },
];

export function notchFromPd(
  pd: number,
  scale: readonly MasterScaleNotch[] = DEFAULT_MASTER_SCALE,
): { notch: number; minPd: number; maxPd: number | null } {
  let minPd = 0;
  for (const n of scale) {
    if (n.maxPd === null || pd <= n.maxPd) {
      return { notch: n.notch, minPd, maxPd: n.maxPd };
    }
    minPd = n.maxPd;
  }
  throw new RangeError(`master scale has no notch for PD ${pd}`);
}
