import { describe, expect, it } from "vitest";
import {
  approvalProgress,
  canDecide,
  decisionNeedsComment,
  figureOf,
  limitRequestDraft,
  localIsoDate,
  recommendationRows,
} from "./limits-api.ts";

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

describe("recommendation rows", () => {
  const ok = (valueMinor: number) => ({ status: "ok" as const, valueMinor, formula: "f" });
  const none = { status: "not_computable" as const, reason: "r" };
  const base = {
    customerId: 1,
    currency: "CNY",
    asOf: "2026-11-23",
    methods: { tangible_net_worth: ok(500_00), working_capital: ok(300_00), expected_need: ok(400_00) },
    baseMethod: "working_capital",
    baseMinor: 300_00,
    gradeFactor: 1,
    afterGradeMinor: 300_00,
    caps: { policy_cap: ok(200_00), insured_plus_tolerance: none },
    recommendedMinor: 200_00,
    boundBy: "policy_cap",
    reason: null,
  };

  it("lists the three methods then the two caps and marks the cap that bound", () => {
    const rows = recommendationRows(base);
    expect(rows.map((r) => r.key)).toEqual([
      "tangible_net_worth",
      "working_capital",
      "expected_need",
      "policy_cap",
      "insured_plus_tolerance",
    ]);
    expect(rows.filter((r) => r.binding).map((r) => r.key)).toEqual(["policy_cap"]);
  });

  it("marks the base method when nothing is named as binding", () => {
    const rows = recommendationRows({ ...base, boundBy: null });
    expect(rows.filter((r) => r.binding).map((r) => r.key)).toEqual(["working_capital"]);
  });
});

describe("limit request draft", () => {
  const draft = (amountText: string, justification = "growing orders") =>
    limitRequestDraft({
      customer: "CUST-000001",
      kind: "raise",
      currency: "CNY",
      amountText,
      justification,
      validFrom: "2026-11-23",
    });

  it("parses the amount exactly into minor units and trims the justification", () => {
    expect(draft("1,250,000.50", "  growing orders ")).toEqual({
      ok: true,
      body: {
        customer: "CUST-000001",
        kind: "raise",
        currency: "CNY",
        requestedMinor: 125_000_050,
        validFrom: "2026-11-23",
        justification: "growing orders",
      },
    });
  });

  it.each(["", "abc", "0", "1.234", "-5"])("refuses the amount %j", (text) => {
    expect(draft(text)).toEqual({ ok: false, field: "amount" });
  });

  it("refuses a blank justification", () => {
    expect(draft("100", "   ")).toEqual({ ok: false, field: "justification" });
  });

  it("formats the local calendar date", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("approvalProgress", () => {
  const step = (action: string, actorId: string, level: number | null) => ({
    action,
    actorId,
    actorRole: "x",
    level,
    comment: null,
    createdAt: "2026-12-06T10:00:00.000Z",
  });
  it("shows who signed each level, the awaited one and those after it", () => {
    expect(
      approvalProgress({
        approvalLevels: [1, 2, 3],
        currentLevel: 2,
        status: "pending",
        steps: [step("submitted", "li", null), step("approved", "zhang", 1)],
      }).map((p) => [p.level, p.state, p.signedBy]),
    ).toEqual([
      [1, "signed", "zhang"],
      [2, "waiting", null],
      [3, "later", null],
    ]);
  });
  it("starts over after a request was sent back and resubmitted", () => {
    expect(
      approvalProgress({
        approvalLevels: [1, 2],
        currentLevel: 1,
        status: "pending",
        steps: [
          step("submitted", "li", null),
          step("approved", "zhang", 1),
          step("sent_back", "wang", 2),
          step("resubmitted", "li", null),
        ],
      }).map((p) => p.state),
    ).toEqual(["waiting", "later"]);
  });
});
