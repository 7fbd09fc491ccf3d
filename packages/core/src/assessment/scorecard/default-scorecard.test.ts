import { describe, expect, it } from "vitest";
import { assessCustomer } from "../assess-customer.ts";
import { behaviour, statement } from "../testing-fixtures.ts";
import { DEFAULT_SCORECARD } from "./default-scorecard.ts";

const asOf = "2025-06-30";
const privateManufacturer = { ownership: "private", isManufacturer: true } as const;

// Points per characteristic are listed in the order of DEFAULT_SCORECARD; 500 base points.
describe("default scorecard calibration", () => {
  it("puts a solid customer around 700–760 (731 = 500 + 93 + 82 + 56)", () => {
    const r = assessCustomer({
      asOf,
      scorecard: DEFAULT_SCORECARD,
      profile: {
        ...privateManufacturer,
        foundedOn: "2012-01-01",
        registeredCapitalMinor: 2_000_000_000,
        industryRisk: "medium",
      },
      // current 1.8 · debt 0.45 · coverage 6 · margin 0.06 · OCF/TL 0.25 · Z' 2.94 safe
      statements: [
        statement({
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
        }),
      ],
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
    });
    expect(r.characteristics.map((c) => c.points)).toEqual([
      16, 14, 14, 13, 13, 23, 28, 11, 13, 8, 7, 9, 6, 17, 8, 7, 7, 17,
    ]);
    expect(r.score).toBe(731);
    expect(r.grade).toBe("low");
  });

  it("puts an average customer around 620–690 (652 = 500 + 56 + 56 + 40)", () => {
    const r = assessCustomer({
      asOf,
      scorecard: DEFAULT_SCORECARD,
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
    });
    expect(r.characteristics.map((c) => c.points)).toEqual([
      11, 7, 9, 9, 9, 11, 20, 11, 7, 3, 3, 9, 3, 13, 5, 7, 7, 8,
    ]);
    expect(r.score).toBe(652);
    expect(r.grade).toBe("medium");
  });

  it("puts a deteriorating customer below 600 (490 = 500 − 23 − 6 + 19)", () => {
    const r = assessCustomer({
      asOf,
      scorecard: DEFAULT_SCORECARD,
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
        lateShare: 0.7,
        disputes: 2,
        orderTrend: 0.4,
        complaintRate: 6,
      }),
      events: [
        { date: "2025-02-01", type: "enforcement" },
        { date: "2025-05-01", type: "management_change" },
      ],
    });
    expect(r.characteristics.map((c) => c.points)).toEqual([
      -5, 2, 5, -5, -5, -15, 0, -5, 0, 0, 3, -5, 1, 7, 5, 0, 7, 0,
    ]);
    expect(r.score).toBe(490);
    expect(r.grade).toBe("high");
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
});
