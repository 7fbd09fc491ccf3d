import { describe, expect, it } from "vitest";
import { DEFAULT_CONCENTRATION_LIMITS } from "./concentration.ts";
import { DEFAULT_LGD_CONFIG } from "./expected-loss.ts";
import { makePosition } from "./fixtures.ts";
import { runStressScenario, type StressScenario, stressScenarioSchema } from "./stress.ts";

// A: 10,000.00 at 2 % (EL 9,000), B: 20,000.00 at 1 % (EL 9,000), C: 5,000.00 at 4 % (EL 9,000),
// D: 65,000.00 at 0.5 % (EL 14,625). Base EL 41,625; exposure 100,000.00.
const positions = [
  makePosition(1, {
    code: "A",
    exposureMinor: 1_000_000,
    pd: 0.02,
    industry: "M",
    region: "East",
    limitMinor: 1_200_000,
  }),
  makePosition(2, {
    code: "B",
    exposureMinor: 2_000_000,
    pd: 0.01,
    industry: "C",
    region: "East",
    limitMinor: 2_500_000,
  }),
  makePosition(3, {
    code: "C",
    exposureMinor: 500_000,
    pd: 0.04,
    industry: "M",
    region: "North",
    limitMinor: 400_000,
  }),
  makePosition(4, { code: "D", exposureMinor: 6_500_000, pd: 0.005, industry: "F", region: "West" }),
];
const run = (shocks: unknown[], extra: Partial<StressScenario> = {}) =>
  runStressScenario({
    positions,
    scenario: stressScenarioSchema.parse({ name: "t", shocks, ...extra }),
    lgd: DEFAULT_LGD_CONFIG,
    concentrationLimits: DEFAULT_CONCENTRATION_LIMITS,
  });

describe("stress scenarios", () => {
  it("doubles EL when every PD doubles", () => {
    const r = run([{ kind: "pd_factor", factor: 2 }]);
    expect(r.baseElMinor).toBe(41_625);
    expect(r.stressedElMinor).toBe(83_250);
    expect(r.deltaElMinor).toBe(41_625);
  });

  it("sets PD to 1 for chosen customers: EL = LGD × EAD", () => {
    const r = run([{ kind: "customers_default", customers: ["A", "unknown"] }]);
    // A: 1,000,000 × 0.45 = 450,000 instead of 9,000.
    expect(r.deltaElMinor).toBe(450_000 - 9_000);
    expect(r.affected.map((a) => a.code)).toEqual(["A"]);
  });

  it("defaults the N largest exposures", () => {
    const r = run([{ kind: "top_n_default", n: 2 }]);
    // D (65,000.00) and B (20,000.00): 0.45 × (6,500,000 + 2,000,000) − (14,625 + 9,000).
    expect(r.deltaElMinor).toBe(3_825_000 - 23_625);
    expect(r.affected.map((a) => a.code)).toEqual(["D", "B"]);
  });

  it("shocks an industry: PD × 3, LGD + 10 points, exposure × 1.5, and reports broken limits", () => {
    const r = run([
      { kind: "industry_shock", value: "M", pdMultiplier: 3, lgdAddBps: 1_000, exposureMultiplier: 1.5 },
    ]);
    // A: 1,500,000 × 0.55 × 0.06 = 49,500 (was 9,000); C: 750,000 × 0.55 × 0.12 = 49,500 (was 9,000).
    expect(r.stressedElMinor).toBe(41_625 - 18_000 + 99_000);
    expect(r.stressedEadMinor).toBe(10_000_000 + 750_000);
    // Largest excess first: C 7,500.00 over 4,000.00 (already over before), A 15,000.00 over
    // 12,000.00 (newly).
    expect(r.limitBreaches.map((b) => [b.code, b.newlyBreached])).toEqual([
      ["C", false],
      ["A", true],
    ]);
    // Industry F holds 65 % before and 60.5 % after: breached either way, not new.
    expect(r.concentrationBreaches.some((b) => b.dimension === "industry" && b.key === "F")).toBe(true);
    expect(r.newConcentrationBreaches.some((b) => b.key === "F")).toBe(false);
  });

  it("flags a loss budget the stressed EL exceeds", () => {
    expect(run([{ kind: "pd_factor", factor: 2 }], { lossBudgetMinor: 50_000 }).lossBudgetBreached).toBe(
      true,
    );
    expect(run([{ kind: "pd_factor", factor: 1 }], { lossBudgetMinor: 50_000 }).lossBudgetBreached).toBe(
      false,
    );
  });

  it("refuses a scenario without shocks or with an unknown kind", () => {
    expect(stressScenarioSchema.safeParse({ name: "x", shocks: [] }).success).toBe(false);
    expect(stressScenarioSchema.safeParse({ name: "x", shocks: [{ kind: "meteor" }] }).success).toBe(false);
  });
});
