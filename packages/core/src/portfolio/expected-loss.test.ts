import { describe, expect, it } from "vitest";
import { computeExpectedLoss, DEFAULT_LGD_CONFIG, positionLoss, splitExposure } from "./expected-loss.ts";
import { makePosition } from "./fixtures.ts";

describe("expected loss", () => {
  it("is PD × 45 % × EAD for an unsecured, uninsured customer", () => {
    // 10,000.00 CNY at PD 2 %: 1,000,000 × 0.45 × 0.02 = 9,000 fen.
    const l = positionLoss(makePosition(1, { exposureMinor: 1_000_000, pd: 0.02 }), DEFAULT_LGD_CONFIG);
    expect(l.lgd).toBeCloseTo(0.45, 12);
    expect(l.elMinor).toBe(9_000);
  });

  it("loses only (1 − indemnity) of the insured part", () => {
    // Cover 6,000.00 at 90 %: insured 600,000 × 0.45 × 0.10 = 27,000; unsecured 400,000 × 0.45 =
    // 180,000; loss given default 207,000 → EL = 0.02 × 207,000 = 4,140.
    const insured = makePosition(1, {
      exposureMinor: 1_000_000,
      pd: 0.02,
      insuredMinor: 600_000,
      indemnityBps: 9_000,
    });
    const l = positionLoss(insured, DEFAULT_LGD_CONFIG);
    expect(l.insuredMinor).toBe(600_000);
    expect(l.lgd).toBeCloseTo(0.207, 12);
    expect(l.elMinor).toBe(4_140);
  });

  it("applies collateral first, then insurance capped by what is left", () => {
    // Collateral 2,000.00 at 35 % = 70,000; cover 9,000.00 capped to the remaining 800,000 at 90 %
    // → 800,000 × 0.045 = 36,000; nothing unsecured. EL = 0.02 × 106,000 = 2,120.
    const s = splitExposure(
      1_000_000,
      { collateralMinor: 200_000, guaranteesMinor: 0, insuredMinor: 900_000, indemnityBps: 9_000 },
      DEFAULT_LGD_CONFIG,
    );
    expect([s.collateralMinor, s.insuredMinor, s.unsecuredMinor]).toEqual([200_000, 800_000, 0]);
    const l = positionLoss(
      makePosition(1, {
        exposureMinor: 1_000_000,
        pd: 0.02,
        collateralMinor: 200_000,
        insuredMinor: 900_000,
        indemnityBps: 9_000,
      }),
      DEFAULT_LGD_CONFIG,
    );
    expect(l.elMinor).toBe(2_120);
  });

  it("totals EL, leaves unassessed customers out unless a PD is configured, and ranks contributions", () => {
    const positions = [
      makePosition(1, { exposureMinor: 1_000_000, pd: 0.02, industry: "M", grade: "medium" }),
      makePosition(2, { exposureMinor: 2_000_000, pd: 0.005, industry: "C", grade: "low" }),
      makePosition(3, { exposureMinor: 500_000, industry: "C" }),
    ];
    const el = computeExpectedLoss(positions, DEFAULT_LGD_CONFIG, ["industry"]);
    // 9,000 + 2,000,000 × 0.45 × 0.005 = 4,500 → 13,500.
    expect(el.elMinor).toBe(13_500);
    expect(el.eadMinor).toBe(3_500_000);
    expect(el.unassessed).toEqual({ customers: 1, eadMinor: 500_000 });
    expect(el.customers.map((c) => c.code)).toEqual(["C1", "C2", "C3"]);
    expect(el.byDimension.industry?.map((g) => [g.key, g.elMinor, g.share])).toEqual([
      ["M", 9_000, 9_000 / 13_500],
      ["C", 4_500, 4_500 / 13_500],
    ]);
    const withFallback = computeExpectedLoss(positions, { ...DEFAULT_LGD_CONFIG, unassessedPd: 0.1 }, []);
    // + 500,000 × 0.45 × 0.1 = 22,500.
    expect(withFallback.elMinor).toBe(36_000);
    expect(withFallback.unassessed.customers).toBe(0);
  });
});
