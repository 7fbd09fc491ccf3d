import { addDays, RISK_GRADES, type RiskGrade } from "../assessment/index.ts";
import { NOTCHED_RATING_SCALE } from "../assessment/scorecard/scoring-inputs.ts";
import { detectBreak } from "./anomaly.ts";
import type { MonitoringFacts } from "./monitoring-facts.ts";
import type { Comparison, Indicator, MonitoringRule } from "./rule-schema.ts";

/** One indicator measured for one customer: a value (and baseline), or why it cannot be. */
export type Measurement =
  | { status: "ok"; value: number; baseline?: number }
  | { status: "skipped"; note: string };

/** A rule's verdict for one customer. */
export interface RuleOutcome {
  customerId: number;
  ruleCode: string;
  /** Distinguishes several alerts of one rule for one customer (reserved; "" today). */
  key: string;
  breached: boolean;
  value: number;
  threshold: number;
  baseline: number | null;
}

const RATING_SCALE: readonly string[] = NOTCHED_RATING_SCALE;

/** Position on a letter rating scale (lower = better); unknown ratings give null. */
export function ratingNotch(rating: string | null): number | null {
  if (rating === null) {
    return null;
  }
  const i = RATING_SCALE.indexOf(rating.trim().toUpperCase());
  return i < 0 ? null : i;
}

const gradeIndex = (g: RiskGrade) => RISK_GRADES.indexOf(g);

/** Measures one indicator of one customer. */
export function measure(rule: MonitoringRule, facts: MonitoringFacts, asOf: string): Measurement {
  const indicator: Indicator = rule.indicator;
  const b = facts.behaviour.get(rule.windowDays) ?? facts.behaviour.get(90);
  const metric = (
    m: { status: "ok"; value: number } | { status: "not_computable"; reason: string },
  ): Measurement =>
    m.status === "ok" ? { status: "ok", value: m.value } : { status: "skipped", note: m.reason };
  switch (indicator) {
    case "payment_cycle_days": {
      if (!b) {
        return { status: "skipped", note: "no behaviour metrics" };
      }
      const dso = metric(b.dso);
      return dso.status === "ok" && facts.paymentTermsDays !== null
        ? { ...dso, baseline: facts.paymentTermsDays }
        : dso;
    }
    case "days_beyond_terms": {
      if (!b) {
        return { status: "skipped", note: "no behaviour metrics" };
      }
      if (b.daysBeyondTerms3m.status !== "ok" || b.daysBeyondTerms12m.status !== "ok") {
        return { status: "skipped", note: "no payments in the last 3 or 12 months" };
      }
      return { status: "ok", value: b.daysBeyondTerms3m.value, baseline: b.daysBeyondTerms12m.value };
    }
    case "days_beyond_terms_trend":
      return b ? metric(b.daysBeyondTermsTrend) : { status: "skipped", note: "no behaviour metrics" };
    case "order_volume_ratio":
      return b ? metric(b.orderTrendRatio) : { status: "skipped", note: "no behaviour metrics" };
    case "order_volume_monthly":
      return b
        ? { status: "ok", value: b.orderTrailingMonthlyAverageMinor }
        : { status: "skipped", note: "no behaviour metrics" };
    case "complaint_count":
      return b
        ? { status: "ok", value: b.complaintCount12m }
        : { status: "skipped", note: "no behaviour metrics" };
    case "complaint_rate":
      return b
        ? metric(b.complaintRatePer100Invoices12m)
        : { status: "skipped", note: "no behaviour metrics" };
    case "overdue_amount":
      return b
        ? { status: "ok", value: b.overdueMinor }
        : { status: "skipped", note: "no behaviour metrics" };
    case "max_days_past_due":
      return b
        ? { status: "ok", value: b.maxDaysPastDue }
        : { status: "skipped", note: "no behaviour metrics" };
    case "limit_utilisation":
      return facts.limitUtilisation === null
        ? { status: "skipped", note: "no credit limit recorded" }
        : { status: "ok", value: facts.limitUtilisation };
    case "score_drop":
      return facts.latestScore === null || facts.previousScore === null
        ? { status: "skipped", note: "fewer than two assessments" }
        : { status: "ok", value: facts.previousScore - facts.latestScore };
    case "grade_downgrade":
      return facts.grade === null || facts.previousGrade === null
        ? { status: "skipped", note: "fewer than two assessments" }
        : { status: "ok", value: gradeIndex(facts.grade) - gradeIndex(facts.previousGrade) };
    case "altman_distress":
      return facts.altmanZone === null
        ? { status: "skipped", note: "Altman Z not computable from the latest statement" }
        : { status: "ok", value: facts.altmanZone === "distress" ? 1 : 0 };
    case "current_ratio":
      return facts.currentRatio === null
        ? { status: "skipped", note: "current ratio not computable" }
        : { status: "ok", value: facts.currentRatio };
    case "external_events": {
      const after = addDays(asOf, -rule.windowDays);
      const types = new Set(rule.eventTypes ?? []);
      const n = facts.events.filter((e) => types.has(e.type) && e.date > after && e.date <= asOf).length;
      return { status: "ok", value: n };
    }
    case "rating_downgrade": {
      const now = ratingNotch(facts.rating);
      const before = ratingNotch(facts.previousRating);
      return now === null || before === null
        ? { status: "skipped", note: "fewer than two ratings on a known scale" }
        : { status: "ok", value: now - before };
    }
    case "broken_promises_6m":
      return b
        ? { status: "ok", value: b.brokenPromiseCount6m }
        : { status: "skipped", note: "no behaviour metrics" };
    case "broken_promises_12m":
      return b
        ? { status: "ok", value: b.brokenPromiseCount12m }
        : { status: "skipped", note: "no behaviour metrics" };
    case "order_volume_anomaly":
    case "payment_days_anomaly": {
      const series = indicator === "order_volume_anomaly" ? facts.monthlyOrders : facts.monthlyPaymentDays;
      const r = detectBreak(series);
      return r.status === "ok" ? { status: "ok", value: r.z } : { status: "skipped", note: r.reason };
    }
    default: {
      const never: never = indicator;
      throw new Error(`unknown indicator ${String(never)}`);
    }
  }
}

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case "gt":
      return value > threshold;
    case "gte":
      return value >= threshold;
    case "lt":
      return value < threshold;
    case "lte":
      return value <= threshold;
    default: {
      const never: never = comparison;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}

