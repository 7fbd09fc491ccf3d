import type { PathIssue } from "../shared/issues.ts";

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

/** Problems of a master scale (paths relative to the list): notches and PD bounds strictly ascending, bounds in (0, 1), only the last open. */
export function masterScaleIssues(scale: readonly MasterScaleNotch[]): PathIssue[] {
  if (scale.length === 0) {
    return [{ path: [], message: "no notches" }];
  }
  const issues: PathIssue[] = [];
  scale.forEach((n, i) => {
    const last = i === scale.length - 1;
    if (last !== (n.maxPd === null)) {
      issues.push({
        path: [i, "maxPd"],
        message: last ? "the last notch must have maxPd null" : "only the last notch may be open",
      });
    }
    if (n.maxPd !== null && !(n.maxPd > 0 && n.maxPd < 1)) {
      issues.push({ path: [i, "maxPd"], message: "must lie strictly between 0 and 1" });
    }
    const prev = scale[i - 1];
    if (prev && n.notch <= prev.notch) {
      issues.push({ path: [i, "notch"], message: `must be above ${prev.notch}` });
    }
    if (prev && prev.maxPd !== null && n.maxPd !== null && n.maxPd <= prev.maxPd) {
      issues.push({ path: [i, "maxPd"], message: `must be above ${prev.maxPd}` });
    }
  });
  return issues;
}

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
