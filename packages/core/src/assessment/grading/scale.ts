import type { ScoreScale } from "../scorecard/schema.ts";

/** DOMAIN.md default: 650 points at good:bad odds 30:1, 40 points to double the odds. */
export const DEFAULT_SCORE_SCALE: ScoreScale = { points: 650, odds: 30, pdo: 40 };

/** factor = PDO / ln 2; offset = points − factor · ln(odds). */
export function scaleParameters(scale: ScoreScale): { factor: number; offset: number } {
  const factor = scale.pdo / Math.LN2;
  return { factor, offset: scale.points - factor * Math.log(scale.odds) };
}

/** Good:bad odds implied by a score: exp((score − offset) / factor). */
export function oddsFromScore(score: number, scale: ScoreScale = DEFAULT_SCORE_SCALE): number {
  const { factor, offset } = scaleParameters(scale);
  return Math.exp((score - offset) / factor);
}

/**
 * PD = 1 / (1 + odds_good). Computed as a logistic of the score so that extreme scores give PDs
 * that approach 0 or 1 instead of overflowing.
 */
export function pdFromScore(score: number, scale: ScoreScale = DEFAULT_SCORE_SCALE): number {
  const { factor, offset } = scaleParameters(scale);
  const t = (score - offset) / factor; // ln(odds_good)
  return t >= 0 ? Math.exp(-t) / (1 + Math.exp(-t)) : 1 / (1 + Math.exp(t));
}

/** score = offset + factor · ln((1 − PD) / PD); PD must lie strictly between 0 and 1. */
export function scoreFromPd(pd: number, scale: ScoreScale = DEFAULT_SCORE_SCALE): number {
  if (!(pd > 0 && pd < 1)) {
    throw new RangeError(`PD must lie strictly between 0 and 1, got ${pd}`);
  }
  const { factor, offset } = scaleParameters(scale);
  return offset + factor * Math.log((1 - pd) / pd);
}

export const DISPLAY_SCORE_MIN = 300;
export const DISPLAY_SCORE_MAX = 850;

/**
 * The score as shown to people: rounded DOWN to a whole point, then clamped to 300–850. Flooring (not
 * rounding) keeps the shown number in the same grade band as the raw score: 699.6 shows as 699 and is
 * graded medium, never "700 but medium". Grades, PDs and notches always use the raw score.
 */
export function displayScore(score: number): number {
  return Math.min(DISPLAY_SCORE_MAX, Math.max(DISPLAY_SCORE_MIN, Math.floor(score)));
}