/** Whether the rule applies to the customer (empty scope = all). */
export function inScope(rule: MonitoringRule, facts: MonitoringFacts): boolean {
  const { tiers, industries, grades } = rule.scope;
  if (tiers && !tiers.includes(facts.tier as "core" | "general")) {
    return false;
  }
  if (industries && (facts.industry === null || !industries.includes(facts.industry))) {
    return false;
  }
  if (grades && (facts.grade === null || !grades.includes(facts.grade))) {
    return false;
  }
  return true;
}

/** The threshold a measurement is compared with, and whether it breaches the rule's own test. */
function judge(rule: MonitoringRule, m: { value: number; baseline?: number }) {
  const t = rule.threshold;
  if (t.type === "absolute") {
    return { threshold: t.value, breached: compare(m.value, rule.comparison, t.value) };
  }
  if (m.baseline === undefined) {
    // Validation keeps relative thresholds to indicators with a baseline; one missing here (e.g.
    // no payment terms recorded) cannot be judged against the customer's own history.
    return null;
  }
  const threshold = m.baseline * t.factor + t.offset;
  return {
    threshold,
    breached:
      compare(m.value, rule.comparison, threshold) &&
      (t.floor === undefined || compare(m.value, rule.comparison, t.floor)),
  };
}

/** Whether every materiality condition of the rule holds (an unmeasurable one does not). */
function materialityHolds(rule: MonitoringRule, facts: MonitoringFacts, asOf: string): boolean {
  return rule.requires.every((c) => {
    const m = measure({ ...rule, indicator: c.indicator, requires: [] }, facts, asOf);
    return m.status === "ok" && compare(m.value, c.comparison, c.value);
  });
}

/**
 * Evaluates every enabled rule in scope for every customer: an outcome (breached or clear) for each
 * measurable pair, so the caller can both raise alerts and notice conditions that cleared. A
 * breach counts only when the rule's materiality conditions hold too.
 */
export function evaluateRules(options: {
  rules: readonly MonitoringRule[];
  facts: Iterable<MonitoringFacts>;
  asOf: string;
}): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  for (const f of options.facts) {
    for (const rule of options.rules) {
      if (!rule.enabled || !inScope(rule, f)) {
        continue;
      }
      const m = measure(rule, f, options.asOf);
      if (m.status !== "ok") {
        continue;
      }
      const verdict = judge(rule, m);
      if (verdict === null) {
        continue;
      }
      out.push({
        customerId: f.customerId,
        ruleCode: rule.code,
        key: "",
        breached: verdict.breached && materialityHolds(rule, f, options.asOf),
        value: m.value,
        threshold: verdict.threshold,
        baseline: m.baseline ?? null,
      });
    }
  }
  return out;
}
