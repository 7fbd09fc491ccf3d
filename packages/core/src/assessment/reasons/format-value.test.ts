import { describe, expect, it } from "vitest";
import { sourceDefinition } from "../scorecard/sources.ts";
import { formatValue } from "./format-value.ts";

describe("reason values in words", () => {
  it.each([
    ["behaviour.daysBeyondTerms6m", 23.4, "23 days", "23 天"],
    ["behaviour.daysBeyondTerms6m", 1, "1 day", "1 天"],
    ["financial.currentRatio", 0.8449, "0.84", "0.84"],
    ["behaviour.overdueShare", 0.375, "37.5%", "37.5%"],
    ["behaviour.cei", 77.0833, "77.1%", "77.1%"],
    ["profile.registeredCapitalMinor", 500_000_000, "CNY 5,000,000.00", "5,000,000.00 CNY"],
    ["financial.workingCapitalMinor", -123_456, "CNY -1,234.56", "-1,234.56 CNY"],
    ["profile.yearsInBusiness", 4.5, "4.5 years", "4.5 年"],
    ["events.adverseCount12m", 2, "2", "2"],
    ["financial.netMargin", -0.00001, "0.0%", "0.0%"],
  ])("%s = %d reads %s / %s", (path, value, en, zh) => {
    const source = sourceDefinition(path)!;
    expect(formatValue({ value: { kind: "number", value }, source, currency: "CNY" })).toEqual({ en, zh });
  });

  it("words categories in both languages", () => {
    const source = sourceDefinition("profile.industryRisk")!;
    expect(formatValue({ value: { kind: "category", value: "high" }, source, currency: "CNY" })).toEqual({
      en: "high",
      zh: "高",
    });
  });
});
