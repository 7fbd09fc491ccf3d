import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_BANDS, gradeFromScore, validateGradeBands } from "./bands.ts";
import { notchFromPd } from "./master-scale.ts";
import { displayScore, oddsFromScore, pdFromScore, scaleParameters, scoreFromPd } from "./scale.ts";

describe("score ↔ odds ↔ PD on the default scale (650 at 30:1, PDO 40)", () => {
  it("has factor = 40 / ln 2 = 57.7078 and offset = 650 − factor · ln 30 = 453.7236", () => {
    const { factor, offset } = scaleParameters({ points: 650, odds: 30, pdo: 40 });
    expect(factor).toBeCloseTo(57.70780164, 7);
    expect(offset).toBeCloseTo(650 - 57.70780164 * 3.40119738, 6);
  });

  it.each([
    // odds = 30 · 2^((score − 650) / 40); PD = 1 / (1 + odds)
    [650, 30, 1 / 31], // 3.226 %
    [700, 30 * 2 ** 1.25, 0.01382], // 71.35:1, 1.38 %
    [600, 30 * 2 ** -1.25, 0.07348], // 12.61:1, 7.35 %
    [690, 60, 1 / 61], // one PDO above 650 doubles the odds
  ])("score %d has odds %d and PD %d", (score, odds, pd) => {
    expect(oddsFromScore(score)).toBeCloseTo(odds, 9);
    expect(pdFromScore(score)).toBeCloseTo(pd, 4);
    expect(pdFromScore(score)).toBeCloseTo(1 / (1 + odds), 12);
  });

  it("round-trips score → PD → score", () => {
    for (let score = 200; score <= 950; score += 12.5) {
      expect(scoreFromPd(pdFromScore(score))).toBeCloseTo(score, 8);
    }
  });

  it("round-trips PD → score → PD on another scale", () => {
    const scale = { points: 600, odds: 50, pdo: 20 };
    for (const pd of [0.0001, 0.01, 0.2, 0.5, 0.9]) {
      expect(pdFromScore(scoreFromPd(pd, scale), scale)).toBeCloseTo(pd, 12);
    }
  });

  it("keeps extreme scores finite", () => {
    expect(pdFromScore(-1e6)).toBe(1);
    expect(pdFromScore(1e6)).toBe(0);
    expect(() => scoreFromPd(0)).toThrow(RangeError);
  });

  it.each([
    [699.6, 699],
    [120, 300],
    [912.3, 850],
    [700, 700],
  ])("displays %d as %d", (score, shown) => {
    expect(displayScore(score)).toBe(shown);
  });
});

describe("grade bands", () => {
  it.each([
    [850, "low"],
    [700, "low"],
    [699.999, "medium"],
    [699, "medium"],
    [600, "medium"],
    [599.999, "high"],
    [599, "high"],
    [-50, "high"],
  ] as const)("score %d is %s risk", (score, grade) => {
    expect(gradeFromScore(score)).toBe(grade);
  });

  it("follows configured bands", () => {
    const bands = [
      { grade: "low", minScore: 720 },
      { grade: "medium", minScore: 640 },
      { grade: "high", minScore: null },
    ] as const;
    expect(gradeFromScore(710, bands)).toBe("medium");
    expect(gradeFromScore(639, bands)).toBe("high");
  });

  it("rejects bands out of order or without an open last band", () => {
    expect(validateGradeBands(DEFAULT_GRADE_BANDS)).toEqual([]);
    expect(
      validateGradeBands([
        { grade: "low", minScore: 600 },
        { grade: "medium", minScore: 700 },
      ]),
    ).toEqual([
      "bands[1].minScore: the last band must have minScore null",
      "bands[1].minScore: must be below 600",
    ]);
  });
});

describe("master scale", () => {
  it.each([
    [0.001, 1],
    [0.0025, 1],
    [0.00251, 2],
    [0.01382, 4], // 700 points
    [0.01406, 5], // 699 points
    [1 / 31, 6], // 650 points
    [0.07348, 8], // 600 points
    [0.0747, 9], // 599 points
    [0.5, 10],
  ])("PD %d is notch %d", (pd, notch) => {
    expect(notchFromPd(pd).notch).toBe(notch);
  });

  it("places the 699/700 and 599/600 scores on the band-aligned notches", () => {
    expect(notchFromPd(pdFromScore(700)).notch).toBe(4);
    expect(notchFromPd(pdFromScore(699)).notch).toBe(5);
    expect(notchFromPd(pdFromScore(600)).notch).toBe(8);
    expect(notchFromPd(pdFromScore(599)).notch).toBe(9);
  });
});
