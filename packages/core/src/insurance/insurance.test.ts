import { describe, expect, it } from "vitest";
import { canMoveClaim, claimPayableFrom, expectedIndemnity } from "./claims.ts";
import { factoringAmounts, removesFromExposure } from "./factoring.ts";
import { insurancePolicyInputSchema } from "./insurance-schema.ts";
import { classifyDecision, decisionProblem, excessOverInsuredLimit, insuredCover } from "./insured-limit.ts";

describe("insurer decisions", () => {
  it.each([
    [100_000, 100_000, "full"],
    [100_000, 120_000, "full"],
    [100_000, 60_000, "partial"],
    [100_000, 0, "refused"],
  ] as const)("requested %i, granted %i is %s", (requested, decided, decision) => {
    expect(classifyDecision(requested, decided)).toBe(decision);
    expect(decisionProblem(requested, decided, decision)).toBeNull();
  });

  it("refuses a stated decision that contradicts the amounts", () => {
    expect(decisionProblem(100_000, 100_000, "partial")).toMatch(/partial/);
    expect(decisionProblem(100_000, 5_000, "refused")).toMatch(/refusal/);
    expect(decisionProblem(100_000, 5_000, "full")).toMatch(/full/);
  });
});

describe("exposure net of cover", () => {
  it("covers indemnity % of the exposure inside the insured limit", () => {
    // 800,000.00 exposure, 500,000.00 insured, 90 % indemnity: cover 450,000.00, net 350,000.00.
    const c = insuredCover({ exposureMinor: 80_000_000, insuredLimitMinor: 50_000_000, indemnityBps: 9_000 });
    expect(c).toEqual({
      insuredExposureMinor: 50_000_000,
      uninsuredExposureMinor: 30_000_000,
      coverMinor: 45_000_000,
      netMinor: 35_000_000,
    });
  });

  it("covers only the exposure when it is below the limit, and nothing when refused", () => {
    expect(
      insuredCover({ exposureMinor: 1_000, insuredLimitMinor: 5_000, indemnityBps: 8_500 }).coverMinor,
    ).toBe(850);
    expect(insuredCover({ exposureMinor: 1_000, insuredLimitMinor: 0, indemnityBps: 9_000 }).netMinor).toBe(
      1_000,
    );
  });

  it("rounds the cover once, half-even", () => {
    // 1,005 × 90 % = 904.5 → 904 (even); 1,015 × 90 % = 913.5 → 914.
    expect(
      insuredCover({ exposureMinor: 1_005, insuredLimitMinor: 10_000, indemnityBps: 9_000 }).coverMinor,
    ).toBe(904);
    expect(
      insuredCover({ exposureMinor: 1_015, insuredLimitMinor: 10_000, indemnityBps: 9_000 }).coverMinor,
    ).toBe(914);
  });

  it("measures the excess over the insured limit net of the uninsured tolerance", () => {
    expect(excessOverInsuredLimit({ exposureMinor: 120, insuredLimitMinor: 100 })).toBe(20);
    expect(excessOverInsuredLimit({ exposureMinor: 120, insuredLimitMinor: 100, toleranceMinor: 30 })).toBe(
      0,
    );
    expect(excessOverInsuredLimit({ exposureMinor: 80, insuredLimitMinor: 100 })).toBe(0);
  });
});

describe("claims", () => {
  it("moves filed → under review → paid or rejected, never back", () => {
    expect(canMoveClaim("filed", "under_review")).toBe(true);
    expect(canMoveClaim("filed", "rejected")).toBe(true);
    expect(canMoveClaim("under_review", "paid")).toBe(true);
    expect(canMoveClaim("filed", "paid")).toBe(false);
    expect(canMoveClaim("paid", "rejected")).toBe(false);
    expect(canMoveClaim("rejected", "under_review")).toBe(false);
  });

  it("expects indemnity % of the claimed loss, payable after the waiting period from the notification", () => {
    expect(expectedIndemnity(1_000_000, 9_000)).toBe(900_000);
    expect(
      claimPayableFrom({ notifiedOn: "2025-05-01", filedOn: "2025-06-01", waitingPeriodDays: 150 }),
    ).toBe("2025-09-28");
    expect(claimPayableFrom({ filedOn: "2025-06-01", waitingPeriodDays: 0 })).toBe("2025-06-01");
  });
});

describe("factoring", () => {
  it("removes only invoices sold without recourse from exposure", () => {
    expect(removesFromExposure({ mode: "sold", withRecourse: false })).toBe(true);
    expect(removesFromExposure({ mode: "sold", withRecourse: true })).toBe(false);
    expect(removesFromExposure({ mode: "pledged", withRecourse: false })).toBe(false);
    expect(removesFromExposure({ mode: "pledged", withRecourse: true })).toBe(false);
  });

  it("computes advance and fees on the face value", () => {
    expect(factoringAmounts({ faceMinor: 1_000_000, advanceRateBps: 8_000, feeBps: 150 })).toEqual({
      advanceMinor: 800_000,
      feesMinor: 15_000,
    });
  });
});

describe("policy input", () => {
  it("rejects an end before the start and an indemnity above 100 %", () => {
    const ok = {
      policyNumber: "P-1",
      insurer: "Sinosure",
      currency: "CNY",
      indemnityBps: 9_000,
      notificationDeadlineDays: 60,
      validFrom: "2025-01-01",
    };
    expect(insurancePolicyInputSchema.safeParse(ok).success).toBe(true);
    expect(insurancePolicyInputSchema.safeParse({ ...ok, validTo: "2024-12-31" }).success).toBe(false);
    expect(insurancePolicyInputSchema.safeParse({ ...ok, indemnityBps: 10_001 }).success).toBe(false);
  });
});
