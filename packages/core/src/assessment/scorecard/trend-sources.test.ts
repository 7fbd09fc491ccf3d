import { describe, expect, it } from "vitest";
import { assessCustomer } from "../assess-customer.ts";
import { ROUND_STATEMENT } from "../financial/fixtures.ts";
import type { FinancialStatement } from "../financial/statement.ts";
import { loadScorecard } from "./schema.ts";
import { resolveSource, sourceDefinition } from "./sources.ts";

const PREVIOUS: FinancialStatement = {
  ...ROUND_STATEMENT,
  periodStart: "2023-01-01",
  periodEnd: "2023-12-31",
};
// 2023 → 2024 (ROUND_STATEMENT): current ratio 2.5 → 2.0, debt ratio 0.4 → 0.5, net margin 0.05 → 0.04,
// revenue 1,200,000 → 1,500,000 (+25 %).
const PREVIOUS_LINES: FinancialStatement = {
  ...PREVIOUS,
  currentLiabilities: 160_000,
  totalLiabilities: 400_000,
  revenue: 1_200_000,
  netIncome: 60_000,
};

/** A card reading every trend source, so assessCustomer exposes their resolved values. */
const TREND_CARD = loadScorecard({
  id: "trend",
  version: "trend-1",
  name: "trend sources",
  scale: { points: 650, odds: 30, pdo: 40 },
  characteristics: ["currentRatio", "debtRatio", "netMargin", "revenueGrowth"].map((name) => ({
    code: `TREND_${name.toUpperCase()}`,
    source: `financial.trend.${name}`,
    bins: [
      { range: {}, points: 0 },
      { missing: true, points: 0 },
    ],
  })),
});

function trendValues(statements: FinancialStatement[]) {
  const r = assessCustomer({
    asOf: "2025-06-30",
    profile: { ownership: "private", isManufacturer: true },
    statements,
    behaviour: null,
    scorecard: TREND_CARD,
  });
  return r.characteristics.map((c) =>
    c.value.kind === "number" ? Number(c.value.value.toFixed(12)) : c.value,
  );
}

describe("trend sources", () => {
  it("give the latest period-over-period change of ratios and revenue growth", () => {
    expect(trendValues([ROUND_STATEMENT, PREVIOUS_LINES])).toEqual([-0.5, 0.1, -0.01, 0.25]);
  });

  it("are missing with fewer than two periods, or without statements", () => {
    const one = { kind: "missing", reason: "fewer than two financial periods" };
    expect(trendValues([ROUND_STATEMENT])).toEqual([one, one, one, one]);
    const none = { kind: "missing", reason: "no financial statements" };
    expect(trendValues([])).toEqual([none, none, none, none]);
  });

  it("are missing with the reason when a line of either period is missing", () => {
    const { netIncome: _n, ...noIncome } = PREVIOUS_LINES;
    const values = trendValues([ROUND_STATEMENT, noIncome]);
    expect(values[2]).toEqual({ kind: "missing", reason: "previous period: net income is missing" });
    expect(values[0]).toBe(-0.5);
  });

  it("exist for every tracked measure, including Altman Z, with readable labels", () => {
    expect(
      resolveSource("financial.trend.altmanZ", {
        financial: null,
        behaviour: null,
        profile: {},
        external: {},
        events: {},
      }),
    ).toEqual({
      kind: "missing",
      reason: "no financial statements",
    });
    expect(sourceDefinition("financial.trend.currentRatio")?.label).toEqual({
      en: "Change in current ratio since the previous period",
      zh: "流动比率较上期变化",
    });
    expect(sourceDefinition("financial.trend.altmanZ")?.label.en).toBe(
      "Change in Altman Z-score since the previous period",
    );
  });
});
