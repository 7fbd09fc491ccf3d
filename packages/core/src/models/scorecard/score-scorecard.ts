import { binLookup } from "../binning/apply-binning.ts";
import type { FeatureColumn } from "../data/dataset.ts";
import type { Scorecard } from "./build-scorecard.ts";
import { sigmoid } from "./scale.ts";

/** One adverse reason: a characteristic that cost points against its best attainable bin. */
export interface ReasonCode {
  readonly feature: string;
  /** The row's raw value (null = missing). */
  readonly value: string | number | null;
  readonly bin: string;
  /** Points lost versus the best bin of this characteristic (> 0). */
  readonly pointsLost: number;
}

export interface ScoredRows {
  readonly pd: Float64Array;
  readonly score: Float64Array;
  readonly reasons: ReasonCode[][];
}

/**
 * Scores rows with a scorecard: score = Σ points; PD from the same logistic model
 * (pd = 1/(1+e^−(α+Σβ·WOE))). Reason codes follow the adverse-action convention: the
 * characteristics ordered by points lost against their best bin, largest first.
 */
export function scoreScorecard(options: {
  card: Scorecard;
  columns: ReadonlyMap<string, FeatureColumn>;
  rows: number;
  maxReasons?: number;
}): ScoredRows {
  const { card, columns, rows } = options;
  const maxReasons = options.maxReasons ?? 4;
  const pd = new Float64Array(rows);
  const score = new Float64Array(rows);
  const reasons: ReasonCode[][] = Array.from({ length: rows }, () => []);
  const margin = new Float64Array(rows).fill(card.intercept);
  for (const feature of card.features) {
    const column = columns.get(feature.name);
    if (!column) {
      throw new RangeError(`column '${feature.name}' required by the scorecard is missing`);
    }
    const lookup = binLookup(feature);
    const best = Math.max(...feature.bins.map((b) => b.points));
    for (let i = 0; i < rows; i++) {
      const value = column.values[i] ?? null;
      const bin = feature.bins[lookup(value)]!;
      score[i] = score[i]! + bin.points;
      margin[i] = margin[i]! + feature.coefficient * bin.woe;
      const lost = best - bin.points;
      if (lost > 1e-9) {
        reasons[i]!.push({
          feature: feature.name,
          value: typeof value === "number" && Number.isNaN(value) ? null : value,
          bin: bin.label,
          pointsLost: lost,
        });
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    pd[i] = sigmoid(margin[i]!);
    reasons[i] = reasons[i]!.sort((a, b) => b.pointsLost - a.pointsLost).slice(0, maxReasons);
  }
  return { pd, score, reasons };
}
