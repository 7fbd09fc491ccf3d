/**
 * Weight of evidence and information value (DOMAIN.md; Siddiqi, "Credit Risk Scorecards", 2006):
 *   WOE_i = ln(%good_i / %bad_i),  IV = Σ (%good_i − %bad_i) · WOE_i.
 * Smoothing: a bin with zero goods or zero bads gets 0.5 added to both of its counts
 * (Haldane–Anscombe correction) so its WOE stays finite; the totals are the unsmoothed totals.
 * An empty bin (no rows at all) has WOE 0 (neutral) and contributes nothing to IV.
 */

export interface GoodBad {
  readonly good: number;
  readonly bad: number;
}

export interface WoeResult {
  readonly woe: number[];
  readonly iv: number[];
  readonly totalIv: number;
}

/** WOE and IV contribution per cell. */
export function computeWoe(cells: readonly GoodBad[]): WoeResult {
  let totalGood = 0;
  let totalBad = 0;
  for (const cell of cells) {
    totalGood += cell.good;
    totalBad += cell.bad;
  }
  const woe: number[] = [];
  const iv: number[] = [];
  let totalIv = 0;
  for (const cell of cells) {
    if (cell.good + cell.bad === 0 || totalGood === 0 || totalBad === 0) {
      woe.push(0);
      iv.push(0);
      continue;
    }
    const smooth = cell.good === 0 || cell.bad === 0 ? 0.5 : 0;
    const pGood = (cell.good + smooth) / totalGood;
    const pBad = (cell.bad + smooth) / totalBad;
    const w = Math.log(pGood / pBad);
    const contribution = (pGood - pBad) * w;
    woe.push(w);
    iv.push(contribution);
    totalIv += contribution;
  }
  return { woe, iv, totalIv };
}

export const IV_STRENGTHS = ["useless", "weak", "medium", "strong", "suspicious"] as const;
export type IvStrength = (typeof IV_STRENGTHS)[number];

/** DOMAIN.md bands: < 0.02 useless, 0.02–0.1 weak, 0.1–0.3 medium, 0.3–0.5 strong, > 0.5 suspicious. */
export function ivStrength(iv: number): IvStrength {
  if (iv < 0.02) {
    return "useless";
  }
  if (iv < 0.1) {
    return "weak";
  }
  if (iv < 0.3) {
    return "medium";
  }
  if (iv <= 0.5) {
    return "strong";
  }
  return "suspicious";
}
