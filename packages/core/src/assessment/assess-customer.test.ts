import { describe, expect, it } from "vitest";
import { type AssessCustomerOptions, assessCustomer } from "./assess-customer.ts";
import { computeBehaviourMetrics } from "./behaviour/compute-behaviour-metrics.ts";
import { SMALL_LEDGER } from "./behaviour/fixtures.ts";
import { ROUND_STATEMENT } from "./financial/fixtures.ts";
import { DEFAULT_GRADE_BANDS } from "./grading/bands.ts";
import { DEFAULT_SCORECARD } from "./scorecard/default-scorecard.ts";
import { loadScorecard } from "./scorecard/schema.ts";

/** A five-characteristic card small enough to check the whole result by hand. */
const SMALL_CARD = loadScorecard({
  id: "small",
  version: "small-1",
  name: "small test card",
  basePoints: 580,
  scale: { points: 650, odds: 30, pdo: 40 },
  characteristics: [
    {
      code: "FIN_CURRENT_RATIO",
      source: "financial.currentRatio",
      bins: [
        { range: { to: 1.5 }, points: 0 },
        { range: { from: 1.5, to: 2 }, points: 10 },
        { range: { from: 2 }, points: 20 },
        { missing: true, points: 5 },
      ],
    },
    {
      code: "FIN_ALTMAN_ZONE",
      source: "financial.altmanZone",
      bins: [
        { categories: ["safe"], points: 30 },
        { categories: ["grey"], points: 15 },
        { categories: ["distress"], points: 0 },
        { missing: true, points: 10 },
      ],
    },
    {
      code: "BEH_DBT_6M",
      source: "behaviour.daysBeyondTerms6m",
      bins: [
        { range: { to: 5 }, points: 40 },
        { range: { from: 5 }, points: 10 },
        { missing: true, points: 10 },
      ],
    },
    {
      code: "EVT_ADVERSE_12M",
      source: "events.adverseCount12m",
      bins: [
        { range: { to: 1 }, points: 30 },
        { range: { from: 1 }, points: 0 },
        { missing: true, points: 15 },
      ],
    },
    {
      code: "EXT_RATING",
      source: "external.rating",
      bins: [
        { categories: ["AAA", "AA", "A"], points: 20 },
        { categories: ["BBB", "BB", "B", "CCC", "CC", "C", "D"], points: 0 },
        { missing: true, points: 10 },
      ],
    },
  ],
});

const profile = {
  ownership: "private",
  isManufacturer: true,
  foundedOn: "2010-03-15",
  registeredCapitalMinor: 1_000_000_000,
  industryRisk: "low",
  isCoreCustomer: true,
} as const;

const FIXED: AssessCustomerOptions = {
  asOf: "2025-06-30",
  profile,
  statements: [
    { ...ROUND_STATEMENT, periodStart: "2025-07-01", periodEnd: "2025-12-31" }, // after as-of: ignored
    ROUND_STATEMENT,
  ],
  behaviour: null,
  external: { rating: "AA" },
  events: [
    { date: "2025-03-01", type: "lawsuit" },
    { date: "2024-06-30", type: "other" }, // exactly 12 months back: outside (asOf − 12 months, asOf]
  ],
  scorecard: SMALL_CARD,
};

