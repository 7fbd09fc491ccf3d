import { describe, expect, it } from "vitest";
import { addRates, lateInterestMinor, penaltyMinor } from "./late-interest.ts";

describe("late-payment interest (simple, per day, /365)", () => {
  it.each([
    // 100,000.00 × 5 % × 30 / 365 = 410.958904… → 410.96
    [10_000_000, "0.05", 30, 41_096],
    // 1,000.00 × 3.65 % × 1 / 365 = 0.10
    [100_000, "0.0365", 1, 10],
    // 0.73 × 10 % × 5 / 365 = 0.001 → 0.00
    [73, "0.10", 5, 0],
    [10_000_000, "0.05", 0, 0],
    // 12,345.67 × 12 % × 365 / 365 = 1,481.4804 → 1,481.48
    [1_234_567, "0.12", 365, 148_148],
  ])("principal %i at %s for %i days = %i", (principalMinor, annualRate, days, expected) => {
    expect(lateInterestMinor({ principalMinor, annualRate, days })).toBe(expected);
  });

  it("refuses negative days", () => {
    expect(() => lateInterestMinor({ principalMinor: 1, annualRate: "0.1", days: -1 })).toThrow(RangeError);
  });

  it("adds reference rate and margin exactly", () => {
    expect(addRates("0.0345", "0.02")).toBe("0.0545");
    expect(addRates("0.1", "0.005")).toBe("0.105");
  });

  it("computes a penalty in basis points", () => {
    expect(penaltyMinor(1_000_000, 150)).toBe(15_000);
  });
});
