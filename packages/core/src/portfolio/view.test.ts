import { describe, expect, it } from "vitest";
import { makePosition } from "./fixtures.ts";
import { collectionMetrics, groupPortfolio } from "./view.ts";

describe("portfolio view", () => {
  it("groups exposure, limits, utilisation and grades by a dimension", () => {
    const v = groupPortfolio(
      [
        makePosition(1, {
          exposureMinor: 800,
          undeliveredOrdersMinor: 200,
          limitMinor: 800,
          tier: "core",
          grade: "low",
          pd: 0.01,
        }),
        makePosition(2, { exposureMinor: 300, limitMinor: 1_200, tier: "core", grade: "high", pd: 0.1 }),
        makePosition(3, { exposureMinor: 100, tier: "general" }),
      ],
      "tier",
    );
    expect(v.total.exposureMinor).toBe(1_400);
    const core = v.groups[0]!;
    expect(core.key).toBe("core");
    expect(core.exposureMinor).toBe(1_300);
    expect(core.limitMinor).toBe(2_000);
    expect(core.utilisation).toBeCloseTo(1_300 / 2_000, 12);
    expect(core.overLimit).toBe(1);
    expect(core.grades).toEqual({ low: 1, high: 1 });
    expect(core.weightedPd).toBeCloseTo((0.01 * 1_000 + 0.1 * 300) / 1_300, 12);
    expect(v.groups[1]).toMatchObject({ key: "general", customersWithoutLimit: 1, utilisation: null });
  });

  it("computes DSO, best DSO, ADDB and CEI of a month (DOMAIN.md)", () => {
    // Opening 1,000, sales 600, closing 900 of which 500 current, 30 days:
    // DSO = 900/600×30 = 45, best = 500/600×30 = 25, ADDB = 20, CEI = (1,600−900)/(1,600−500)×100.
    const m = collectionMetrics({
      monthEnd: "2025-06-30",
      days: 30,
      openingArMinor: 1_000,
      creditSalesMinor: 600,
      closingArMinor: 900,
      closingCurrentArMinor: 500,
    });
    expect(m.dso).toBeCloseTo(45, 12);
    expect(m.bestDso).toBeCloseTo(25, 12);
    expect(m.addb).toBeCloseTo(20, 12);
    expect(m.cei).toBeCloseTo((700 / 1_100) * 100, 12);
    expect(
      collectionMetrics({ ...m, days: 30, openingArMinor: 0, creditSalesMinor: 0, closingCurrentArMinor: 0 })
        .dso,
    ).toBeNull();
  });
});