describe("assessCustomer", () => {
  it("produces the hand-checked result for a fixed input", () => {
    // Score = 580 + 20 (current ratio 2.0 ∈ [2, ∞)) + 15 (Z' 2.498 grey) + 10 (no payment history)
    //       + 0 (one adverse event) + 20 (rating AA) = 645.
    // odds = 30 / 2^(5/40) = 30 / 1.0905077 = 27.510121; PD = 1 / 28.510121 = 3.5075 % → notch 7 (3.3 %, 5 %].
    expect(assessCustomer(FIXED)).toEqual({
      asOf: "2025-06-30",
      scorecardId: "small",
      scorecardVersion: "small-1",
      score: 645,
      displayScore: 645,
      pd: expect.closeTo(0.03507526, 8),
      oddsGood: expect.closeTo(27.510121, 6),
      grade: "medium",
      scoreGrade: "medium",
      overrides: [],
      masterNotch: { notch: 7, minPd: 0.033, maxPd: 0.05 },
      reasons: [
        {
          kind: "points",
          code: "BEH_DBT_6M",
          source: "behaviour.daysBeyondTerms6m",
          pointsLost: 30,
          value: { kind: "missing", reason: "no payment history" },
          text: {
            en: "Average days beyond terms (6 months) is not available",
            zh: "平均逾期天数（近6个月）数据缺失",
          },
        },
        {
          kind: "points",
          code: "EVT_ADVERSE_12M",
          source: "events.adverseCount12m",
          pointsLost: 30,
          value: { kind: "number", value: 1 },
          text: { en: "Number of adverse events (12 months) is 1", zh: "不利事件数（近12个月）为 1" },
        },
        {
          kind: "points",
          code: "FIN_ALTMAN_ZONE",
          source: "financial.altmanZone",
          pointsLost: 15,
          value: { kind: "category", value: "grey" },
          text: { en: "Altman Z-score zone is grey", zh: "Altman Z值区间为 灰色区" },
        },
      ],
      characteristics: [
        {
          code: "FIN_CURRENT_RATIO",
          source: "financial.currentRatio",
          value: { kind: "number", value: 2 },
          binIndex: 2,
          points: 20,
          maxPoints: 20,
          pointsLost: 0,
        },
        {
          code: "FIN_ALTMAN_ZONE",
          source: "financial.altmanZone",
          value: { kind: "category", value: "grey" },
          binIndex: 1,
          points: 15,
          maxPoints: 30,
          pointsLost: 15,
        },
        {
          code: "BEH_DBT_6M",
          source: "behaviour.daysBeyondTerms6m",
          value: { kind: "missing", reason: "no payment history" },
          binIndex: 2,
          points: 10,
          maxPoints: 40,
          pointsLost: 30,
        },
        {
          code: "EVT_ADVERSE_12M",
          source: "events.adverseCount12m",
          value: { kind: "number", value: 1 },
          binIndex: 1,
          points: 0,
          maxPoints: 30,
          pointsLost: 30,
        },
        {
          code: "EXT_RATING",
          source: "external.rating",
          value: { kind: "category", value: "AA" },
          binIndex: 0,
          points: 20,
          maxPoints: 20,
          pointsLost: 0,
        },
      ],
      policy: {
        grade: "medium",
        creditSales: "moderate",
        paymentTermsDays: 30,
        maxCreditPeriodDays: 45,
        prepaymentBps: 0,
        guarantee: "for_large_amounts",
        guaranteeThresholdMinor: 100_000_000,
        limitGradeFactor: 0.6,
        reviewFrequencyMonths: 3, // core customer: quarterly rather than half-yearly
        summary: {
          en: "Credit limit held to a moderate level (net 30); guarantee for large orders",
          zh: "信用额度控制在适中水平（30天）；大额订单需担保",
        },
      },
      financial: {
        altmanVariant: "z_prime", // private manufacturer
        periodEnds: ["2024-12-31"],
        latest: {
          periodStart: "2024-01-01",
          periodEnd: "2024-12-31",
          currency: "CNY",
          ratios: {
            currentRatio: { status: "ok", value: 2 },
            quickRatio: { status: "ok", value: 1.5 },
            debtRatio: { status: "ok", value: 0.5 },
            debtToEquity: { status: "ok", value: 1 },
            interestCoverage: { status: "ok", value: 5 },
            netMargin: { status: "ok", value: 0.04 },
            returnOnAssets: { status: "ok", value: 0.06 },
            returnOnEquity: { status: "ok", value: 0.12 },
            ocfToTotalLiabilities: { status: "ok", value: 0.16 },
            assetTurnover: { status: "ok", value: 1.5 },
            receivableTurnover: { status: "ok", value: 7.5 },
            receivableDays: { status: "ok", value: expect.closeTo(48.8, 10) },
            inventoryTurnover: { status: "ok", value: 10 },
            inventoryDays: { status: "ok", value: expect.closeTo(36.6, 10) },
            workingCapitalMinor: { status: "ok", value: 200_000 },
            tangibleNetWorthMinor: { status: "ok", value: 450_000 },
          },
          altman: {
            status: "ok",
            variant: "z_prime",
            value: expect.closeTo(2.49815, 10),
            zone: "grey",
            components: [0.2, 0.15, 0.1, 1, 1.5],
          },
        },
        latestTrend: null,
      },
      behaviour: null,
      inputsSnapshot: {
        profile,
        external: { rating: "AA" },
        adverseEventCount12m: 1,
        statementPeriodEnds: ["2024-12-31"],
        scale: { points: 650, odds: 30, pdo: 40 },
        bands: DEFAULT_GRADE_BANDS,
        reportingCurrency: "CNY",
      },
    });
  });

  it("gives the same result for the same inputs and version, whatever the statement order", () => {
    const a = assessCustomer(FIXED);
    const b = assessCustomer({ ...FIXED, statements: [...FIXED.statements].reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("orders tied reasons by the scorecard's characteristic order and honours maxReasons", () => {
    const r = assessCustomer({ ...FIXED, maxReasons: 1 });
    expect(r.reasons.map((x) => x.code)).toEqual(["BEH_DBT_6M"]);
  });

  it("scores a full ledger with the default card without NaN or Infinity", () => {
    const asOf = "2024-06-30";
    const r = assessCustomer({
      asOf,
      profile,
      statements: [
        ROUND_STATEMENT,
        { ...ROUND_STATEMENT, periodStart: "2023-01-01", periodEnd: "2023-12-31", currentLiabilities: 0 },
      ],
      behaviour: computeBehaviourMetrics({ ledger: SMALL_LEDGER, asOf }),
      scorecard: DEFAULT_SCORECARD,
    });
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(r.financial.periodEnds).toEqual(["2023-12-31"]); // the 2024 statement ends after as-of
    expect(r.reasons.length).toBe(5);
  });

  it("refuses behaviour metrics of another date", () => {
    const behaviour = computeBehaviourMetrics({ ledger: SMALL_LEDGER, asOf: "2024-06-30" });
    expect(() => assessCustomer({ ...FIXED, behaviour })).toThrow(/as of 2024-06-30/);
  });
});
