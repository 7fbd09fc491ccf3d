import { z } from "zod";
import { RISK_GRADES, type RiskGrade } from "../assessment/index.ts";

/**
 * Weights of the collection priority (see `collectionPriority`). Each weight is the exponent of its
 * factor, i.e. its linear weight in log space: ln(priority) = wA·ln(amount) + wD·ln(days) + wR·ln(risk).
 * 1/1/1 (the default) is the plain product "amount × days × risk" the issue asks for; 0 drops a
 * factor; 2 makes it dominate (a doubling of it counts like quadrupling another with weight 1).
 */
export const priorityWeightsSchema = z
  .object({
    amount: z.number().finite().min(0).max(5).default(1),
    days: z.number().finite().min(0).max(5).default(1),
    risk: z.number().finite().min(0).max(5).default(1),
    /**
     * PD used when a customer has no assessment with a PD, by its latest grade, and for the
     * unassessed. Defaults sit inside the DOMAIN.md bands (650 points = odds 30:1 = PD ≈ 3.2 % is
     * the scale anchor; ≥ 700 points ≈ PD ≤ 1.4 %; ≤ 599 points ≈ PD ≥ 7.3 %).
     */
    gradePd: z
      .object({
        low: z.number().gt(0).max(1).default(0.01),
        medium: z.number().gt(0).max(1).default(0.032),
        high: z.number().gt(0).max(1).default(0.15),
      })
      .strict()
      .default({ low: 0.01, medium: 0.032, high: 0.15 }),
    /** Unknown risk is treated as the scale anchor, not as no risk: it must not sink to the bottom. */
    unassessedPd: z.number().gt(0).max(1).default(0.032),
  })
  .strict();
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>;
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = priorityWeightsSchema.parse({});

/** The risk factor of a customer: the active assessment's PD, else a PD by grade, else the anchor. */
export function riskFactor(
  risk: { pd: number | null; grade: string | null },
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): number {
  if (risk.pd !== null && Number.isFinite(risk.pd) && risk.pd > 0) {
    return Math.min(1, risk.pd);
  }
  if (risk.grade !== null && (RISK_GRADES as readonly string[]).includes(risk.grade)) {
    return weights.gradePd[risk.grade as RiskGrade];
  }
  return weights.unassessedPd;
}

/**
 * Collection priority of one overdue invoice:
 *
 *   priority = amount^wA × daysOverdue^wD × risk^wR
 *
 * - amount: the open amount in minor units of the base currency — what is at stake;
 * - daysOverdue: days past due (≥ 1) — the older a debt, the less likely it is ever collected, so
 *   it gets more urgent with time;
 * - risk: the customer's probability of default from the active assessment (or a grade PD).
 * With unit weights amount × risk is the invoice's expected loss up to the constant LGD
 * (DOMAIN.md: EL = PD × LGD × EAD), scaled by how long it has been outstanding. A ranking score,
 * never money: it is a float and is only compared.
 */
export function collectionPriority(
  input: { openBaseMinor: number; daysOverdue: number; pd: number | null; grade: string | null },
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): number {
  if (input.openBaseMinor <= 0 || input.daysOverdue <= 0) {
    return 0;
  }
  return (
    input.openBaseMinor ** weights.amount *
    input.daysOverdue ** weights.days *
    riskFactor(input, weights) ** weights.risk
  );
}
