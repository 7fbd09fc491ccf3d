import { describe, expect, it } from "vitest";
import { backtestPd, binomialUpperTail, logGamma, scalePd } from "./backtest.ts";

/** Direct binomial tail by exact combinatorics (small n only), independent of the log-space sum. */
function directTail(k: number, n: number, p: number): number {
  let total = 0;
  for (let i = k; i <= n; i++) {
    let c = 1;
    for (let j = 0; j < i; j++) {
      c = (c * (n - j)) / (j + 1);
    }
    total += c * p ** i * (1 - p) ** (n - i);
  }
  return total;
}

describe("PD back-test", () => {
  it("matches Γ on integers", () => {
    expect(Math.exp(logGamma(6))).toBeCloseTo(120, 9);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });

  it.each([
    [2, 3, 0.5],
    [5, 20, 0.1],
    [1, 20, 0.1],
    [0, 10, 0.3],
    [9, 40, 0.02],
  ])("P(X ≥ %d | n = %d, p = %d) equals the direct sum", (k, n, p) => {
    expect(binomialUpperTail(k, n, p)).toBeCloseTo(directTail(k, n, p), 10);
  });

  it("does not underflow on a large portfolio: P(X ≥ mean) is near one half", () => {
    const v = binomialUpperTail(1_000, 100_000, 0.01);
    expect(v).toBeGreaterThan(0.49);
    expect(v).toBeLessThan(0.52);
    expect(binomialUpperTail(1_200, 100_000, 0.01)).toBeLessThan(1e-8);
  });

  it("scales a 12-month PD to the horizon", () => {
    expect(scalePd(0.1, 12)).toBeCloseTo(0.1, 12);
    expect(scalePd(0.19, 24)).toBeCloseTo(1 - 0.81 ** 2, 12);
  });

  it("fails a grade with more defaults than its PD explains and passes a calibrated one", () => {
    const obligors = [
      ...Array.from({ length: 100 }, (_, i) => ({ grade: "low", pd: 0.01, defaulted: i < 1 })),
      ...Array.from({ length: 50 }, (_, i) => ({ grade: "high", pd: 0.05, defaulted: i < 10 })),
    ];
    const r = backtestPd(obligors, { horizonMonths: 12, scale: ["low", "medium", "high"] });
    expect(r.rows.map((x) => [x.grade, x.obligors, x.defaults, x.result])).toEqual([
      ["low", 100, 1, "pass"],
      ["high", 50, 10, "fail"],
    ]);
    expect(r.rows[1]!.pValue).toBeCloseTo(directTail(10, 50, 0.05), 10);
    expect(r.total.obligors).toBe(150);
    expect(r.total.expectedDefaults).toBeCloseTo(100 * 0.01 + 50 * 0.05, 9);
  });
});
