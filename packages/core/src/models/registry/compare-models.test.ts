import { describe, expect, it } from "vitest";
import { compareModels } from "./compare-models.ts";

const target = Uint8Array.from([1, 0, 1, 0]);
const model = (version: string, pd: number[], score: number[]) => ({
  name: "m",
  version,
  method: "scorecard",
  scores: { pd: Float64Array.from(pd), score: Float64Array.from(score), reasons: [] },
});

describe("compareModels", () => {
  it("computes both models' metrics on the same rows", () => {
    const result = compareModels({
      target,
      champion: model("1", [0.9, 0.1, 0.8, 0.2], [500, 600, 510, 590]),
      // Bads at 0.1 and 0.8, goods at 0.9 and 0.2: only (0.8 > 0.2) is ordered → AUC 1/4.
      challenger: model("2", [0.1, 0.9, 0.8, 0.2], [600, 500, 510, 590]),
    });
    expect(result.rows).toBe(4);
    expect(result.bads).toBe(2);
    expect(result.champion.auc).toBe(1);
    expect(result.champion.gini).toBe(1);
    expect(result.champion.ks).toBe(1);
    // (0.1² + 0.1² + 0.2² + 0.2²) / 4
    expect(result.champion.brier).toBeCloseTo(0.025, 12);
    expect(result.challenger.auc).toBe(0.25);
    expect(result.aucDelta).toBe(-0.75);
    // Both bads first, then both goods: the perfect ROC curve through (0, 1).
    expect(result.champion.curves?.roc).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0, tpr: 1 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(result.champion.curves?.ks).toMatchObject({ statistic: 1, score: 510, population: 0.5 });
    expect(result.challenger.curves?.ks.statistic).toBe(result.challenger.ks);
    // The same four scores in another order: identical distributions.
    expect(result.scorePsi.psi).toBe(0);
    expect(result.scorePsi.band).toBe("stable");
  });

  it("reports a shifted score distribution", () => {
    const result = compareModels({
      target,
      champion: model("1", [0.5, 0.5, 0.5, 0.5], [500, 520, 540, 560]),
      challenger: model("2", [0.5, 0.5, 0.5, 0.5], [700, 710, 720, 730]),
    });
    expect(result.scorePsi.psi).toBeGreaterThan(0.25);
    expect(result.scorePsi.band).toBe("shifted");
    expect(result.champion.auc).toBe(0.5);
  });

  it("refuses rows of different lengths", () => {
    expect(() =>
      compareModels({ target, champion: model("1", [0.5], [500]), challenger: model("2", [0.5], [500]) }),
    ).toThrow(RangeError);
  });
});
