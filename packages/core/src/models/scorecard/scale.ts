/**
 * The points scale (DOMAIN.md): score = offset + factor · ln(odds_good), factor = PDO / ln 2,
 * with `points` at `odds` good:bad (default 650 at 30:1, PDO 40).
 */
export interface ScoreScale {
  readonly points: number;
  readonly odds: number;
  readonly pdo: number;
}

export const DEFAULT_SCALE: ScoreScale = { points: 650, odds: 30, pdo: 40 };

export function scaleFactor(scale: ScoreScale): { factor: number; offset: number } {
  const factor = scale.pdo / Math.LN2;
  return { factor, offset: scale.points - factor * Math.log(scale.odds) };
}

/** Score for a margin (log-odds of bad): ln(odds_good) = −margin. */
export function scoreFromMargin(margin: number, scale: ScoreScale): number {
  const { factor, offset } = scaleFactor(scale);
  return offset - factor * margin;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
