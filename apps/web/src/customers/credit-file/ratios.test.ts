import { describe, expect, it } from "vitest";
import type { FinancialStatement } from "../../shared/api/types.ts";
import { computeRatio, type RatioKey } from "./ratios.ts";

// Hand-made statement (minor units): CA 500, inventory 100, CL 250, TA 1000, TL 600, equity 400,
// revenue 2000, EBIT 150, interest 30, net income 80, OCF 120.
const statement: FinancialStatement = {
  id: 1,
  periodEnd: "2024-12-31",
  periodMonths: 12,
  audited: true,
  currency: "CNY",
  source: null,
  cash: 50,
  receivables: 200,
  inventory: 100,
  currentAssets: 500,
  totalAssets: 1000,
  intangibleAssets: 0,
  currentLiabilities: 250,
  totalLiabilities: 600,
  equity: 400,
  retainedEarnings: 150,
  revenue: 2000,
  costOfSales: 1500,
  ebit: 150,
  interestExpense: 30,
  netIncome: 80,
  operatingCashFlow: 120,
  marketValueEquity: null,
};

describe("computeRatio", () => {
  it.each<[RatioKey, number]>([
    ["currentRatio", 2],
    ["quickRatio", 1.6],
    ["debtRatio", 0.6],
    ["debtToEquity", 1.5],
    ["interestCoverage", 5],
    ["netMargin", 0.04],
    ["roa", 0.08],
    ["roe", 0.2],
    ["cashFlowToDebt", 0.2],
    ["assetTurnover", 2],
  ])("%s of the sample statement is %d", (key, expected) => {
    const result = computeRatio(statement, key);
    expect(result.status).toBe("ok");
    expect(result.status === "ok" ? result.value : Number.NaN).toBeCloseTo(expected, 10);
  });

  it("says a ratio with a missing line is not computable", () => {
    expect(computeRatio({ ...statement, inventory: null }, "quickRatio")).toEqual({
      status: "not_computable",
      reason: "missing_line",
    });
  });

  it("never divides by zero", () => {
    expect(computeRatio({ ...statement, interestExpense: 0 }, "interestCoverage")).toEqual({
      status: "not_computable",
      reason: "zero_denominator",
    });
  });

  it("refuses return on negative equity", () => {
    expect(computeRatio({ ...statement, equity: -10 }, "roe")).toEqual({
      status: "not_computable",
      reason: "negative_denominator",
    });
  });
});
