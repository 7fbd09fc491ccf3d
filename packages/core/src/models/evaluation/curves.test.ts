import { describe, expect, it } from "vitest";
import { syntheticCreditTable } from "../testing/synthetic.ts";
import { downsampleIndices, evaluationCurves } from "./curves.ts";
import { auc, ks } from "./metrics.ts";

// Six rows, riskiest first: bad 0.9; a bad and a good tied at 0.8; good 0.5; bad 0.3; good 0.1.
const target = [1, 1, 0, 0, 1, 0];
const pd = [0.9, 0.8, 0.8, 0.5, 0.3, 0.1];
const score = [100, 200, 200, 300, 400, 500];

/** Area under a polyline by the trapezoid rule. */
const area = (points: readonly { fpr: number; tpr: number }[]) =>
  points.slice(1).reduce((sum, p, i) => sum + (p.fpr - points[i]!.fpr) * ((p.tpr + points[i]!.tpr) / 2), 0);

describe("evaluationCurves on a hand-computed example", () => {
  const curves = evaluationCurves({ target, pd, score });

  it("steps the ROC curve after each distinct PD, ties together, from (0,0) to (1,1)", () => {
    // Cumulative (good, bad) shares: (0,1/3) (1/3,2/3) (2/3,2/3) (2/3,1) (1,1).
    expect(curves?.roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1 / 3],
      [1 / 3, 2 / 3],
      [2 / 3, 2 / 3],
      [2 / 3, 1],
      [1, 1],
    ]);
    // Trapezoids: 1/6 + 2/9 + 1/3 = 13/18, the Mann–Whitney AUC with the tie as half a win.
    expect(area(curves?.roc ?? [])).toBeCloseTo(13 / 18, 12);
    expect(auc(target, pd)).toBeCloseTo(13 / 18, 12);
  });

  it("gives the cumulative bad and good shares by score and where the KS gap is largest", () => {
    expect(curves?.ks.points).toEqual([
      { score: 100, population: 0, bad: 0, good: 0 },
      { score: 100, population: 1 / 6, bad: 1 / 3, good: 0 },
      { score: 200, population: 3 / 6, bad: 2 / 3, good: 1 / 3 },
      { score: 300, population: 4 / 6, bad: 2 / 3, good: 2 / 3 },
      { score: 400, population: 5 / 6, bad: 1, good: 2 / 3 },
      { score: 500, population: 1, bad: 1, good: 1 },
    ]);
    // The gap 1/3 is first reached at score 100 (one sixth of the rows).
    expect(curves?.ks).toMatchObject({ score: 100, population: 1 / 6 });
    expect(curves?.ks.statistic).toBeCloseTo(1 / 3, 12);
    expect(curves?.ks.statistic).toBeCloseTo(ks(target, pd) ?? Number.NaN, 12);
  });

  it("is null with one class only and refuses arrays of different lengths", () => {
    expect(evaluationCurves({ target: [0, 0], pd: [0.1, 0.2], score: [1, 2] })).toBeNull();
    expect(() => evaluationCurves({ target: [0, 1], pd: [0.1], score: [1, 2] })).toThrow(RangeError);
  });
});

describe("downsampling", () => {
  it("keeps every point of a short curve", () => {
    expect(downsampleIndices(5, 200)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps the ends and the KS maximum within the limit", () => {
    const picked = downsampleIndices(10_001, 200, 4_321);
    expect(picked.length).toBeLessThanOrEqual(200);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(10_000);
    expect(picked).toContain(4_321);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });

  it("draws a 5,000-row model in at most 200 points that still match its AUC and KS", () => {
    const table = syntheticCreditTable({ rows: 5000, seed: 4 });
    const last = table.header.length - 1;
    const y = table.rows.map((r) => Number(r[last]));
    // A weak, noisy PD (the target's signal plus a deterministic jitter), so the classes overlap.
    const p = y.map((t, i) => Math.min(0.99, Math.max(0.01, 0.3 + 0.2 * t + ((i * 7919) % 1000) / 2500)));
    const s = p.map((v) => 600 - 50 * Math.log(v / (1 - v)));
    const curves = evaluationCurves({ target: y, pd: p, score: s });
    expect(curves?.roc.length).toBeLessThanOrEqual(200);
    expect(curves?.ks.points.length).toBeLessThanOrEqual(200);
    expect(curves?.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(curves?.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(area(curves?.roc ?? [])).toBeCloseTo(auc(y, p) ?? 0, 2);
    expect(curves?.ks.statistic).toBeCloseTo(ks(y, p) ?? 0, 12);
    // The KS point itself is kept, so the chart's largest gap is the statistic.
    const gaps = (curves?.ks.points ?? []).map((q) => q.bad - q.good);
    expect(Math.max(...gaps)).toBeCloseTo(curves?.ks.statistic ?? 0, 12);
  });
});
