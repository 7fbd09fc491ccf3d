import { describe, expect, it } from "vitest";
import {
  concentrationBy,
  DEFAULT_CONCENTRATION_LIMITS,
  findConcentrationBreaches,
  hhiBand,
  measureConcentration,
} from "./concentration.ts";
import { makePosition } from "./fixtures.ts";

// Hand-computed: exposures 5,000 / 3,000 / 1,000 / 1,000 (CNY) → shares 50 / 30 / 10 / 10 %,
// HHI = 50² + 30² + 10² + 10² = 3,600 (high); by industry M = 60 %, C = 40 % → 3,600 + 1,600 = 5,200.
const portfolio = [
  makePosition(1, { exposureMinor: 500_000, industry: "M", region: "East", code: "A" }),
  makePosition(2, { exposureMinor: 300_000, industry: "C", region: "East", code: "B" }),
  makePosition(3, { exposureMinor: 100_000, industry: "M", region: "North", code: "C", group: "A" }),
  makePosition(4, { exposureMinor: 100_000, industry: "C", region: null, code: "D" }),
  // Owes nothing: neither dilutes nor concentrates.
  makePosition(5, { exposureMinor: 0, industry: "F", code: "E" }),
];

describe("concentration", () => {
  it("computes shares and HHI of a hand-computed portfolio by customer", () => {
    const c = concentrationBy(portfolio, "customer");
    expect(c.totalMinor).toBe(1_000_000);
    expect(c.count).toBe(4);
    expect(c.shares.map((s) => [s.key, s.share])).toEqual([
      ["A", 0.5],
      ["B", 0.3],
      ["C", 0.1],
      ["D", 0.1],
    ]);
    expect(c.top1Share).toBe(0.5);
    expect(c.top5Share).toBe(1);
    expect(c.top10Share).toBe(1);
    expect(c.hhi).toBeCloseTo(3_600, 9);
    expect(c.band).toBe("high");
  });

  it("sums related companies under their parent and values by industry and region", () => {
    const group = concentrationBy(portfolio, "group");
    expect(group.shares.map((s) => [s.key, s.amountMinor])).toEqual([
      ["A", 600_000],
      ["B", 300_000],
      ["D", 100_000],
    ]);
    expect(group.hhi).toBeCloseTo(60 ** 2 + 30 ** 2 + 10 ** 2, 9);
    const industry = concentrationBy(portfolio, "industry");
    expect(industry.hhi).toBeCloseTo(5_200, 9);
    const region = concentrationBy(portfolio, "region");
    expect(region.shares.map((s) => s.key)).toEqual(["East", "(none)", "North"]);
    expect(region.top1Share).toBe(0.8);
  });

  it("finds twelve equal customers unconcentrated with top-5 and top-10 shares of 5/12 and 10/12", () => {
    const c = measureConcentration(Array.from({ length: 12 }, (_, i) => ({ key: `K${i}`, amountMinor: 7 })));
    expect(c.hhi).toBeCloseTo(12 * (100 / 12) ** 2, 9);
    expect(c.band).toBe("unconcentrated");
    expect(c.top5Share).toBeCloseTo(5 / 12, 12);
    expect(c.top10Share).toBeCloseTo(10 / 12, 12);
  });

  it.each([
    [0, "unconcentrated"],
    [999.99, "unconcentrated"],
    [1_000, "moderate"],
    [1_800, "moderate"],
    [1_800.01, "high"],
    [10_000, "high"],
  ] as const)("HHI %d is %s (DOMAIN.md bands)", (hhi, band) => {
    expect(hhiBand(hhi)).toBe(band);
  });

  it("reports every holder above a limit and none at the limit", () => {
    const breaches = findConcentrationBreaches(
      {
        customer: concentrationBy(portfolio, "customer"),
        industry: concentrationBy(portfolio, "industry"),
      },
      [
        ...DEFAULT_CONCENTRATION_LIMITS.filter((l) => l.dimension === "customer"),
        {
          dimension: "industry",
          maxShareBps: 4_000,
          severity: "warning",
          department: "credit",
          active: true,
        },
      ],
    );
    // Customer limit 10 %: A (50 %) and B (30 %) breach; C and D sit exactly at 10 %.
    // Industry limit 40 %: M (60 %) breaches, C (exactly 40 %) does not.
    expect(breaches.map((b) => `${b.dimension}:${b.key}`)).toEqual([
      "customer:A",
      "customer:B",
      "industry:M",
    ]);
  });
});
