import { describe, expect, it } from "vitest";
import { nextReviewDue, reviewIntervalMonths } from "./review-schedule.ts";

describe("review schedule (DOMAIN.md defaults)", () => {
  it.each([
    ["core", "low", 3],
    ["general", "high", 3],
    ["core", "medium", 3],
    ["general", "medium", 6],
    ["general", "low", 12],
    ["general", null, 12],
  ] as const)("%s customer with grade %s is reviewed every %i months", (tier, grade, months) => {
    expect(reviewIntervalMonths({ tier, grade })).toBe(months);
  });

  it("counts from the last review and clamps month ends", () => {
    expect(
      nextReviewDue({ tier: "general", grade: "medium", lastReviewOn: "2024-08-31", since: "2020-01-01" }),
    ).toEqual({
      dueOn: "2025-02-28",
      reason: "scheduled",
    });
    expect(nextReviewDue({ tier: "core", grade: "low", lastReviewOn: null, since: "2025-01-15" }).dueOn).toBe(
      "2025-04-15",
    );
  });

  it("is pulled forward by an alert, never pushed back", () => {
    const base = { tier: "general", grade: "low" as const, lastReviewOn: "2025-01-10", since: "2020-01-01" };
    expect(nextReviewDue({ ...base, alertOn: "2025-03-01" })).toEqual({
      dueOn: "2025-03-15",
      reason: "alert",
    });
    expect(nextReviewDue({ ...base, alertOn: "2026-03-01" })).toEqual({
      dueOn: "2026-01-10",
      reason: "scheduled",
    });
  });
});
