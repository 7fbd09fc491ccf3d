import { describe, expect, it } from "vitest";
import { type AssessCustomerOptions, assessCustomer } from "../assess-customer.ts";
import { behaviour, statement } from "../testing-fixtures.ts";
import {
  DEFAULT_SCORECARD,
  DEFAULT_SCORECARD_INPUT,
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V1_INPUT,
  DEFAULT_SCORECARD_V2,
  DEFAULT_SCORECARD_V2_INPUT,
} from "./default-scorecard.ts";

const asOf = "2025-06-30";
const privateManufacturer = { ownership: "private", isManufacturer: true } as const;
type Customer = Omit<AssessCustomerOptions, "scorecard">;

// current 1.8 · debt 0.45 · coverage 6 · margin 0.06 · OCF/TL 0.25 · Z' 2.94 safe
const SOLID_STATEMENT = statement({
  currentAssets: 5_400_000,
  currentLiabilities: 3_000_000,
  totalLiabilities: 4_500_000,
  equity: 5_500_000,
  retainedEarnings: 3_500_000,
  revenue: 15_000_000,
  costOfSales: 11_000_000,
  netIncome: 900_000,
  ebit: 1_500_000,
  interestExpense: 250_000,
  operatingCashFlow: 1_125_000,
});
const SOLID_PROFILE = {
  ...privateManufacturer,
  foundedOn: "2012-01-01",
  registeredCapitalMinor: 2_000_000_000,
  industryRisk: "medium",
} as const;

const SOLID: Customer = {
  asOf,
  profile: SOLID_PROFILE,
  statements: [SOLID_STATEMENT],
  behaviour: behaviour(asOf, {
    dbt6m: 3,
    dbtTrend: 0,
    overdueShare: 0.05,
    lateShare: 0.2,
    disputes: 0,
    orderTrend: 1,
    complaintRate: 1,
  }),
  events: [],
};

const AVERAGE: Customer = {
  asOf,
  profile: {
    ...privateManufacturer,
    foundedOn: "2019-01-01",
    registeredCapitalMinor: 500_000_000,
    industryRisk: "medium",
  },
  // current 1.3 · debt 0.62 · coverage 3 · margin 0.03 · OCF/TL 0.12 · Z' 1.88 grey
  statements: [
    statement({
      currentAssets: 3_900_000,
      currentLiabilities: 3_000_000,
      totalLiabilities: 6_200_000,
      equity: 3_800_000,
      retainedEarnings: 1_000_000,
      revenue: 12_000_000,
      costOfSales: 9_000_000,
      netIncome: 360_000,
      ebit: 900_000,
      interestExpense: 300_000,
      operatingCashFlow: 744_000,
    }),
  ],
  behaviour: behaviour(asOf, {
    dbt6m: 10,
    dbtTrend: 2,
    overdueShare: 0.18,
    lateShare: 0.4,
    disputes: 1,
    orderTrend: 0.9,
    complaintRate: 3,
  }),
  events: [{ date: "2025-01-10", type: "lawsuit" }],
};

const DETERIORATING: Customer = {
  asOf,
  profile: {
    ...privateManufacturer,
    foundedOn: "2021-01-01",
    registeredCapitalMinor: 500_000_000,
    industryRisk: "high",
  },
  // current 0.9 · debt 0.85 · coverage 1.5 · margin −0.01 · OCF/TL −0.05 · Z' 1.05 distress
  statements: [
    statement({
      currentAssets: 2_700_000,
      currentLiabilities: 3_000_000,
      totalLiabilities: 8_500_000,
      equity: 1_500_000,
      retainedEarnings: -500_000,
      revenue: 9_000_000,
      costOfSales: 8_000_000,
      netIncome: -90_000,
      ebit: 450_000,
      interestExpense: 300_000,
      operatingCashFlow: -425_000,
    }),
  ],
  behaviour: behaviour(asOf, {
    dbt6m: 35,
    dbtTrend: 15,
    overdueShare: 0.4,
    // 10 % of the open balance 91+ days past due, the oldest invoice 150 days (default-1 reads neither).
    overdue90Share: 0.1,
    maxDaysPastDue: 150,
    lateShare: 0.7,
    disputes: 2,
    orderTrend: 0.4,
    complaintRate: 6,
  }),
  events: [
    { date: "2025-02-01", type: "enforcement" },
    { date: "2025-05-01", type: "management_change" },
  ],
};

