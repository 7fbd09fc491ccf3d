import { describe, expect, it } from "vitest";
import {
  agingRows,
  foreignCurrencies,
  gradeRows,
  overdueShareOf,
  type PortfolioSummary,
} from "./portfolio-summary.ts";

const summary: PortfolioSummary = {
  asOf: "2026-11-23",
  baseCurrency: "CNY",
  customers: 39,
  openReceivables: {
    baseMinor: 2_843_638_024,
    byCurrency: [
      { currency: "CNY", openMinor: 2_716_473_604, overdueMinor: 610_842_709, convertible: true },
      { currency: "USD", openMinor: 17_138_524, overdueMinor: 0, convertible: true },
      { currency: "EUR", openMinor: 0, overdueMinor: 0, convertible: true },
    ],
  },
  overdueBaseMinor: 610_842_709,
  overdueShare: 0.2148,
  aging: { current: 100, d1_30: 20, d31_60: 3, d61_90: 0, d91_180: 0, over180: 7 },
  grades: { low: 4, medium: 0, high: 2, unassessed: 33 },
  defaults12m: 5,
};

describe("portfolio summary views", () => {
  it("lists the aging buckets in DOMAIN.md order with the dictionary's labels", () => {
    expect(agingRows(summary)).toEqual([
      { label: "current", minor: 100 },
      { label: "d1_30", minor: 20 },
      { label: "d31_60", minor: 3 },
      { label: "d61_90", minor: 0 },
      { label: "d91_180", minor: 0 },
      { label: "d180plus", minor: 7 },
    ]);
  });

  it("keeps the grades that have customers, low to high, then unassessed", () => {
    expect(gradeRows(summary)).toEqual([
      { grade: "low", count: 4 },
      { grade: "high", count: 2 },
      { grade: "unassessed", count: 33 },
    ]);
  });

  it("has no overdue share when nothing is open", () => {
    expect(overdueShareOf(summary)).toBe(0.2148);
    expect(
      overdueShareOf({ ...summary, openReceivables: { baseMinor: 0, byCurrency: [] }, overdueShare: 0 }),
    ).toBeNull();
  });

  it("lists the open foreign currencies only", () => {
    expect(foreignCurrencies(summary).map((row) => row.currency)).toEqual(["USD"]);
  });
});
