import { describe, expect, it } from "vitest";
import { bandRanges, type MonitoringRule, policyRows, thresholdText } from "./settings-api.ts";

describe("settings helpers", () => {
  it("turns grade bands into score ranges (each band below the previous band's minimum)", () => {
    expect(
      bandRanges([
        { grade: "low", minScore: 700 },
        { grade: "medium", minScore: 600 },
        { grade: "high", minScore: null },
      ]),
    ).toEqual([
      { grade: "low", from: 700, below: null },
      { grade: "medium", from: 600, below: 700 },
      { grade: "high", from: null, below: 600 },
    ]);
  });

  it("keeps only the per-grade policies", () => {
    const p = {
      creditSales: "allowed",
      paymentTermsDays: 60,
      maxCreditPeriodDays: 90,
      prepaymentBps: 0,
      guarantee: "none",
      limitGradeFactor: 1,
      reviewFrequencyMonths: 12,
      summary: { en: "", zh: "" },
    };
    expect(policyRows({ low: p, coreCustomerReviewMonths: 3 }).map((r) => r.grade)).toEqual(["low"]);
  });

  it.each([
    [{ type: "absolute", value: 0.9 }, "gt", "> 0.9"],
    [{ type: "relative", factor: 1, offset: 10, floor: 10 }, "gt", "> avg × 1 + 10 (≥ 10)"],
    [{ type: "absolute", value: -3.5 }, "lte", "≤ -3.5"],
  ] as const)("writes the threshold %j %s as %s", (threshold, comparison, text) => {
    const rule = { threshold, comparison } as unknown as MonitoringRule["rule"];
    expect(thresholdText(rule, "avg")).toBe(text);
  });
});
