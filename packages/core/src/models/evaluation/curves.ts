/**
 * ROC and KS curves of a binary target (1 = bad) and predicted PDs, for charts.
 *
 * Rows are taken from the riskiest (highest PD, lowest score) down; rows with the same PD move
 * together, as in `ks()` and `auc()` of metrics.ts, so the curves agree with those statistics.
 * After each distinct PD the cumulative shares of bads (true-positive rate, sensitivity) and of
 * goods (false-positive rate) are one point: the ROC curve plots goods against bads (Fawcett 2006,
 * "An introduction to ROC analysis"), the KS curve plots both against the score, and the KS
 * statistic is the largest gap between them (Siddiqi 2006, "Credit Risk Scorecards", ch. 6).
 */

/** One point of the ROC curve: flagging every row with PD ≥ `pd` as bad. */
export interface RocPoint {
  /** False-positive rate: share of all goods flagged. */
  readonly fpr: number;
  /** True-positive rate: share of all bads flagged. */
  readonly tpr: number;
}

/** One point of the KS curve: rows with score ≤ `score` (PD ≥ the matching PD). */
export interface KsPoint {
  readonly score: number;
  /** Share of all rows at or below this score. */
  readonly population: number;
  /** Cumulative share of all bads. */
  readonly bad: number;
  /** Cumulative share of all goods. */
  readonly good: number;
}

export interface EvaluationCurves {
  /** From (0, 0) to (1, 1). */
  readonly roc: RocPoint[];
  readonly ks: {
    /** From the lowest score (riskiest) up; the first point is before any row (all shares 0). */
    readonly points: KsPoint[];
    /** max (bad − good) share; equals `ks()` of metrics.ts. */
    readonly statistic: number;
    /** Where the largest gap is reached. */
    readonly score: number;
    readonly population: number;
  };
}

/** Points per curve the charts need; more only add bytes to the stored artefact. */
export const CURVE_MAX_POINTS = 200;

/**
 * Indices of at most `max` of `count` points, evenly spread, always keeping the first, the last
 * and `keep` (the KS maximum), in ascending order.
 */
export function downsampleIndices(count: number, max: number, keep?: number): number[] {
  if (count <= max) {
    return Array.from({ length: count }, (_, i) => i);
  }
  const chosen = new Set<number>();
  const evenly = keep === undefined ? max : max - 1;
  for (let i = 0; i < evenly; i++) {
    chosen.add(Math.round((i * (count - 1)) / (evenly - 1)));
  }
  if (keep !== undefined) {
    chosen.add(keep);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * ROC and KS curves; null when one class is absent (no curve is defined). `score` gives each row's
 * points on the model's scale (higher = safer); PD and score order rows the same way.
 */
export function evaluationCurves(options: {
  target: ArrayLike<number>;
  pd: ArrayLike<number>;
  score: ArrayLike<number>;
  maxPoints?: number;
}): EvaluationCurves | null {
  const { target, pd, score } = options;
  const n = pd.length;
  if (target.length !== n || score.length !== n) {
    throw new RangeError("target, pd and score must cover the same rows");
  }
  let bads = 0;
  for (let i = 0; i < n; i++) {
    bads += target[i] === 1 ? 1 : 0;
  }
  const goods = n - bads;
  if (bads === 0 || goods === 0) {
    return null;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => pd[b]! - pd[a]!);
  const roc: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  const firstScore = score[order[0]!]!;
  const ks: KsPoint[] = [{ score: firstScore, population: 0, bad: 0, good: 0 }];
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  let bestAt = 0;
  let k = 0;
  while (k < n) {
    const value = pd[order[k]!];
    // The tie group's score: the highest of the group (all its rows are at or below it).
    let groupScore = score[order[k]!]!;
    while (k < n && pd[order[k]!] === value) {
      groupScore = Math.max(groupScore, score[order[k]!]!);
      if (target[order[k]!] === 1) {
        cumBad++;
      } else {
        cumGood++;
      }
      k++;
    }
    const bad = cumBad / bads;
    const good = cumGood / goods;
    roc.push({ fpr: good, tpr: bad });
    ks.push({ score: groupScore, population: k / n, bad, good });
    // The first of equal gaps wins (1 − 2/3 is a hair above 1/3 in floating point).
    if (Math.abs(bad - good) > best + 1e-12) {
      best = Math.abs(bad - good);
      bestAt = ks.length - 1;
    }
  }
  // The statistic as `ks()` computes it: the largest gap, not the first one's rounding.
  best = ks.reduce((m, q) => Math.max(m, Math.abs(q.bad - q.good)), 0);
  const max = Math.max(3, options.maxPoints ?? CURVE_MAX_POINTS);
  const at = ks[bestAt]!;
  return {
    roc: downsampleIndices(roc.length, max).map((i) => roc[i]!),
    ks: {
      points: downsampleIndices(ks.length, max, bestAt).map((i) => ks[i]!),
      statistic: best,
      score: at.score,
      population: at.population,
    },
  };
}
