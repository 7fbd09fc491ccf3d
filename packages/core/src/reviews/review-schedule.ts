import { addDays, addMonths, type IsoDate, type RiskGrade } from "../assessment/index.ts";

export const REVIEW_CONCLUSIONS = ["keep", "raise", "lower", "hold"] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];

/** Review interval policy (DOMAIN.md "Monitoring and review"), configurable. */
export interface ReviewPolicy {
  /** Core customers and high-risk customers: every quarter. */
  coreOrHighRiskMonths: number;
  /** Medium risk: every half year. */
  mediumRiskMonths: number;
  /** Everyone else: once a year. */
  otherMonths: number;
  /** An alert that pulls a review forward makes it due this many days after the alert. */
  alertLeadDays: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  coreOrHighRiskMonths: 3,
  mediumRiskMonths: 6,
  otherMonths: 12,
  alertLeadDays: 14,
};

/** Months between reviews for a customer of this tier and grade (null grade = not yet assessed → yearly unless core). */
export function reviewIntervalMonths(
  customer: { tier: string; grade: RiskGrade | null },
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): number {
  if (customer.tier === "core" || customer.grade === "high") {
    return policy.coreOrHighRiskMonths;
  }
  if (customer.grade === "medium") {
    return policy.mediumRiskMonths;
  }
  return policy.otherMonths;
}

/**
 * The next review date: the last completed review (or, without one, the customer's start in the
 * system) plus the interval; never later than an alert's pull-forward date.
 */
export function nextReviewDue(options: {
  tier: string;
  grade: RiskGrade | null;
  lastReviewOn: IsoDate | null;
  since: IsoDate;
  alertOn?: IsoDate | null;
  policy?: ReviewPolicy;
}): { dueOn: IsoDate; reason: "scheduled" | "alert" } {
  const policy = options.policy ?? DEFAULT_REVIEW_POLICY;
  const scheduled = addMonths(options.lastReviewOn ?? options.since, reviewIntervalMonths(options, policy));
  if (options.alertOn) {
    const pulled = addDays(options.alertOn, policy.alertLeadDays);
    if (pulled < scheduled) {
      return { dueOn: pulled, reason: "alert" };
    }
  }
  return { dueOn: scheduled, reason: "scheduled" };
}
