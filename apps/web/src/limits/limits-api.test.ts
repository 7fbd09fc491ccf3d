import { describe, expect, it } from "vitest";
import { canDecide, decisionNeedsComment, figureOf } from "./limits-api.ts";

describe("limit request rules", () => {
  it.each([
    ["approve", false],
    ["reject", true],
    ["send_back", true],
  ] as const)("%s needs a comment: %s", (decision, expected) => {
    expect(decisionNeedsComment(decision)).toBe(expected);
  });

  it("lets a manager decide someone else's pending request only", () => {
    expect(canDecide({ requestedBy: "analyst", status: "pending" }, "manager", true)).toBe(true);
    expect(canDecide({ requestedBy: "manager", status: "pending" }, "manager", true)).toBe(false);
    expect(canDecide({ requestedBy: "analyst", status: "approved" }, "manager", true)).toBe(false);
    expect(canDecide({ requestedBy: "analyst", status: "pending" }, "finance", false)).toBe(false);
  });

  it("reads a method's figure or null when not computable", () => {
    expect(figureOf({ status: "ok", valueMinor: 1_000_00, formula: "x" })).toBe(1_000_00);
    expect(figureOf({ status: "not_computable", reason: "no statements" })).toBeNull();
    expect(figureOf(undefined)).toBeNull();
  });
});
