/**
 * Robust break detection on a customer's own monthly series (Iglewicz & Hoaglin 1993 modified
 * z-score: (x − median) / (1.4826 · MAD)). The statistic is the mean of the last `recentMonths`
 * months against the months before them, so a single odd month does not fire. When the series is
 * long enough, the same score is also computed on year-over-year differences (seasonal-naive
 * residuals) and the SMALLER in magnitude is reported: a break must show both against the
 * customer's usual level and against the same months a year earlier, so seasonality stays quiet.
 */
export interface AnomalyOptions {
  /** Months averaged as "now" (default 3). */
  recentMonths?: number;
  /** Fewest history points needed (default 9). */
  minHistory?: number;
  /** Scale floor as a fraction of |median| so that a flat history does not give infinite z (default 0.05). */
  relativeFloor?: number;
}

export type AnomalyResult =
  | { status: "ok"; z: number; level: number; seasonal: number | null; recent: number; median: number }
  | { status: "not_computable"; reason: string };

const MAD_SCALE = 1.4826;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function robustZ(history: readonly number[], recent: readonly number[], relativeFloor: number) {
  const med = median(history);
  const mad = median(history.map((v) => Math.abs(v - med)));
  const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
  // The floor keeps z finite on a perfectly flat history; 1e-9 keeps it finite at a zero median.
  const scale = Math.max(MAD_SCALE * mad, relativeFloor * Math.abs(med), 1e-9);
  return { z: (mean - med) / scale, mean, med };
}

/**
 * Scores the last months of a monthly series (oldest first; null = no observation that month,
 * e.g. no payment) against the customer's own history.
 */
export function detectBreak(series: readonly (number | null)[], options: AnomalyOptions = {}): AnomalyResult {
  const recentMonths = options.recentMonths ?? 3;
  const minHistory = options.minHistory ?? 9;
  const floor = options.relativeFloor ?? 0.05;
  const recent = series.slice(-recentMonths).filter((v): v is number => v !== null);
  const history = series.slice(0, -recentMonths).filter((v): v is number => v !== null);
  if (recent.length === 0) {
    return { status: "not_computable", reason: "no observation in the recent months" };
  }
  if (history.length < minHistory) {
    return {
      status: "not_computable",
      reason: `only ${history.length} months of history (need ${minHistory})`,
    };
  }
  const level = robustZ(history, recent, floor);
  let seasonal: number | null = null;
  if (series.length >= 12 + recentMonths + minHistory) {
    const diffs: (number | null)[] = [];
    for (let i = 12; i < series.length; i++) {
      const a = series[i];
      const b = series[i - 12];
      diffs.push(a === null || a === undefined || b === null || b === undefined ? null : a - b);
    }
    const dRecent = diffs.slice(-recentMonths).filter((v): v is number => v !== null);
    const dHistory = diffs.slice(0, -recentMonths).filter((v): v is number => v !== null);
    if (dRecent.length > 0 && dHistory.length >= Math.min(minHistory, 6)) {
      // The seasonal residuals are differences, so their floor is relative to the level median.
      const d = median(dHistory);
      const dMad = median(dHistory.map((v) => Math.abs(v - d)));
      const mean = dRecent.reduce((x, y) => x + y, 0) / dRecent.length;
      const scale = Math.max(MAD_SCALE * dMad, floor * Math.abs(level.med), 1e-9);
      seasonal = (mean - d) / scale;
    }
  }
  const z = seasonal === null || Math.abs(level.z) <= Math.abs(seasonal) ? level.z : seasonal;
  return {
    status: "ok",
    z: z === 0 ? 0 : z,
    level: level.z,
    seasonal,
    recent: level.mean,
    median: level.med,
  };
}
