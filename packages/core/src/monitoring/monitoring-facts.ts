import type { BehaviourMetrics, RiskGrade } from "../assessment/index.ts";

/**
 * Everything the rules read about one customer as of a date, assembled set-wise by the lib run.
 * A value that could not be measured is null, and `notes` says why (such rules are skipped).
 */
export interface MonitoringFacts {
  customerId: number;
  code: string;
  tier: string;
  industry: string | null;
  /** Agreed payment terms (days), the baseline of the payment cycle; null when not recorded. */
  paymentTermsDays: number | null;
  /** Latest recorded grade (scope filter, review schedule). */
  grade: RiskGrade | null;
  /** Behaviour metrics per DSO window (days) the rules asked for; 90 is always present. */
  behaviour: ReadonlyMap<number, BehaviourMetrics>;
  latestScore: number | null;
  previousScore: number | null;
  previousGrade: RiskGrade | null;
  altmanZone: "safe" | "grey" | "distress" | null;
  currentRatio: number | null;
  /** External events (type, date) of the last 3 years up to as-of. */
  events: readonly { type: string; date: string }[];
  /** Latest and previous external rating (letter scale). */
  rating: string | null;
  previousRating: string | null;
  /** Open receivables ÷ current limit; null when the customer has no limit. */
  limitUtilisation: number | null;
  /** Monthly order volume (minor units, base currency), oldest first, the last element = as-of's month. */
  monthlyOrders: readonly number[];
  /** Monthly amount-weighted payment days (payment date − invoice date), null for months without payments. */
  monthlyPaymentDays: readonly (number | null)[];
}
