import { RISK_GRADES, type RiskGrade } from "../grading/bands.ts";
import type { LocalisedText } from "../scorecard/sources.ts";
import { formatIssuePath, type PathIssue } from "../shared/issues.ts";

export const CREDIT_SALES_STANCES = ["allowed", "moderate", "restricted"] as const;
export type CreditSalesStance = (typeof CREDIT_SALES_STANCES)[number];

export const GUARANTEE_REQUIREMENTS = ["none", "for_large_amounts", "required"] as const;
export type GuaranteeRequirement = (typeof GUARANTEE_REQUIREMENTS)[number];

/** Credit policy for one grade (DOMAIN.md "Score scale and grades" default policies). */
export interface GradePolicy {
  readonly creditSales: CreditSalesStance;
  /** Standard payment terms offered, days after invoice (net N). */
  readonly paymentTermsDays: number;
  /** Longest credit period that may be granted on approval, days. */
  readonly maxCreditPeriodDays: number;
  /** Share of each order to be paid before delivery, basis points (10,000 = 100 %). */
  readonly prepaymentBps: number;
  readonly guarantee: GuaranteeRequirement;
  /** With guarantee "for_large_amounts": orders at or above this amount (minor units, reporting currency). */
  readonly guaranteeThresholdMinor?: number | undefined;
  /** Multiplier applied to a computed credit limit (used by limits/). */
  readonly limitGradeFactor: number;
  /** Months between credit reviews. */
  readonly reviewFrequencyMonths: number;
  readonly summary: LocalisedText;
}

export type PolicyTable = Readonly<Record<RiskGrade, GradePolicy>> & {
  /** Review frequency for core (key-account) customers regardless of grade; DOMAIN.md: quarterly. */
  readonly coreCustomerReviewMonths: number;
};

export const DEFAULT_POLICY_TABLE: PolicyTable = {
  low: {
    creditSales: "allowed",
    paymentTermsDays: 60,
    maxCreditPeriodDays: 90,
    prepaymentBps: 0,
    guarantee: "none",
    limitGradeFactor: 1,
    reviewFrequencyMonths: 12,
    summary: { en: "Longer credit period allowed (net 60)", zh: "可给予较长信用期（60天）" },
  },
  medium: {
    creditSales: "moderate",
    paymentTermsDays: 30,
    maxCreditPeriodDays: 45,
    prepaymentBps: 0,
    guarantee: "for_large_amounts",
    guaranteeThresholdMinor: 100_000_000, // CNY 1,000,000.00
    limitGradeFactor: 0.6,
    reviewFrequencyMonths: 6,
    summary: {
      en: "Credit limit held to a moderate level (net 30); guarantee for large orders",
      zh: "信用额度控制在适中水平（30天）；大额订单需担保",
    },
  },
  high: {
    creditSales: "restricted",
    paymentTermsDays: 0,
    maxCreditPeriodDays: 15,
    prepaymentBps: 5_000,
    guarantee: "required",
    limitGradeFactor: 0.25,
    reviewFrequencyMonths: 3,
    summary: {
      en: "Credit sales restricted; 50% prepayment and a guarantee required",
      zh: "限制赊销；须预付50%并提供担保",
    },
  },
  coreCustomerReviewMonths: 3,
};

export interface AppliedPolicy extends GradePolicy {
  readonly grade: RiskGrade;
}

/**
 * The policy for a grade; core customers are reviewed at least as often as the table's
 * `coreCustomerReviewMonths` (DOMAIN.md: core and high-risk customers quarterly, medium half-yearly,
 * others yearly).
 */
export function policyForGrade(options: {
  grade: RiskGrade;
  isCoreCustomer?: boolean;
  table?: PolicyTable;
}): AppliedPolicy {
  const table = options.table ?? DEFAULT_POLICY_TABLE;
  const policy = table[options.grade];
  const reviewFrequencyMonths = options.isCoreCustomer
    ? Math.min(policy.reviewFrequencyMonths, table.coreCustomerReviewMonths)
    : policy.reviewFrequencyMonths;
  return { grade: options.grade, ...policy, reviewFrequencyMonths };
}

/** Problems of a configured table with their paths, e.g. ["low", "prepaymentBps"] (empty = fine). */
export function policyTableIssues(table: PolicyTable): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const grade of RISK_GRADES) {
    const p = table[grade];
    if (!Number.isInteger(p.prepaymentBps) || p.prepaymentBps < 0 || p.prepaymentBps > 10_000) {
      issues.push({ path: [grade, "prepaymentBps"], message: "must be a whole number 0–10000" });
    }
    if (p.paymentTermsDays > p.maxCreditPeriodDays) {
      issues.push({ path: [grade, "paymentTermsDays"], message: "exceeds maxCreditPeriodDays" });
    }
    if (p.reviewFrequencyMonths <= 0) {
      issues.push({ path: [grade, "reviewFrequencyMonths"], message: "must be positive" });
    }
    if (p.limitGradeFactor < 0) {
      issues.push({ path: [grade, "limitGradeFactor"], message: "must not be negative" });
    }
  }
  return issues;
}

/** Problems of a configured table as "low.prepaymentBps: …" strings (empty = fine). */
export function validatePolicyTable(table: PolicyTable): string[] {
  return policyTableIssues(table).map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
}
