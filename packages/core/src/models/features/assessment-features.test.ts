import { describe, expect, it } from "vitest";
import { assessCustomer } from "../../assessment/assess-customer.ts";
import { computeAltman } from "../../assessment/financial/altman.ts";
import { computeFinancialRatios } from "../../assessment/financial/ratios.ts";
import { DEFAULT_SCORECARD } from "../../assessment/scorecard/default-scorecard.ts";
import type { ScoringInputs } from "../../assessment/scorecard/scoring-inputs.ts";
import { notComputable, ok } from "../../assessment/shared/metric.ts";
import { behaviour, statement } from "../../assessment/testing-fixtures.ts";
import {
  ASSESSMENT_FEATURE_NAMES,
  ASSESSMENT_FEATURES,
  assessmentFeatures,
  externalRatingRank,
  featureCell,
} from "./assessment-features.ts";
import { buildScoringInputs } from "./build-scoring-inputs.ts";

// Current ratio 3,000,000 / 2,000,000 = 1.5; debt ratio 6,000,000 / 10,000,000 = 0.6;
// interest expense 0 → interest coverage not computable.
const s = statement({
  currentAssets: 3_000_000,
  currentLiabilities: 2_000_000,
  totalLiabilities: 6_000_000,
  equity: 4_000_000,
  retainedEarnings: 1_000_000,
  revenue: 12_000_000,
  costOfSales: 9_000_000,
  ebit: 800_000,
  netIncome: 500_000,
  operatingCashFlow: 600_000,
});

const full: ScoringInputs = {
  financial: { ratios: computeFinancialRatios(s), altman: computeAltman(s, "z_prime") },
  behaviour: {
    ...behaviour("2025-03-31", {
      dbt6m: 12,
      dbtTrend: 3,
      overdueShare: 0.25,
      lateShare: 0.4,
      disputes: 2,
      orderTrend: 0,
      complaintRate: 1,
    }),
    dso: notComputable("no credit sales"),
  },
  profile: { yearsInBusiness: 7.5, registeredCapitalMinor: 500_000_000, industryRisk: "high" },
  external: { rating: "BBB" },
  events: { adverseCount12m: 2 },
};

const empty: ScoringInputs = { financial: null, behaviour: null, profile: {}, external: {}, events: {} };

describe("assessmentFeatures", () => {
  it("emits exactly the documented names, in order, for full and for empty inputs", () => {
    expect(Object.keys(assessmentFeatures({ inputs: full }))).toEqual(ASSESSMENT_FEATURE_NAMES);
    expect(Object.keys(assessmentFeatures({ inputs: empty }))).toEqual(ASSESSMENT_FEATURE_NAMES);
    expect(new Set(ASSESSMENT_FEATURE_NAMES).size).toBe(ASSESSMENT_FEATURES.length);
  });

  it("reads ratios, Altman, behaviour, profile, rating and events", () => {
    const f = assessmentFeatures({ inputs: full });
    expect(f.fin_currentRatio).toBe(1.5);
    expect(f.fin_debtRatio).toBe(0.6);
    // Z' = 0.717·0.1 + 0.847·0.1 + 3.107·0.08 + 0.42·(4/6) + 0.998·1.2 (Altman 1983)
    expect(f.altman_z as number).toBeCloseTo(0.0717 + 0.0847 + 0.24856 + 0.28 + 1.1976, 10);
    expect(f.altman_variant).toBe("z_prime");
    expect(f.altman_zone).toBe("grey");
    expect(f.beh_overdueShare).toBe(0.25);
    expect(f.beh_daysBeyondTerms3m).toBe(15);
    expect(f.beh_openDisputeCount).toBe(2);
    expect(f.beh_maxDaysPastDue).toBe(20);
    expect(f.prof_yearsInBusiness).toBe(7.5);
    expect(f.prof_registeredCapitalMinor).toBe(500_000_000);
    expect(f.prof_industryRisk).toBe("high");
    expect(f.ext_ratingRank).toBe(4);
    expect(f.evt_adverseCount12m).toBe(2);
  });

  it("turns not-computable metrics into null, never a number", () => {
    const f = assessmentFeatures({ inputs: full });
    expect(f.fin_interestCoverage).toBeNull();
    expect(f.beh_dso).toBeNull();
    expect(f.beh_orderTrendRatio).toBeNull();
  });

  it("gives null for every characteristic of missing inputs", () => {
    const f = assessmentFeatures({ inputs: empty });
    for (const name of ASSESSMENT_FEATURE_NAMES) {
      expect([name, f[name]]).toEqual([name, null]);
    }
  });

  it.each([
    ["AAA", 1],
    ["bbb", 4],
    ["D", 10],
    ["A+", null],
    [undefined, null],
  ])("ranks external rating %s as %s", (rating, rank) => {
    expect(externalRatingRank(rating)).toBe(rank);
  });

  it.each([
    [null, ""],
    [0.1, "0.1"],
    [-3, "-3"],
    ["grey", "grey"],
  ])("writes %s as the CSV cell '%s'", (value, cell) => {
    expect(featureCell(value)).toBe(cell);
  });
});

describe("buildScoringInputs", () => {
  it("sees what assessCustomer sees: latest statement ≤ as-of, events of the last 12 months, age", () => {
    const later = { ...s, periodStart: "2025-01-01", periodEnd: "2025-12-31", currentAssets: 9_000_000 };
    const options = {
      asOf: "2025-06-30",
      profile: { ownership: "private" as const, isManufacturer: true, foundedOn: "2015-06-30" },
      statements: [s, later],
      behaviour: null,
      external: { rating: "A" },
      events: [
        { date: "2024-06-30", type: "lawsuit" as const },
        { date: "2024-07-01", type: "lawsuit" as const },
        { date: "2025-06-30", type: "enforcement" as const },
      ],
    };
    const inputs = buildScoringInputs(options);
    const assessed = assessCustomer({ ...options, scorecard: DEFAULT_SCORECARD });
    expect(inputs.financial?.ratios).toEqual(assessed.financial.latest?.ratios);
    expect(inputs.financial?.ratios.currentRatio).toEqual(ok(1.5));
    expect(inputs.events.adverseCount12m).toBe(2);
    expect(inputs.events.adverseCount12m).toBe(assessed.inputsSnapshot.adverseEventCount12m);
    expect(inputs.profile.yearsInBusiness).toBeCloseTo(3653 / 365.25, 12);
  });
});
