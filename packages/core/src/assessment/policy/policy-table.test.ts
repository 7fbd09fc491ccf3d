import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_TABLE, policyForGrade, validatePolicyTable } from "./policy-table.ts";

describe("policy by grade", () => {
  it.each([
    ["low", false, 60, 0, "none", 12],
    ["medium", false, 30, 0, "for_large_amounts", 6],
    ["high", false, 0, 5_000, "required", 3],
    ["low", true, 60, 0, "none", 3], // core customers: quarterly
    ["medium", true, 30, 0, "for_large_amounts", 3],
  ] as const)(
    "%s risk (core %s): net %d, prepayment %d bps, guarantee %s, review every %d months",
    (grade, core, terms, bps, guarantee, review) => {
      expect(policyForGrade({ grade, isCoreCustomer: core })).toMatchObject({
        grade,
        paymentTermsDays: terms,
        prepaymentBps: bps,
        guarantee,
        reviewFrequencyMonths: review,
      });
    },
  );

  it("uses a configured table", () => {
    const table = { ...DEFAULT_POLICY_TABLE, high: { ...DEFAULT_POLICY_TABLE.high, prepaymentBps: 10_000 } };
    expect(policyForGrade({ grade: "high", table }).prepaymentBps).toBe(10_000);
  });

  it("validates a table", () => {
    expect(validatePolicyTable(DEFAULT_POLICY_TABLE)).toEqual([]);
    const bad = {
      ...DEFAULT_POLICY_TABLE,
      low: { ...DEFAULT_POLICY_TABLE.low, prepaymentBps: 12_000, paymentTermsDays: 120 },
    };
    expect(validatePolicyTable(bad)).toEqual([
      "low.prepaymentBps: must be a whole number 0–10000",
      "low.paymentTermsDays: exceeds maxCreditPeriodDays",
    ]);
  });
});