/**
 * The customer that stopped paying: solid financials, every earlier invoice paid on time (days beyond
 * terms 0, nothing paid late), but its whole open balance is 214 days past due.
 */
const STOPPED_PAYING: Customer = {
  ...SOLID,
  behaviour: behaviour(asOf, {
    dbt6m: 0,
    dbtTrend: 0,
    overdueShare: 1,
    overdue90Share: 1,
    maxDaysPastDue: 214,
    lateShare: 0,
    disputes: 0,
    orderTrend: 1,
    complaintRate: 1,
  }),
};

const SOLID_V1_POINTS = [16, 14, 14, 13, 13, 23, 28, 11, 13, 8, 7, 9, 6, 17, 8, 7, 7, 17];
const AVERAGE_V1_POINTS = [11, 7, 9, 9, 9, 11, 20, 11, 7, 3, 3, 9, 3, 13, 5, 7, 7, 8];
const DETERIORATING_V1_POINTS = [-5, 2, 5, -5, -5, -15, 0, -5, 0, 0, 3, -5, 1, 7, 5, 0, 7, 0];

/** default-2's points: default-1's with BEH_OVERDUE_90_SHARE inserted after BEH_OVERDUE_SHARE (index 8). */
function withOverdue90(v1: number[], points: number): number[] {
  return [...v1.slice(0, 9), points, ...v1.slice(9)];
}

// Points per characteristic are listed in the order of DEFAULT_SCORECARD_V1; 500 base points.
describe("default-1 calibration (kept so past decisions reproduce)", () => {
  it("puts a solid customer around 700–760 (731 = 500 + 93 + 82 + 56)", () => {
    const r = assessCustomer({ ...SOLID, scorecard: DEFAULT_SCORECARD_V1 });
    expect(r.characteristics.map((c) => c.points)).toEqual(SOLID_V1_POINTS);
    expect(r.score).toBe(731);
    expect(r.grade).toBe("low");
  });

  it("puts an average customer around 620–690 (652 = 500 + 56 + 56 + 40)", () => {
    const r = assessCustomer({ ...AVERAGE, scorecard: DEFAULT_SCORECARD_V1 });
    expect(r.characteristics.map((c) => c.points)).toEqual(AVERAGE_V1_POINTS);
    expect(r.score).toBe(652);
    expect(r.grade).toBe("medium");
  });

  it("puts a deteriorating customer below 600 (490 = 500 − 23 − 6 + 19)", () => {
    const r = assessCustomer({ ...DETERIORATING, scorecard: DEFAULT_SCORECARD_V1 });
    expect(r.characteristics.map((c) => c.points)).toEqual(DETERIORATING_V1_POINTS);
    expect(r.score).toBe(490);
    expect(r.grade).toBe("high");
    expect(r.overrides).toEqual([]);
    // Points lost against each characteristic's best bin: Altman 23 − (−15) = 38, DBT 34 − 0 = 34,
    // current ratio 18 − (−5) = 23, net margin 15 − (−5) = 20, OCF/TL 15 − (−5) = 20 (tie: card order).
    expect(r.reasons.map((x) => [x.code, x.pointsLost])).toEqual([
      ["FIN_ALTMAN_ZONE", 38],
      ["BEH_DBT_6M", 34],
      ["FIN_CURRENT_RATIO", 23],
      ["FIN_NET_MARGIN", 20],
      ["FIN_OCF_TL", 20],
    ]);
    expect(r.reasons[1]!.text).toEqual({
      en: "Average days beyond terms (6 months) is 35 days",
      zh: "平均逾期天数（近6个月）为 35 天",
    });
    expect(r.reasons[0]!.text).toEqual({
      en: "Altman Z-score zone is distress",
      zh: "Altman Z值区间为 危险区",
    });
  });

  it("scores the customer that stopped paying as low risk (707) — the flaw default-2 fixes", () => {
    // Against the solid customer: DBT 0 → 34 (+6), nothing paid late → 11 (+3), overdue share 100 % → −20 (−33).
    const r = assessCustomer({ ...STOPPED_PAYING, scorecard: DEFAULT_SCORECARD_V1 });
    expect(r.score).toBe(731 + 6 + 3 - 33);
    expect(r.grade).toBe("low");
  });
});

