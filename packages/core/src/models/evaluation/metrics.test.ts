import { describe, expect, it } from "vitest";
import { calibrationTable, liftTable } from "./deciles.ts";
import { auc, binaryMetrics, brier, ks, logLoss } from "./metrics.ts";
import { psiBand, psiByBins, psiFromCounts } from "./psi.ts";

// Bads score 0.9, 0.5, 0.3; goods 0.5, 0.1, 0.3 (two ties across classes).
const target = [1, 1, 0, 0, 1, 0];
const pd = [0.9, 0.5, 0.5, 0.1, 0.3, 0.3];

describe("auc and ks with ties", () => {
  it("counts a tied bad/good pair as half a win (mid-ranks)", () => {
    // Pairs: 0.9 beats all three (3); 0.5 ties 0.5, beats 0.1 and 0.3 (2.5); 0.3 loses to 0.5,
    // beats 0.1, ties 0.3 (1.5) → 7 / 9.
    expect(auc(target, pd)).toBeCloseTo(7 / 9, 12);
  });

  it("moves tied scores together for KS", () => {
    // Cumulative (bad, good) shares by descending score: (1/3,0) (2/3,1/3) (1,2/3) (1,1).
    expect(ks(target, pd)).toBeCloseTo(1 / 3, 12);
  });

  it("is 0.5 when all scores tie", () => {
    expect(auc([1, 0, 1, 0], [0.2, 0.2, 0.2, 0.2])).toBe(0.5);
    expect(ks([1, 0, 1, 0], [0.2, 0.2, 0.2, 0.2])).toBe(0);
  });

  it("returns null (not computable) with one class only", () => {
    expect(auc([1, 1], [0.2, 0.4])).toBeNull();
    expect(binaryMetrics([0, 0], [0.2, 0.4]).gini).toBeNull();
  });

  it("computes Brier, log loss and Gini", () => {
    expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(binaryMetrics(target, pd).gini).toBeCloseTo(2 * (7 / 9) - 1, 12);
  });
});

describe("deciles", () => {
  it("puts the riskiest rows in lift decile 1 and accumulates the gain to 1", () => {
    const t = Array.from({ length: 20 }, (_, i) => (i >= 16 ? 1 : 0));
    const p = Array.from({ length: 20 }, (_, i) => i / 20);
    const lift = liftTable(t, p);
    expect(lift[0]).toMatchObject({ decile: 1, n: 2, bads: 2, badRate: 1, lift: 5 });
    expect(lift[1]!.cumulativeBadShare).toBe(1);
    const calibration = calibrationTable(t, p);
    expect(calibration[9]).toMatchObject({ n: 2, observedBadRate: 1 });
    expect(calibration[0]!.meanPd).toBeCloseTo(0.025, 12);
  });
});

describe("psi", () => {
  it("matches a hand-computed pair", () => {
    // Σ (a−e)·ln(a/e) for e = 25 % each, a = 10/20/30/40 %.
    const expected =
      -0.15 * Math.log(0.4) - 0.05 * Math.log(0.8) + 0.05 * Math.log(1.2) + 0.15 * Math.log(1.6);
    expect(psiFromCounts([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.228218, 5);
    expect(psiBand(expected)).toBe("watch");
  });

  it("is zero for identical samples and finite with an empty bin", () => {
    expect(psiByBins([0, 1, 2, 2], [2, 1, 0, 2], 3).psi).toBe(0);
    expect(Number.isFinite(psiFromCounts([10, 10], [20, 0]))).toBe(true);
  });

  it.each([
    [0.05, "stable"],
    [0.2, "watch"],
    [0.3, "shifted"],
  ] as const)("PSI %s is %s", (value, band) => {
    expect(psiBand(value)).toBe(band);
  });
});
