import type { Bin, Binning } from "../binning/bin-types.ts";
import type { ScoreScale } from "./scale.ts";
import { scaleFactor } from "./scale.ts";

export interface ScorecardBin {
  readonly label: string;
  readonly rule: Bin["rule"];
  readonly good: number;
  readonly bad: number;
  readonly woe: number;
  /** Unrounded points; the table shows them rounded. */
  readonly points: number;
}

export interface ScorecardFeature {
  readonly name: string;
  readonly kind: Binning["kind"];
  readonly coefficient: number;
  readonly iv: number;
  readonly bins: ScorecardBin[];
}

export interface Scorecard {
  readonly scale: ScoreScale;
  readonly intercept: number;
  readonly features: ScorecardFeature[];
}

/**
 * Points per bin (DOMAIN.md; Siddiqi 2006): points_i = −(β·WOE_i + α/n)·factor + offset/n, so the
 * sum over the n characteristics is offset + factor·ln(odds_good) of the logistic model.
 */
export function buildScorecard(options: {
  binnings: readonly Binning[];
  features: readonly string[];
  intercept: number;
  coefficients: readonly number[];
  scale: ScoreScale;
}): Scorecard {
  const { factor, offset } = scaleFactor(options.scale);
  const n = Math.max(options.features.length, 1);
  const features = options.features.map((name, j): ScorecardFeature => {
    const binning = options.binnings.find((b) => b.feature === name);
    if (!binning) {
      throw new RangeError(`no binning for '${name}'`);
    }
    const beta = options.coefficients[j]!;
    return {
      name,
      kind: binning.kind,
      coefficient: beta,
      iv: binning.iv,
      bins: binning.bins.map((bin) => ({
        label: bin.label,
        rule: bin.rule,
        good: bin.good,
        bad: bin.bad,
        woe: bin.woe,
        points: -(beta * bin.woe + options.intercept / n) * factor + offset / n,
      })),
    };
  });
  return { scale: options.scale, intercept: options.intercept, features };
}

/** Flat rows of the human-readable scorecard table (for CSV/JSON export). */
export function scorecardTable(card: Scorecard): {
  characteristic: string;
  bin: string;
  good: number;
  bad: number;
  woe: number;
  points: number;
}[] {
  return card.features.flatMap((f) =>
    f.bins.map((b) => ({
      characteristic: f.name,
      bin: b.label,
      good: b.good,
      bad: b.bad,
      woe: Number(b.woe.toFixed(4)),
      points: Math.round(b.points * 10) / 10,
    })),
  );
}
