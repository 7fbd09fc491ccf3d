import { describe, expect, it } from "vitest";
import { DEFAULT_LIMIT_POLICY, recommendLimit } from "./recommend-limit.ts";

// Worked example: TNW 8,000,000.00, WC 3,000,000.00, purchases 500,000.00 a month on net 30 with
// 15 days beyond terms, medium grade (factor 0.6).
//   10 % × TNW        = 800,000.00
//   20 % × WC         = 600,000.00
//   need 500k × 45/30 = 750,000.00
//   most conservative = 600,000.00 (working capital) × 0.6 = 360,000.00
const base = {
  tangibleNetWorthMinor: 800_000_000,
  workingCapitalMinor: 300_000_000,
  monthlyPurchasesMinor: 50_000_000,
  termsDays: 30,
  expectedDaysBeyondTerms: 15,
  gradeFactor: 0.6,
  insuredLimitMinor: null,
  policy: DEFAULT_LIMIT_POLICY,
};

describe("limit recommendation", () => {
  it("shows every method's figure and takes the most conservative, scaled by the grade factor", () => {
    const r = recommendLimit(base);
    expect(r.methods.tangible_net_worth).toMatchObject({ status: "ok", valueMinor: 80_000_000 });
    expect(r.methods.working_capital).toMatchObject({ status: "ok", valueMinor: 60_000_000 });
    expect(r.methods.expected_need).toMatchObject({ status: "ok", valueMinor: 75_000_000 });
    expect(r.baseMethod).toBe("working_capital");
    expect(r.afterGradeMinor).toBe(36_000_000);
    expect(r.recommendedMinor).toBe(36_000_000);
    expect(r.boundBy).toBe("working_capital");
  });

  it("caps at the insured limit plus the uninsured tolerance and says so", () => {
    const r = recommendLimit({
      ...base,
      insuredLimitMinor: 30_000_000,
      policy: { ...DEFAULT_LIMIT_POLICY, uninsuredToleranceMinor: 2_000_000 },
    });
    expect(r.recommendedMinor).toBe(32_000_000);
    expect(r.boundBy).toBe("insured_plus_tolerance");
  });

  it("caps at the policy cap when it is lower", () => {
    const r = recommendLimit({ ...base, policy: { ...DEFAULT_LIMIT_POLICY, capMinor: 10_000_000 } });
    expect(r).toMatchObject({ recommendedMinor: 10_000_000, boundBy: "policy_cap" });
  });

  it("skips methods without data with a reason and uses the others", () => {
    const r = recommendLimit({
      ...base,
      tangibleNetWorthMinor: null,
      workingCapitalMinor: null,
      missing: { "working capital": "no financial statement" },
    });
    expect(r.methods.working_capital).toEqual({ status: "not_computable", reason: "no financial statement" });
    expect(r.baseMethod).toBe("expected_need");
    expect(r.recommendedMinor).toBe(45_000_000);
  });

  it("gives zero for negative tangible net worth (most conservative)", () => {
    const r = recommendLimit({ ...base, tangibleNetWorthMinor: -5_000_000 });
    expect(r).toMatchObject({ baseMethod: "tangible_net_worth", recommendedMinor: 0 });
  });

  it("is not computable without any method or without a grade", () => {
    expect(
      recommendLimit({
        ...base,
        tangibleNetWorthMinor: null,
        workingCapitalMinor: null,
        monthlyPurchasesMinor: null,
      }),
    ).toMatchObject({ recommendedMinor: null, reason: "no limit method is computable" });
    expect(recommendLimit({ ...base, gradeFactor: null }).recommendedMinor).toBeNull();
  });
});
