import { describe, expect, it } from "vitest";
import type { NumericColumn } from "../data/dataset.ts";
import { createRng } from "../data/rng.ts";
import { binLookup } from "./apply-binning.ts";
import { binCategorical } from "./bin-categorical.ts";
import { binNumeric } from "./bin-numeric.ts";
import { DEFAULT_BINNING_OPTIONS } from "./bin-types.ts";

/** Bad probability rising with x but with a bump, so raw bins are not monotonic. */
function wavyData(n: number, seed: number): { column: NumericColumn; target: Uint8Array } {
  const random = createRng(seed);
  const values = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = random() * 100;
    values[i] = i % 40 === 0 ? Number.NaN : Math.round(x);
    const p = 0.1 + 0.5 * (x / 100) + 0.15 * Math.sin(x / 6);
    target[i] = random() < p ? 1 : 0;
  }
  return { column: { name: "x", kind: "numeric", values }, target };
}

const rangeWoes = (bins: readonly { rule: { kind: string }; woe: number }[]) =>
  bins.filter((b) => b.rule.kind === "range").map((b) => b.woe);

describe("binNumeric", () => {
  it.each(["chimerge", "tree"] as const)(
    "%s with a descending trend gives strictly decreasing WOE",
    (method) => {
      const { column, target } = wavyData(5000, 7);
      const binning = binNumeric(column, target, {
        ...DEFAULT_BINNING_OPTIONS,
        method,
        preBins: 40,
        trend: "descending",
      });
      const woes = rangeWoes(binning.bins);
      expect(woes.length).toBeGreaterThan(1);
      for (let i = 1; i < woes.length; i++) {
        expect(woes[i]!).toBeLessThan(woes[i - 1]!);
      }
    },
  );

  it("auto trend detects the direction and enforces it", () => {
    const { column, target } = wavyData(5000, 3);
    const binning = binNumeric(column, target, {
      ...DEFAULT_BINNING_OPTIONS,
      method: "tree",
      maxBins: 8,
      trend: "auto",
    });
    expect(binning.trend).toBe("descending");
    const woes = rangeWoes(binning.bins);
    expect(woes.every((w, i) => i === 0 || w < woes[i - 1]!)).toBe(true);
  });

  it("respects max bins and the minimum bin share, with missing as its own bin", () => {
    const { column, target } = wavyData(5000, 11);
    const binning = binNumeric(column, target, {
      ...DEFAULT_BINNING_OPTIONS,
      maxBins: 5,
      minShare: 0.1,
      trend: "none",
    });
    const ranges = binning.bins.filter((b) => b.rule.kind === "range");
    expect(ranges.length).toBeLessThanOrEqual(5);
    for (const bin of ranges) {
      expect((bin.good + bin.bad) / 5000).toBeGreaterThanOrEqual(0.1);
    }
    const missing = binning.bins.find((b) => b.rule.kind === "missing")!;
    expect(missing.good + missing.bad).toBe(125);
    expect(binning.missingShare).toBeCloseTo(0.025, 9);
  });

  it("puts special values in their own bins and the lookup routes values to the right bin", () => {
    const values = Float64Array.from([-1, -1, 1, 2, 3, 4, 5, 6, Number.NaN, 7]);
    const target = Uint8Array.from([1, 0, 0, 0, 1, 0, 1, 1, 0, 1]);
    const binning = binNumeric({ name: "x", kind: "numeric", values }, target, {
      ...DEFAULT_BINNING_OPTIONS,
      specialValues: [-1],
      minShare: 0,
      trend: "none",
    });
    const lookup = binLookup(binning);
    expect(binning.bins[lookup(-1)]!.rule).toEqual({ kind: "special", value: -1 });
    expect(binning.bins[lookup(Number.NaN)]!.rule.kind).toBe("missing");
    expect(binning.bins[lookup(1000)]!.rule).toMatchObject({ kind: "range", upper: null });
  });
});

describe("binCategorical", () => {
  it("groups categories by bad rate, merges rare ones and sends unseen ones to the missing bin", () => {
    const values: (string | null)[] = [];
    const target: number[] = [];
    const add = (category: string | null, good: number, bad: number) => {
      for (let i = 0; i < good; i++) {
        values.push(category);
        target.push(0);
      }
      for (let i = 0; i < bad; i++) {
        values.push(category);
        target.push(1);
      }
    };
    add("a", 400, 40);
    add("b", 390, 45);
    add("c", 200, 200);
    add("rare", 3, 2);
    add(null, 30, 10);
    const binning = binCategorical(
      { name: "cat", kind: "categorical", values },
      Uint8Array.from(target),
      // ChiMerge at 95 %: a and b do not differ significantly, so they must share a bin.
      { ...DEFAULT_BINNING_OPTIONS, chiThreshold: 3.841 },
    );
    const lookup = binLookup(binning);
    // a and b have nearly the same bad rate: one bin. "rare" (0.4 %) cannot stand alone.
    expect(lookup("a")).toBe(lookup("b"));
    expect(lookup("rare")).not.toBe(lookup("a"));
    expect(lookup("rare")).toBe(lookup("c"));
    expect(binning.bins[lookup("never seen")]!.rule.kind).toBe("missing");
    expect(binning.bins[lookup(null)]!.good).toBe(30);
  });
});
