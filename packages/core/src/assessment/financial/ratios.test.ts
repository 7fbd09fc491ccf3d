import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metricValue } from "../shared/metric.ts";
import { computeAltman } from "./altman.ts";
import { analyseFinancials } from "./analyse-financials.ts";
import { ROUND_STATEMENT } from "./fixtures.ts";
import { computeFinancialRatios } from "./ratios.ts";
import type { FinancialStatement } from "./statement.ts";

describe("financial ratios", () => {
  it("computes every DOMAIN.md ratio of the round statement by hand", () => {
    const r = computeFinancialRatios(ROUND_STATEMENT);
    const values = Object.fromEntries(
      Object.entries(r).map(([k, m]) => [k, m.status === "ok" ? Number(m.value.toFixed(10)) : m]),
    );
    expect(values).toEqual({
      currentRatio: 2, // 400,000 / 200,000
      quickRatio: 1.5, // (400,000 − 100,000) / 200,000
      debtRatio: 0.5, // 500,000 / 1,000,000
      debtToEquity: 1, // 500,000 / 500,000
      interestCoverage: 5, // 100,000 / 20,000
      netMargin: 0.04, // 60,000 / 1,500,000
      returnOnAssets: 0.06, // 60,000 / 1,000,000
      returnOnEquity: 0.12, // 60,000 / 500,000
      ocfToTotalLiabilities: 0.16, // 80,000 / 500,000
      assetTurnover: 1.5, // 1,500,000 / 1,000,000
      receivableTurnover: 7.5, // 1,500,000 / 200,000
      receivableDays: 48.8, // 200,000 / 1,500,000 × 366
      inventoryTurnover: 10, // 1,000,000 / 100,000
      inventoryDays: 36.6, // 100,000 / 1,000,000 × 366
      workingCapitalMinor: 200_000,
      tangibleNetWorthMinor: 450_000, // 500,000 − 50,000
    });
  });

  it.each([
    ["currentRatio", { currentLiabilities: 0 }, "current liabilities is zero"],
    ["interestCoverage", { interestExpense: 0 }, "interest expense is zero"],
    ["debtToEquity", { equity: -5 }, "equity is negative"],
    ["returnOnEquity", { equity: 0 }, "equity is zero"],
    ["receivableDays", { revenue: 0 }, "revenue is zero"],
    ["inventoryTurnover", { inventory: 0 }, "inventory is zero"],
    ["returnOnAssets", { totalAssets: 0 }, "total assets is zero"],
  ] as const)("%s is not computable when %o", (name, patch, reason) => {
    expect(computeFinancialRatios({ ...ROUND_STATEMENT, ...patch })[name]).toEqual({
      status: "not_computable",
      reason,
    });
  });

  it("never yields NaN or Infinity for any statement (property)", () => {
    // Any line may also be missing.
    const amount = fc.oneof(fc.constant(0), fc.constant(undefined), fc.integer({ min: -1e12, max: 1e12 }));
    const statement = fc.record({
      currentAssets: amount,
      cash: amount,
      inventory: amount,
      receivables: amount,
      totalAssets: amount,
      intangibleAssets: amount,
      currentLiabilities: amount,
      totalLiabilities: amount,
      equity: amount,
      retainedEarnings: amount,
      revenue: amount,
      costOfSales: amount,
      ebit: amount,
      interestExpense: amount,
      netIncome: amount,
      operatingCashFlow: amount,
      marketValueEquity: amount,
    });
    fc.assert(
      fc.property(statement, (lines) => {
        const s: FinancialStatement = {
          ...lines,
          periodStart: "2024-01-01",
          periodEnd: "2024-12-31",
          currency: "CNY",
        };
        const outputs = [
          ...Object.values(computeFinancialRatios(s)),
          computeAltman(s, "z"),
          computeAltman(s, "z_prime"),
          computeAltman(s, "z_double_prime"),
        ];
        const json = JSON.stringify(
          analyseFinancials({ statements: [s, { ...s, periodEnd: "2025-01-01" }], altmanVariant: "z" }),
        );
        expect(json).not.toMatch(/NaN|Infinity|null/);
        for (const o of outputs) {
          if (o.status === "ok") {
            expect(Number.isFinite(o.value)).toBe(true);
          } else {
            expect(o.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe("trends between consecutive periods", () => {
  const weaker: FinancialStatement = {
    ...ROUND_STATEMENT,
    periodStart: "2025-01-01",
    periodEnd: "2025-12-31",
    currentLiabilities: 250_000, // current ratio 2.0 → 1.6
    totalLiabilities: 400_000, // debt ratio 0.5 → 0.4 (better)
  };

  it("orders periods by end date and judges each change by its good direction", () => {
    const a = analyseFinancials({ statements: [weaker, ROUND_STATEMENT], altmanVariant: "z_prime" });
    expect(a.periods.map((p) => p.periodEnd)).toEqual(["2024-12-31", "2025-12-31"]);
    expect(a.latest?.periodEnd).toBe("2025-12-31");
    const byName = Object.fromEntries(a.trends[0]!.measures.map((m) => [m.measure, m]));
    expect(byName.currentRatio).toMatchObject({ direction: "down", assessment: "deteriorating" });
    expect(byName.currentRatio?.status === "ok" && byName.currentRatio.change).toBeCloseTo(-0.4, 12);
    expect(byName.debtRatio).toMatchObject({ direction: "down", assessment: "improving" });
    expect(byName.netMargin).toMatchObject({ direction: "flat", assessment: "stable", change: 0 });
  });

  it("reports a trend as not computable when either side is", () => {
    const a = analyseFinancials({
      statements: [ROUND_STATEMENT, { ...weaker, interestExpense: 0 }],
      altmanVariant: "z_prime",
    });
    expect(a.trends[0]!.measures.find((m) => m.measure === "interestCoverage")).toEqual({
      measure: "interestCoverage",
      status: "not_computable",
      reason: "current period: interest expense is zero",
    });
  });
});

describe("a statement with missing lines", () => {
  // An ERP export without operating cash flow and intangible assets.
  const { operatingCashFlow: _ocf, intangibleAssets: _ia, ...partial } = ROUND_STATEMENT;

  it("reports the ratios needing a missing line as not computable, naming the line", () => {
    const r = computeFinancialRatios(partial);
    expect(r.ocfToTotalLiabilities).toEqual({
      status: "not_computable",
      reason: "operating cash flow is missing",
    });
    expect(r.tangibleNetWorthMinor).toEqual({
      status: "not_computable",
      reason: "intangible assets is missing",
    });
  });

  it("still computes every other ratio (missing is never read as zero)", () => {
    const full = computeFinancialRatios(ROUND_STATEMENT);
    const r = computeFinancialRatios(partial);
    const computed = Object.entries(r)
      .filter(([, m]) => m.status === "ok")
      .map(([k]) => k);
    expect(computed).toHaveLength(14);
    for (const name of computed) {
      expect(r[name as keyof typeof r]).toEqual(full[name as keyof typeof full]);
    }
  });

  it.each([
    ["currentRatio", "currentAssets", "current assets is missing"],
    ["currentRatio", "currentLiabilities", "current liabilities is missing"],
    ["quickRatio", "inventory", "inventory is missing"],
    ["quickRatio", "currentAssets", "current assets is missing"],
    ["debtToEquity", "equity", "equity is missing"],
    ["returnOnEquity", "netIncome", "net income is missing"],
    ["interestCoverage", "interestExpense", "interest expense is missing"],
    ["interestCoverage", "ebit", "EBIT is missing"],
    ["workingCapitalMinor", "currentLiabilities", "current liabilities is missing"],
    ["tangibleNetWorthMinor", "equity", "equity is missing"],
    ["receivableDays", "receivables", "receivables is missing"],
    ["inventoryDays", "costOfSales", "cost of sales is missing"],
  ] as const)("%s without %s: %s", (ratioName, line, reason) => {
    const s = { ...ROUND_STATEMENT, [line]: undefined };
    expect(computeFinancialRatios(s)[ratioName]).toEqual({ status: "not_computable", reason });
  });

  it.each([
    ["z_prime", "retainedEarnings", "retained earnings is missing"],
    ["z_prime", "currentAssets", "current assets is missing"],
    ["z_double_prime", "equity", "equity is missing"],
    ["z", "revenue", "sales is missing"],
  ] as const)("Altman %s without %s: %s", (variant, line, reason) => {
    expect(computeAltman({ ...ROUND_STATEMENT, [line]: undefined }, variant)).toEqual({
      status: "not_computable",
      variant,
      reason,
    });
  });

  it("computes Altman Z' without the lines it does not use (operating cash flow, intangibles)", () => {
    expect(computeAltman(partial, "z_prime")).toMatchObject({ status: "ok", zone: "grey" });
  });
});

describe("revenue growth and trends as of the latest period", () => {
  const next: FinancialStatement = {
    ...ROUND_STATEMENT,
    periodStart: "2025-01-01",
    periodEnd: "2025-12-31",
    revenue: 1_800_000, // +20 %
  };

  it("reports revenue growth = (1,800,000 − 1,500,000) / 1,500,000 = 0.2", () => {
    const a = analyseFinancials({ statements: [ROUND_STATEMENT, next], altmanVariant: "z_prime" });
    expect(a.trends[0]!.revenueGrowth.status).toBe("ok");
    expect(metricValue(a.trends[0]!.revenueGrowth)).toBeCloseTo(0.2, 12);
  });

  it.each([
    ["the previous revenue is missing", { revenue: undefined }, {}, "previous period: revenue is missing"],
    ["the current revenue is missing", {}, { revenue: undefined }, "current period: revenue is missing"],
    ["the previous revenue is zero", { revenue: 0 }, {}, "previous period: revenue is not positive"],
    [
      "a half-year follows a year",
      {},
      { periodStart: "2025-01-01", periodEnd: "2025-06-30" },
      "periods differ in length (366 and 181 days)",
    ],
  ])("is not computable when %s", (_what, previousPatch, currentPatch, reason) => {
    const a = analyseFinancials({
      statements: [
        { ...ROUND_STATEMENT, ...previousPatch },
        { ...next, ...currentPatch },
      ],
      altmanVariant: "z_prime",
    });
    expect(a.trends[0]!.revenueGrowth).toEqual({ status: "not_computable", reason });
  });
});
