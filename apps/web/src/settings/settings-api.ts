/** Shapes the settings page reads: assessment config, monitoring rules, authority matrix, users. */

export interface GradePolicy {
  creditSales: string;
  paymentTermsDays: number;
  maxCreditPeriodDays: number;
  prepaymentBps: number;
  guarantee: string;
  guaranteeThresholdMinor?: number;
  limitGradeFactor: number;
  reviewFrequencyMonths: number;
  summary: { en: string; zh: string };
}

/** `GET /assessment-config`. */
export interface AssessmentConfig {
  bands: { grade: string; minScore: number | null }[];
  masterScale: { notch: number; maxPd: number | null }[] | null;
  policyTable: Record<string, GradePolicy | number> & { coreCustomerReviewMonths: number };
}

/** Score range of each band: a band runs from its minScore up to the previous band's (exclusive). */
export function bandRanges(
  bands: AssessmentConfig["bands"],
): { grade: string; from: number | null; below: number | null }[] {
  return bands.map((band, i) => ({
    grade: band.grade,
    from: band.minScore,
    below: i === 0 ? null : (bands[i - 1]?.minScore ?? null),
  }));
}

/** The per-grade rows of the policy table (the numeric extras such as coreCustomerReviewMonths left out). */
export function policyRows(table: AssessmentConfig["policyTable"]): ({ grade: string } & GradePolicy)[] {
  return Object.entries(table).flatMap(([grade, policy]) =>
    typeof policy === "object" ? [{ grade, ...policy }] : [],
  );
}

export interface MonitoringRule {
  id: number;
  code: string;
  version: number;
  active: boolean;
  rule: {
    code: string;
    name: string;
    indicator: string;
    comparison: string;
    threshold:
      | { type: "absolute"; value: number }
      | { type: "relative"; factor: number; offset: number; floor?: number };
    windowDays: number;
    severity: string;
    department: string;
    action: string;
    enabled: boolean;
  };
  createdBy: string;
  createdAt: string;
}

const COMPARISONS: Record<string, string> = { gt: ">", gte: "≥", lt: "<", lte: "≤", eq: "=" };

/** "> 0.9", "> own average × 1 + 10 (at least 10)" — the rule's condition in one line. */
export function thresholdText(rule: MonitoringRule["rule"], ownAverage: string): string {
  const op = COMPARISONS[rule.comparison] ?? rule.comparison;
  const th = rule.threshold;
  if (th.type === "absolute") {
    return `${op} ${th.value}`;
  }
  const floor = th.floor === undefined ? "" : ` (≥ ${th.floor})`;
  return `${op} ${ownAverage} × ${th.factor} + ${th.offset}${floor}`;
}

export interface AuthorityMatrix {
  currency: string;
  entries: { role: string; level: number; maxMinor: number | null }[];
}

export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  role: string;
  team: string | null;
  email: string | null;
  status: "active" | "disabled";
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export const ROLES = [
  "admin",
  "credit_manager",
  "credit_analyst",
  "finance_ar",
  "sales",
  "auditor",
  "viewer",
] as const;
