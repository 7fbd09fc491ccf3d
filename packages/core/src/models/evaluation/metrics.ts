/**
 * Discrimination and calibration metrics for a binary target (1 = bad) and predicted PDs.
 * AUC by the Mann–Whitney statistic with mid-ranks for ties (Hanley & McNeil 1982);
 * Gini = 2·AUC − 1; KS = max |TPR − FPR| over thresholds, tied scores moved together.
 */

/** AUC; null when one class is absent (not computable). */
export function auc(target: ArrayLike<number>, pd: ArrayLike<number>): number | null {
  const n = pd.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => pd[a]! - pd[b]!);
  let rankSumBad = 0;
  let bads = 0;
  let k = 0;
  while (k < n) {
    let end = k;
    while (end + 1 < n && pd[order[end + 1]!] === pd[order[k]!]) {
      end++;
    }
    const midRank = (k + end) / 2 + 1;
    for (let m = k; m <= end; m++) {
      if (target[order[m]!] === 1) {
        rankSumBad += midRank;
        bads++;
      }
    }
    k = end + 1;
  }
  const goods = n - bads;
  if (bads === 0 || goods === 0) {
    return null;
  }
  return (rankSumBad - (bads * (bads + 1)) / 2) / (bads * goods);
}

/** Kolmogorov–Smirnov statistic between the score distributions of bads and goods. */
export function ks(target: ArrayLike<number>, pd: ArrayLike<number>): number | null {
  const n = pd.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => pd[b]! - pd[a]!);
  let bads = 0;
  for (let i = 0; i < n; i++) {
    bads += target[i] === 1 ? 1 : 0;
  }
  const goods = n - bads;
  if (bads === 0 || goods === 0) {
    return null;
  }
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  let k = 0;
  while (k < n) {
    const value = pd[order[k]!];
    while (k < n && pd[order[k]!] === value) {
      if (target[order[k]!] === 1) {
        cumBad++;
      } else {
        cumGood++;
      }
      k++;
    }
    best = Math.max(best, Math.abs(cumBad / bads - cumGood / goods));
  }
  return best;
}

/** Mean squared error of the PD (Brier 1950). */
export function brier(target: ArrayLike<number>, pd: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < pd.length; i++) {
    sum += (pd[i]! - target[i]!) ** 2;
  }
  return sum / pd.length;
}

/** Mean negative log-likelihood, PDs clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(target: ArrayLike<number>, pd: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < pd.length; i++) {
    const p = Math.min(Math.max(pd[i]!, 1e-15), 1 - 1e-15);
    sum -= target[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / pd.length;
}

export interface BinaryMetrics {
  readonly n: number;
  readonly bads: number;
  readonly badRate: number;
  readonly auc: number | null;
  readonly gini: number | null;
  readonly ks: number | null;
  readonly brier: number;
  readonly logLoss: number;
}

/** All headline metrics at once; AUC/Gini/KS are null when a class is absent. */
export function binaryMetrics(target: ArrayLike<number>, pd: ArrayLike<number>): BinaryMetrics {
  let bads = 0;
  for (let i = 0; i < target.length; i++) {
    bads += target[i] === 1 ? 1 : 0;
  }
  const a = auc(target, pd);
  return {
    n: pd.length,
    bads,
    badRate: pd.length === 0 ? 0 : bads / pd.length,
    auc: a,
    gini: a === null ? null : 2 * a - 1,
    ks: ks(target, pd),
    brier: brier(target, pd),
    logLoss: logLoss(target, pd),
  };
}
