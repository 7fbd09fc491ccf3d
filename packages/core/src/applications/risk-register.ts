/**
 * The customer risk register: the risk types of credit practice — credit, operational, market,
 * reputation — each with likelihood and impact on a 1–5 scale (ISO 31000-style risk matrix; the
 * rating is their product, 1–25).
 */
export const RISK_CATEGORIES = ["credit", "operational", "market", "reputation"] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Likelihood × impact, each 1–5. */
export function riskRating(likelihood: number, impact: number): number {
  return likelihood * impact;
}

/** Bands of the 5×5 matrix: ≥ 15 high, ≥ 8 medium, else low. */
export function riskLevel(rating: number): "low" | "medium" | "high" {
  return rating >= 15 ? "high" : rating >= 8 ? "medium" : "low";
}