// default-2: 492 base points; BEH_OVERDUE_90_SHARE < 1 % +10, 1–10 % +3, 10–30 % −8, ≥ 30 % −25.
describe("default-2 calibration", () => {
  it("is the shipped default", () => {
    expect(DEFAULT_SCORECARD).toBe(DEFAULT_SCORECARD_V2);
    expect(DEFAULT_SCORECARD_INPUT).toBe(DEFAULT_SCORECARD_V2_INPUT);
    expect(DEFAULT_SCORECARD_V2.version).toBe("default-2");
    expect(DEFAULT_SCORECARD_V1_INPUT.version).toBe("default-1");
  });

  it("puts a solid customer around 700–760 (733 = 731 − 8 + 10)", () => {
    const r = assessCustomer({ ...SOLID, scorecard: DEFAULT_SCORECARD_V2 });
    expect(r.characteristics.map((c) => c.points)).toEqual(withOverdue90(SOLID_V1_POINTS, 10));
    expect(r.score).toBe(733);
    expect(r.grade).toBe("low");
    expect(r.overrides).toEqual([]);
  });

  it("puts an average customer around 620–690 (654 = 652 − 8 + 10)", () => {
    const r = assessCustomer({ ...AVERAGE, scorecard: DEFAULT_SCORECARD_V2 });
    expect(r.characteristics.map((c) => c.points)).toEqual(withOverdue90(AVERAGE_V1_POINTS, 10));
    expect(r.score).toBe(654);
    expect(r.grade).toBe("medium");
    expect(r.overrides).toEqual([]);
  });

  it("puts a deteriorating customer below 600 (474 = 490 − 8 − 8) and names its financial distress first", () => {
    const r = assessCustomer({ ...DETERIORATING, scorecard: DEFAULT_SCORECARD_V2 });
    expect(r.characteristics.map((c) => c.points)).toEqual(withOverdue90(DETERIORATING_V1_POINTS, -8));
    expect(r.score).toBe(474);
    expect(r.grade).toBe("high");
    // Z' distress with current ratio 0.9 fires the distress rule; it caps at medium, so it changes nothing.
    expect(r.overrides.map((o) => [o.code, o.maxGrade, o.capped])).toEqual([
      ["KO_FINANCIAL_DISTRESS", "medium", false],
    ]);
    expect(r.reasons.map((x) => x.code)).toEqual([
      "KO_FINANCIAL_DISTRESS",
      "FIN_ALTMAN_ZONE",
      "BEH_DBT_6M",
      "FIN_CURRENT_RATIO",
      "FIN_NET_MARGIN",
      "FIN_OCF_TL",
    ]);
    expect(r.reasons[0]!.text.en).toBe(
      "Financial distress (at most medium risk): Altman Z-score zone is distress (= distress); Current ratio is 0.90 (< 1.00)",
    );
  });

  it("grades the customer that stopped paying high risk and says why first", () => {
    // Points alone: default-1's 707, − 8 base points, − 25 for 100 % over 90 days = 674, medium.
    const r = assessCustomer({ ...STOPPED_PAYING, scorecard: DEFAULT_SCORECARD_V2 });
    expect(r.score).toBe(707 - 8 - 25);
    expect(r.scoreGrade).toBe("medium");
    expect(r.grade).toBe("high");
    expect(r.policy.grade).toBe("high");
    expect(r.overrides).toHaveLength(1);
    expect(r.overrides[0]).toMatchObject({ code: "KO_SEVERE_DELINQUENCY", maxGrade: "high", capped: true });
    expect(r.reasons[0]).toEqual({
      kind: "override",
      code: "KO_SEVERE_DELINQUENCY",
      source: "behaviour.overdue90Share",
      pointsLost: 0,
      value: { kind: "number", value: 1 },
      text: {
        en:
          "Severe delinquency (at most high risk): Share of the open balance more than 90 days past due is 100.0% (≥ 30.0%); " +
          "Oldest overdue invoice is 214 days (≥ 180 days); Share of the open balance more than 90 days past due is 100.0% (≥ 10.0%)",
        zh:
          "严重拖欠（评级最高为高风险）：逾期90天以上金额占比为 100.0%（≥ 30.0%）；" +
          "最长逾期天数为 214 天（≥ 180 天）；逾期90天以上金额占比为 100.0%（≥ 10.0%）",
      },
    });
    expect(r.reasons[1]).toMatchObject({ kind: "points" });
  });

  it.each([
    [
      "one small forgotten invoice 200 days past due (immaterial)",
      { overdueShare: 0.02, overdue90Share: 0.02, maxDaysPastDue: 200 },
      false,
    ],
    [
      "an invoice 200 days past due with 10 % of the balance over 90 days",
      { overdueShare: 0.1, overdue90Share: 0.1, maxDaysPastDue: 200 },
      true,
    ],
    [
      "30 % of the balance 91–180 days past due",
      { overdueShare: 0.3, overdue90Share: 0.3, maxDaysPastDue: 120 },
      true,
    ],
    [
      "29 % over 90 days, oldest 179 days",
      { overdueShare: 0.29, overdue90Share: 0.29, maxDaysPastDue: 179 },
      false,
    ],
  ])("severe delinquency knock-out: %s → fires %s", (_what, ageing, fires) => {
    const r = assessCustomer({
      ...SOLID,
      behaviour: behaviour(asOf, {
        dbt6m: 3,
        dbtTrend: 0,
        lateShare: 0.2,
        disputes: 0,
        orderTrend: 1,
        complaintRate: 1,
        ...ageing,
      }),
      scorecard: DEFAULT_SCORECARD_V2,
    });
    expect(r.overrides.some((o) => o.code === "KO_SEVERE_DELINQUENCY")).toBe(fires);
    expect(r.grade === "high").toBe(fires);
  });

  it("caps a solid customer with three adverse events in 12 months at medium", () => {
    const events = [
      { date: "2024-09-01", type: "lawsuit" },
      { date: "2025-01-15", type: "enforcement" },
      { date: "2025-04-20", type: "other" },
    ] as const;
    const r = assessCustomer({ ...SOLID, events, scorecard: DEFAULT_SCORECARD_V2 });
    // Three events fall in EVT_ADVERSE_12M's [2, 4) bin: 0 instead of 17 points, 733 − 17 = 716 (low by points).
    expect(r.score).toBe(716);
    expect(r.scoreGrade).toBe("low");
    expect(r.grade).toBe("medium");
    expect(r.overrides.map((o) => o.code)).toEqual(["KO_ADVERSE_EVENTS"]);
    expect(r.reasons[0]!.text.en).toBe(
      "Repeated adverse events (at most medium risk): Number of adverse events (12 months) is 3 (≥ 3)",
    );
  });

  it("does not fire a knock-out on missing data (no ledger, no statements)", () => {
    const r = assessCustomer({
      asOf,
      profile: privateManufacturer,
      statements: [],
      behaviour: null,
      scorecard: DEFAULT_SCORECARD_V2,
    });
    expect(r.overrides).toEqual([]);
    expect(r.grade).toBe(r.scoreGrade);
  });
});
