/** Lift/gain and calibration tables by decile of predicted PD. */

export interface LiftRow {
  readonly decile: number;
  readonly n: number;
  readonly bads: number;
  readonly badRate: number;
  readonly minPd: number;
  readonly maxPd: number;
  /** Group bad rate over the overall bad rate. */
  readonly lift: number;
  /** Cumulative share of all bads captured up to this decile (the gain curve). */
  readonly cumulativeBadShare: number;
}

export interface CalibrationRow {
  readonly decile: number;
  readonly n: number;
  readonly meanPd: number;
  readonly observedBadRate: number;
}

function groups(pd: ArrayLike<number>, count: number, descending: boolean): number[][] {
  const n = pd.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    descending ? pd[b]! - pd[a]! : pd[a]! - pd[b]!,
  );
  const out: number[][] = [];
  for (let g = 0; g < count; g++) {
    const slice = order.slice(Math.floor((g * n) / count), Math.floor(((g + 1) * n) / count));
    if (slice.length > 0) {
      out.push(slice);
    }
  }
  return out;
}

/** Decile 1 = the riskiest 10 % (highest PD). */
export function liftTable(target: ArrayLike<number>, pd: ArrayLike<number>, count = 10): LiftRow[] {
  let totalBads = 0;
  for (let i = 0; i < target.length; i++) {
    totalBads += target[i] === 1 ? 1 : 0;
  }
  const overall = pd.length === 0 ? 0 : totalBads / pd.length;
  let cumulative = 0;
  return groups(pd, count, true).map((members, g) => {
    const bads = members.reduce((s, i) => s + (target[i] === 1 ? 1 : 0), 0);
    cumulative += bads;
    const badRate = bads / members.length;
    const values = members.map((i) => pd[i]!);
    return {
      decile: g + 1,
      n: members.length,
      bads,
      badRate,
      minPd: Math.min(...values),
      maxPd: Math.max(...values),
      lift: overall === 0 ? 0 : badRate / overall,
      cumulativeBadShare: totalBads === 0 ? 0 : cumulative / totalBads,
    };
  });
}

/** Decile 1 = the lowest PDs; compares the mean predicted PD with the observed bad rate. */
export function calibrationTable(
  target: ArrayLike<number>,
  pd: ArrayLike<number>,
  count = 10,
): CalibrationRow[] {
  return groups(pd, count, false).map((members, g) => ({
    decile: g + 1,
    n: members.length,
    meanPd: members.reduce((s, i) => s + pd[i]!, 0) / members.length,
    observedBadRate: members.reduce((s, i) => s + (target[i] === 1 ? 1 : 0), 0) / members.length,
  }));
}
