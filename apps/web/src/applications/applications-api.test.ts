import { describe, expect, it } from "vitest";
import { decisionBody } from "./applications-api.ts";

describe("decision body", () => {
  it("sends conditions only with an approval with conditions, in basis points and minor units", () => {
    expect(
      decisionBody({
        decision: "approve_with_conditions",
        reason: "r",
        limitMinor: 100,
        termsDays: 45,
        prepaymentPercent: 30,
        guaranteeMinor: 5,
        guarantor: "某某集团",
      }),
    ).toEqual({
      decision: "approve_with_conditions",
      reason: "r",
      limitMinor: 100,
      termsDays: 45,
      conditions: { prepaymentBps: 3000, guaranteeMinor: 5, guarantor: "某某集团" },
    });
    // A guarantor without a guarantee amount is no condition.
    expect(decisionBody({ decision: "approve_with_conditions", guarantor: "x" })).toEqual({
      decision: "approve_with_conditions",
      conditions: {},
    });
    expect(
      decisionBody({
        decision: "decline",
        reason: "no",
        limitMinor: 100,
        termsDays: 30,
        prepaymentPercent: 30,
      }),
    ).toEqual({
      decision: "decline",
      reason: "no",
    });
  });
});
