import { describe, expect, it } from "vitest";
import { planRatingPull } from "./waterfall.ts";

const agencies = ["dun_bradstreet", "creditreform", "qichacha"];

describe("rating agency waterfall", () => {
  it("reuses a report younger than the configured age instead of pulling again", () => {
    const plan = planRatingPull({
      agencies,
      existing: [{ agency: "creditreform", rating: "B", pulledOn: "2025-03-01" }],
      available: () => true,
      asOf: "2025-06-01",
      maxAgeDays: 180,
    });
    expect(plan).toEqual({
      action: "reuse",
      report: { agency: "creditreform", rating: "B", pulledOn: "2025-03-01" },
      ageDays: 92,
    });
  });

  it("pulls again once the report has reached the configured age", () => {
    const existing = [{ agency: "creditreform", rating: "B", pulledOn: "2025-03-01" }];
    expect(
      planRatingPull({ agencies, existing, available: () => true, asOf: "2025-06-01", maxAgeDays: 92 }),
    ).toEqual({ action: "pull", agency: "dun_bradstreet", skipped: [] });
    expect(
      planRatingPull({ agencies, existing, available: () => true, asOf: "2025-06-01", maxAgeDays: 93 })
        .action,
    ).toBe("reuse");
  });

  it("takes the first agency in order that has a report for the company", () => {
    expect(
      planRatingPull({
        agencies,
        existing: [],
        available: (a) => a === "qichacha",
        asOf: "2025-06-01",
        maxAgeDays: 180,
      }),
    ).toEqual({ action: "pull", agency: "qichacha", skipped: ["dun_bradstreet", "creditreform"] });
  });

  it("says so when no agency has a report", () => {
    expect(
      planRatingPull({ agencies, existing: [], available: () => false, asOf: "2025-06-01", maxAgeDays: 180 }),
    ).toEqual({ action: "unavailable", skipped: agencies });
  });
});
