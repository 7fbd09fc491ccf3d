import { describe, expect, it } from "vitest";
import { collectionPriority, priorityWeightsSchema, riskFactor } from "./priority.ts";

describe("collection priority = amount^wA × days^wD × risk^wR", () => {
  it("is the plain product with the default weights", () => {
    // 10,000.00 CNY (1,000,000 fen) × 30 days × PD 0.05 = 1,500,000
    expect(
      collectionPriority({ openBaseMinor: 1_000_000, daysOverdue: 30, pd: 0.05, grade: null }),
    ).toBeCloseTo(1_500_000, 6);
  });

  it("ranks hand-computed invoices: a small old debt of a risky customer beats a big fresh one of a safe customer", () => {
    const invoices = [
      { id: "big-fresh-safe", openBaseMinor: 5_000_000, daysOverdue: 2, pd: 0.01, grade: "low" }, // 100,000
      { id: "small-old-risky", openBaseMinor: 200_000, daysOverdue: 90, pd: 0.2, grade: "high" }, // 3,600,000
      { id: "mid", openBaseMinor: 1_000_000, daysOverdue: 30, pd: 0.05, grade: "medium" }, // 1,500,000
    ];
    const ranked = [...invoices]
      .sort((a, b) => collectionPriority(b) - collectionPriority(a))
      .map((i) => i.id);
    expect(ranked).toEqual(["small-old-risky", "mid", "big-fresh-safe"]);
  });

  it("drops a factor with weight 0 and lets a weight of 2 dominate", () => {
    const w0 = priorityWeightsSchema.parse({ risk: 0 });
    expect(collectionPriority({ openBaseMinor: 100, daysOverdue: 3, pd: 0.5, grade: null }, w0)).toBe(300);
    const w2 = priorityWeightsSchema.parse({ days: 2 });
    expect(collectionPriority({ openBaseMinor: 100, daysOverdue: 3, pd: 0.5, grade: null }, w2)).toBe(450);
  });

  it("falls back from PD to a grade PD to the unassessed PD", () => {
    expect(riskFactor({ pd: 0.07, grade: "low" })).toBe(0.07);
    expect(riskFactor({ pd: null, grade: "high" })).toBe(0.15);
    expect(riskFactor({ pd: null, grade: null })).toBe(0.032);
  });

  it("gives nothing that is not overdue a priority", () => {
    expect(collectionPriority({ openBaseMinor: 100, daysOverdue: 0, pd: 0.5, grade: null })).toBe(0);
  });
});
