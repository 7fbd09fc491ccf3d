import type { Grouping } from "./merge-cells.ts";
import { groupSums } from "./merge-cells.ts";
import type { GoodBad } from "./woe.ts";

export const TRENDS = ["none", "ascending", "descending", "auto"] as const;
export type Trend = (typeof TRENDS)[number];

/** Log-odds good:bad of a group with the WOE smoothing (woe.ts): WOE = this + a constant. */
function logOddsGood(group: GoodBad): number {
  const smooth = group.good === 0 || group.bad === 0 ? 0.5 : 0;
  return Math.log((group.good + smooth) / (group.bad + smooth));
}

/**
 * The WOE direction the data suggests: the sign of the count-weighted correlation between cell
 * position and smoothed log-odds (good:bad).
 */
export function detectTrend(cells: readonly GoodBad[]): "ascending" | "descending" {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < cells.length; i++) {
    const w = cells[i]!.good + cells[i]!.bad;
    sw += w;
    sx += w * i;
    sy += w * logOddsGood(cells[i]!);
  }
  const mx = sx / sw;
  const my = sy / sw;
  let cov = 0;
  for (let i = 0; i < cells.length; i++) {
    const w = cells[i]!.good + cells[i]!.bad;
    cov += w * (i - mx) * (logOddsGood(cells[i]!) - my);
  }
  return cov >= 0 ? "ascending" : "descending";
}

/**
 * Merges adjacent groups until WOE is strictly monotonic in the wanted direction (pool adjacent
 * violators, as in isotonic regression). Returns the grouping and the direction applied.
 */
export function enforceMonotonic(
  cells: readonly GoodBad[],
  ends: Grouping,
  trend: Trend,
): { ends: Grouping; trend: "ascending" | "descending" | "none" } {
  if (trend === "none") {
    return { ends, trend };
  }
  const direction = trend === "auto" ? detectTrend(cells) : trend;
  const sign = direction === "ascending" ? 1 : -1;
  const out = [...ends];
  for (;;) {
    const sums = groupSums(cells, out);
    let violator = -1;
    for (let i = 0; i + 1 < sums.length; i++) {
      if (sign * (logOddsGood(sums[i + 1]!) - logOddsGood(sums[i]!)) <= 0) {
        violator = i;
        break;
      }
    }
    if (violator < 0) {
      return { ends: out, trend: direction };
    }
    out.splice(violator, 1);
  }
}
