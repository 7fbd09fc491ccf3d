import { describe, expect, it } from "vitest";
import { computeWoe, ivStrength } from "./woe.ts";

describe("computeWoe", () => {
  it("matches a hand-computed WOE/IV table", () => {
    // Totals 100 good / 100 bad. WOE = ln(%good/%bad).
    const result = computeWoe([
      { good: 40, bad: 10 }, // ln(0.4/0.1) = ln 4
      { good: 40, bad: 30 }, // ln(0.4/0.3)
      { good: 20, bad: 60 }, // ln(0.2/0.6)
    ]);
    expect(result.woe[0]).toBeCloseTo(1.386294, 6);
    expect(result.woe[1]).toBeCloseTo(0.287682, 6);
    expect(result.woe[2]).toBeCloseTo(-1.098612, 6);
    // IV = 0.3·1.386294 + 0.1·0.287682 + 0.4·1.098612
    expect(result.iv[0]).toBeCloseTo(0.415888, 6);
    expect(result.totalIv).toBeCloseTo(0.884101, 5);
  });

  it("smooths a bin with no bads by adding 0.5 to both of its counts", () => {
    const result = computeWoe([
      { good: 10, bad: 0 },
      { good: 10, bad: 10 },
    ]);
    // ln((10.5/20) / (0.5/10)) = ln 10.5
    expect(result.woe[0]).toBeCloseTo(Math.log(10.5), 9);
    expect(Number.isFinite(result.totalIv)).toBe(true);
  });

  it("gives an empty bin a neutral WOE and no IV", () => {
    const result = computeWoe([
      { good: 5, bad: 5 },
      { good: 0, bad: 0 },
    ]);
    expect(result.woe[1]).toBe(0);
    expect(result.iv[1]).toBe(0);
  });
});

describe("ivStrength", () => {
  it.each([
    [0.01, "useless"],
    [0.05, "weak"],
    [0.2, "medium"],
    [0.4, "strong"],
    [0.8, "suspicious"],
  ] as const)("IV %s is %s", (iv, label) => {
    expect(ivStrength(iv)).toBe(label);
  });
});
