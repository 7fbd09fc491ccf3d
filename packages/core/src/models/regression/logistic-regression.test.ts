import { describe, expect, it } from "vitest";
import { fitLogistic } from "./logistic-regression.ts";

/** Expands a 2×k table of counts into rows. */
function rows(groups: { x: number[]; good: number; bad: number }[]) {
  const columns: number[][] = groups[0]!.x.map(() => []);
  const target: number[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.good + g.bad; i++) {
      g.x.forEach((v, j) => {
        columns[j]!.push(v);
      });
      target.push(i < g.bad ? 1 : 0);
    }
  }
  return { columns: columns.map((c) => Float64Array.from(c)), target: Uint8Array.from(target) };
}

describe("fitLogistic", () => {
  it("recovers the closed-form MLE of a 2×2 table (log odds and log odds ratio)", () => {
    // x = 0: 20 bad / 80 good → α = ln(20/80); x = 1: 30 bad / 20 good → α + β = ln(30/20).
    const data = rows([
      { x: [0], good: 80, bad: 20 },
      { x: [1], good: 20, bad: 30 },
    ]);
    const fit = fitLogistic({ ...data, l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(0.25), 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(1.5) - Math.log(0.25), 8);
    // Woolf's standard error of a log odds ratio: sqrt(1/20 + 1/80 + 1/30 + 1/20).
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 20 + 1 / 80 + 1 / 30 + 1 / 20), 6);
    // Log-likelihood of the saturated fit: Σ n·ln p over cells.
    const ll = 20 * Math.log(0.2) + 80 * Math.log(0.8) + 30 * Math.log(0.6) + 20 * Math.log(0.4);
    expect(fit.logLikelihood).toBeCloseTo(ll, 8);
    expect(fit.aic).toBeCloseTo(4 - 2 * ll, 8);
  });

  it("fits a three-level factor by dummy coding exactly", () => {
    const data = rows([
      { x: [0, 0], good: 90, bad: 10 },
      { x: [1, 0], good: 60, bad: 40 },
      { x: [0, 1], good: 25, bad: 75 },
    ]);
    const fit = fitLogistic({ ...data, l2: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(10 / 90), 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(40 / 60) - Math.log(10 / 90), 8);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(75 / 25) - Math.log(10 / 90), 8);
  });

  it("stays finite under complete separation thanks to the L2 penalty", () => {
    const data = rows([
      { x: [0], good: 50, bad: 0 },
      { x: [1], good: 0, bad: 50 },
    ]);
    const fit = fitLogistic({ ...data, l2: 0.1 });
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);
    expect(fit.coefficients[0]!).toBeGreaterThan(3);
  });

  it("handles a duplicated (singular) column without failing", () => {
    const data = rows([
      { x: [0, 0], good: 80, bad: 20 },
      { x: [1, 1], good: 20, bad: 30 },
    ]);
    const fit = fitLogistic({ ...data, l2: 0 });
    // The two copies share the effect; their sum is the log odds ratio.
    expect(fit.coefficients[0]! + fit.coefficients[1]!).toBeCloseTo(Math.log(1.5 / 0.25), 3);
  });
});
