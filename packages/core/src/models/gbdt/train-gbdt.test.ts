import { describe, expect, it } from "vitest";
import type { Dataset } from "../data/dataset.ts";
import { createRng } from "../data/rng.ts";
import { auc } from "../evaluation/metrics.ts";
import { gbdtContributions, predictGbdtMargin } from "./gbdt-model.ts";
import { trainGbdt } from "./train-gbdt.ts";

/** Bad when inside a ring (x² + y² < 1), with 10 % label noise and 5 % missing x. */
function ring(n: number, seed: number): Dataset {
  const random = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c: (string | null)[] = [];
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = random() * 4 - 2;
    y[i] = random() * 4 - 2;
    c.push(random() < 0.5 ? "u" : "v");
    const inside = x[i]! ** 2 + y[i]! ** 2 < 1;
    target[i] = (random() < 0.1 ? !inside : inside) ? 1 : 0;
    if (random() < 0.05) {
      x[i] = Number.NaN;
    }
  }
  return {
    rows: n,
    features: [
      { name: "x", kind: "numeric", values: x },
      { name: "y", kind: "numeric", values: y },
      { name: "c", kind: "categorical", values: c },
    ],
    target,
    targetName: "t",
    positive: "1",
  };
}

describe("trainGbdt", () => {
  it("learns a nonlinear function that a linear model cannot", () => {
    const train = ring(4000, 1);
    const valid = ring(2000, 2);
    const result = trainGbdt({ train, validation: valid });
    const margin = predictGbdtMargin(result.model, valid.features, valid.rows);
    // The Bayes AUC is bounded by the 10 % label noise; a linear score is near 0.5 here.
    expect(auc(valid.target, margin)!).toBeGreaterThan(0.8);
    expect(result.bestIteration).toBeLessThan(500);
    expect(result.model.importance.at(-1)!.feature).toBe("c");
  });

  it("respects a monotonic constraint even when the data bend the other way", () => {
    const random = createRng(5);
    const n = 3000;
    const x = new Float64Array(n);
    const target = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = random() * 10;
      // Rising overall but with a strong dip in the middle.
      const p = 0.1 + 0.06 * x[i]! - (x[i]! > 4 && x[i]! < 6 ? 0.25 : 0);
      target[i] = random() < p ? 1 : 0;
    }
    const data: Dataset = {
      rows: n,
      features: [{ name: "x", kind: "numeric", values: x }],
      target,
      targetName: "t",
      positive: "1",
    };
    const grid = Float64Array.from({ length: 201 }, (_, i) => i / 20);
    const gridColumns = [{ name: "x", kind: "numeric" as const, values: grid }];
    const free = trainGbdt({ train: data, params: { maxIterations: 60, minSamplesLeaf: 10 } });
    const freeMargin = predictGbdtMargin(free.model, gridColumns, grid.length);
    const dips = Array.from(freeMargin).some((m, i) => i > 0 && m < freeMargin[i - 1]! - 1e-9);
    expect(dips).toBe(true);
    const constrained = trainGbdt({
      train: data,
      params: { maxIterations: 60, minSamplesLeaf: 10, monotone: { x: 1 } },
    });
    const margin = predictGbdtMargin(constrained.model, gridColumns, grid.length);
    for (let i = 1; i < margin.length; i++) {
      expect(margin[i]!).toBeGreaterThanOrEqual(margin[i - 1]! - 1e-12);
    }
    expect(margin[200]!).toBeGreaterThan(margin[0]! + 0.5);
  });

  it("gives per-row contributions that sum to the margin", () => {
    const train = ring(1500, 3);
    const result = trainGbdt({ train, params: { maxIterations: 30, subsample: 0.8, colsample: 0.67 } });
    const margin = predictGbdtMargin(result.model, train.features, train.rows);
    const { bias, contributions } = gbdtContributions(result.model, train.features, train.rows);
    for (let i = 0; i < train.rows; i += 97) {
      const sum = bias[i]! + contributions.reduce((s, c) => s + c[i]!, 0);
      expect(sum).toBeCloseTo(margin[i]!, 10);
    }
  });
});
