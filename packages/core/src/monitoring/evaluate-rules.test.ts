import { describe, expect, it } from "vitest";
import { type BehaviourAggregates, behaviourFromAggregates } from "../assessment/index.ts";
import { DEFAULT_RULES } from "./default-rules.ts";
import { evaluateRules, ratingNotch } from "./evaluate-rules.ts";
import type { MonitoringFacts } from "./monitoring-facts.ts";
import { validateRule } from "./rule-schema.ts";

const AS_OF = "2025-06-30";

/** A healthy customer: 1,000,000.00 monthly sales, 60-day DSO, pays ~2 days late, stable orders. */
function aggregates(over: Partial<BehaviourAggregates> = {}): BehaviourAggregates {
  return {
    asOf: AS_OF,
    collectionPeriodDays: 90,
    aging: { current: 200_000_000, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
    maxDaysPastDue: 0,
    unallocatedCreditMinor: 0,
    creditSalesMinor: 300_000_000,
    openingArMinor: 200_000_000,
    dbt: {
      m3: { weightedDays: 2 * 300_000_000, amountMinor: 300_000_000 },
      m6: { weightedDays: 2 * 600_000_000, amountMinor: 600_000_000 },
      m12: { weightedDays: 2 * 1_200_000_000, amountMinor: 1_200_000_000 },
    },
    payments12m: { amountMinor: 1_200_000_000, lateAmountMinor: 100_000_000, count: 12, lateCount: 1 },
    openDisputeCount: 0,
    openDisputeAmountMinor: 0,
    complaintCount12m: 0,
    invoiceCount12m: 12,
    orderVolume3mMinor: 300_000_000,
    orderTrailing12mMinor: 1_200_000_000,
    ...over,
  };
}

function healthy(over: Partial<MonitoringFacts> = {}): MonitoringFacts {
  return {
    customerId: 1,
    code: "C1",
    tier: "core",
    industry: "C",
    paymentTermsDays: 60,
    grade: "low",
    behaviour: new Map([[90, behaviourFromAggregates(aggregates())]]),
    latestScore: 720,
    previousScore: 715,
    previousGrade: "low",
    altmanZone: "safe",
    currentRatio: 1.8,
    events: [{ type: "address_change", date: "2025-05-01" }],
    rating: "AA",
    previousRating: "AA",
    limitUtilisation: 0.5,
    monthlyOrders: Array.from({ length: 24 }, (_, i) => 100_000_000 + (i % 3) * 5_000_000),
    monthlyPaymentDays: Array.from({ length: 24 }, (_, i) => 60 + (i % 4)),
    ...over,
  };
}

const withBehaviour = (over: Partial<BehaviourAggregates>) => ({
  behaviour: new Map([[90, behaviourFromAggregates(aggregates(over))]]),
});

/** Days beyond terms 25 in the last 3 months against (25·3 + 2·9)/12 = 7.75 over 12 months. */
const PAYING_LATER = {
  m3: { weightedDays: 25 * 300_000_000, amountMinor: 300_000_000 },
  m6: { weightedDays: 27 * 300_000_000, amountMinor: 600_000_000 },
  m12: { weightedDays: (25 * 3 + 2 * 9) * 100_000_000, amountMinor: 1_200_000_000 },
};

/** For every default rule, a history that must breach it. */
const BREACHES: Record<string, Partial<MonitoringFacts>> = {
  // 400,000,000 open (100,000,000 of it overdue) on 300,000,000 sales over 90 days → DSO 120 >
  // 60-day terms + 45, with material overdue.
  payment_cycle_long: withBehaviour({
    aging: { current: 300_000_000, d1_30: 100_000_000, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
    maxDaysPastDue: 20,
  }),
  // 3-month 25 days vs own 12-month 7.75 → 25 > 7.75 + 15 and ≥ 20.
  days_beyond_terms_rising: withBehaviour({ dbt: PAYING_LATER }),
  // (120,000,000 / 3) / (1,200,000,000 / 12) = 0.4 < 0.5 while days beyond terms rise by 17.25.
  order_volume_drop: withBehaviour({ orderVolume3mMinor: 120_000_000, dbt: PAYING_LATER }),
  // 3 complaints per 12 invoices = 25 per 100.
  complaint_rate_high: withBehaviour({ complaintCount12m: 3 }),
  overdue_days_high: withBehaviour({
    aging: { current: 100_000_000, d1_30: 0, d31_60: 0, d61_90: 10_000_000, d91_180: 0, over180: 0 },
    maxDaysPastDue: 75,
  }),
  overdue_days_critical: withBehaviour({
    aging: { current: 100_000_000, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 20_000_000, over180: 0 },
    maxDaysPastDue: 120,
  }),
  overdue_amount_high: withBehaviour({
    aging: { current: 100_000_000, d1_30: 0, d31_60: 100_000_001, d61_90: 0, d91_180: 0, over180: 0 },
    maxDaysPastDue: 45,
  }),
  limit_utilisation_high: { limitUtilisation: 0.95 },
  score_drop: { latestScore: 670, previousScore: 715, grade: "medium" },
  grade_downgrade: { grade: "high", previousGrade: "medium", latestScore: 590, previousScore: 615 },
  altman_distress: { altmanZone: "distress" },
  current_ratio_low: { currentRatio: 0.7 },
  legal_events: { events: [{ type: "lawsuit", date: "2025-06-01" }] },
  enforcement_events: { events: [{ type: "enforcement", date: "2025-06-10" }] },
  management_change: { events: [{ type: "management_change", date: "2025-04-15" }] },
  rating_downgrade: { rating: "A", previousRating: "AA" },
  order_volume_break: {
    monthlyOrders: Array.from({ length: 24 }, (_, i) =>
      i < 21 ? 100_000_000 + (i % 3) * 5_000_000 : 30_000_000,
    ),
  },
  // Two promises to pay broken within half a year.
  broken_promises_repeated: withBehaviour({ brokenPromises: { m6: 2, m12: 2 } }),
  payment_days_break: {
    monthlyPaymentDays: Array.from({ length: 24 }, (_, i) => (i < 21 ? 60 + (i % 4) : 110)),
  },
};

/**
 * Near misses that a credit manager would not want to hear about: each breaches its rule's main
 * threshold but not its materiality, own-history or scope condition, so the rule stays quiet.
 */
const HELD_BACK: [string, string, Partial<MonitoringFacts>][] = [
  [
    "payment_cycle_long",
    "DSO 120 is within 90-day terms + 45",
    {
      paymentTermsDays: 90,
      ...withBehaviour({
        aging: { current: 300_000_000, d1_30: 100_000_000, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
      }),
    },
  ],
  [
    "payment_cycle_long",
    "DSO 133 with only 40,000.00 overdue",
    withBehaviour({
      aging: { current: 396_000_000, d1_30: 4_000_000, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
    }),
  ],
  ["complaint_rate_high", "one complaint on 12 invoices", withBehaviour({ complaintCount12m: 1 })],
  [
    "overdue_days_high",
    "75 days past due on 20,000.00",
    withBehaviour({
      aging: { current: 100_000_000, d1_30: 0, d31_60: 0, d61_90: 2_000_000, d91_180: 0, over180: 0 },
      maxDaysPastDue: 75,
    }),
  ],
  [
    "overdue_days_critical",
    "120 days past due on 60,000.00",
    withBehaviour({
      aging: { current: 100_000_000, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 6_000_000, over180: 0 },
      maxDaysPastDue: 120,
    }),
  ],
  [
    "order_volume_drop",
    "orders halve while payments keep their pace",
    withBehaviour({ orderVolume3mMinor: 120_000_000 }),
  ],
  ["grade_downgrade", "low → medium (not into high risk)", { grade: "medium", previousGrade: "low" }],
  ["rating_downgrade", "one notch (AA → AA-)", { rating: "AA-", previousRating: "AA" }],
  ["score_drop", "a 30-point dip", { latestScore: 685, previousScore: 715 }],
  [
    "broken_promises_repeated",
    "one broken promise in 6 months (another broken 9 months ago)",
    withBehaviour({ brokenPromises: { m6: 1, m12: 2 } }),
  ],
];

const fired = (facts: MonitoringFacts) =>
  evaluateRules({ rules: DEFAULT_RULES, facts: [facts], asOf: AS_OF })
    .filter((o) => o.breached)
    .map((o) => o.ruleCode);

describe("default rules", () => {
  it("stay quiet on a healthy customer", () => {
    expect(fired(healthy())).toEqual([]);
  });

  it("cover every default rule with a breaching case", () => {
    expect(Object.keys(BREACHES).sort()).toEqual(DEFAULT_RULES.map((r) => r.code).sort());
  });

  it.each(Object.entries(BREACHES))("%s fires on its constructed history", (code, over) => {
    expect(fired(healthy(over))).toContain(code);
  });

  it.each(HELD_BACK)("%s stays quiet: %s", (code, _why, over) => {
    expect(fired(healthy(over))).not.toContain(code);
  });

  it("raise a warning on the seeds' retail case: orders drop while the payment cycle lengthens", () => {
    const retail = healthy({
      ...withBehaviour({ orderVolume3mMinor: 90_000_000, dbt: PAYING_LATER }),
      // Payment days (payment − invoice date) climb from ~60 to 95 over the last months.
      monthlyPaymentDays: Array.from({ length: 24 }, (_, i) => (i < 18 ? 60 + (i % 3) : 60 + (i - 17) * 6)),
    });
    const raised = evaluateRules({ rules: DEFAULT_RULES, facts: [retail], asOf: AS_OF }).filter(
      (o) => o.breached,
    );
    const severities = raised.map((o) => DEFAULT_RULES.find((r) => r.code === o.ruleCode)!.severity);
    expect(raised.map((o) => o.ruleCode)).toEqual(
      expect.arrayContaining(["order_volume_drop", "days_beyond_terms_rising"]),
    );
    expect(severities).toContain("warning");
  });

  it("reports value, threshold and baseline of a relative rule", () => {
    const [o] = evaluateRules({
      rules: DEFAULT_RULES.filter((r) => r.code === "days_beyond_terms_rising"),
      facts: [healthy(BREACHES.days_beyond_terms_rising)],
      asOf: AS_OF,
    });
    expect(o?.value).toBe(25);
    expect(o?.baseline).toBeCloseTo(7.75, 10);
    expect(o?.threshold).toBeCloseTo(22.75, 10);
  });

  it("skips limit utilisation when there is no limit, and respects scope", () => {
    const noLimit = evaluateRules({
      rules: DEFAULT_RULES,
      facts: [healthy({ limitUtilisation: null })],
      asOf: AS_OF,
    });
    expect(noLimit.some((o) => o.ruleCode === "limit_utilisation_high")).toBe(false);
    const scoped = DEFAULT_RULES.map((r) => ({ ...r, scope: { tiers: ["general" as const] } }));
    expect(evaluateRules({ rules: scoped, facts: [healthy(BREACHES.altman_distress)], asOf: AS_OF })).toEqual(
      [],
    );
  });

  it("ignores events outside the look-back window", () => {
    expect(fired(healthy({ events: [{ type: "lawsuit", date: "2025-03-01" }] }))).not.toContain(
      "legal_events",
    );
  });
});

describe("validateRule", () => {
  it("accepts a default rule and names the path of each error", () => {
    expect(validateRule(DEFAULT_RULES[0]).ok).toBe(true);
    const bad = validateRule({
      ...DEFAULT_RULES[0],
      severity: "urgent",
      threshold: { type: "absolute", value: "x" },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path).sort()).toEqual(["severity", "threshold.value"]);
    }
  });

  it("rejects a relative threshold on an indicator without a baseline", () => {
    const overdue = DEFAULT_RULES.find((r) => r.code === "overdue_days_high")!;
    const r = validateRule({ ...overdue, threshold: { type: "relative", factor: 1.2 } });
    expect(r.ok === false && r.issues[0]?.path).toBe("threshold.type");
  });

  it("checks materiality conditions: known indicator, comparison and a number; no event counts", () => {
    const base = DEFAULT_RULES.find((r) => r.code === "overdue_days_high")!;
    const bad = validateRule({
      ...base,
      requires: [
        { indicator: "overdue_amount", comparison: "gte", value: "lots" },
        { indicator: "external_events", comparison: "gte", value: 1 },
      ],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path).sort()).toEqual(["requires.0.value", "requires.1.indicator"]);
    }
    expect(validateRule({ ...base, requires: [] }).ok).toBe(true);
  });

  it("holds a rule back when a materiality condition cannot be measured", () => {
    const rule = {
      ...DEFAULT_RULES.find((r) => r.code === "altman_distress")!,
      requires: [{ indicator: "current_ratio" as const, comparison: "lt" as const, value: 1 }],
    };
    const outcomes = evaluateRules({
      rules: [rule],
      facts: [healthy({ altmanZone: "distress", currentRatio: null })],
      asOf: AS_OF,
    });
    expect(outcomes.map((o) => [o.ruleCode, o.breached])).toEqual([["altman_distress", false]]);
  });

  it("orders ratings", () => {
    expect(ratingNotch("AA")! < ratingNotch("A")!).toBe(true);
    expect(ratingNotch("XYZ")).toBeNull();
  });
});
