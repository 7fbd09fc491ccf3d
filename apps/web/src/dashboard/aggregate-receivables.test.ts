import { describe, expect, it } from "vitest";
import { aggregateReceivables, agingBucket, daysBetween } from "./aggregate-receivables.ts";

describe("agingBucket", () => {
  it.each([
    [-5, "current"],
    [0, "current"],
    [1, "d1_30"],
    [30, "d1_30"],
    [31, "d31_60"],
    [60, "d31_60"],
    [61, "d61_90"],
    [90, "d61_90"],
    [91, "d91_180"],
    [180, "d91_180"],
    [181, "d180plus"],
  ])("%i days past due is %s", (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });
});

describe("aggregateReceivables", () => {
  it("counts days across month ends and leap days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });

  it("sums open amounts per currency into buckets, overdue excluding not-yet-due", () => {
    const result = aggregateReceivables(
      [
        { dueOn: "2025-07-10", currency: "CNY", amountMinor: 100_00, openMinor: 40_00 }, // not due
        { dueOn: "2025-06-20", currency: "CNY", amountMinor: 250_00 }, // 10 days
        { dueOn: "2025-01-01", currency: "CNY", amountMinor: 999_00, openMinor: 0 }, // settled: left out
        { dueOn: "2024-12-01", currency: "CNY", amountMinor: 70_00 }, // 211 days
        { dueOn: "2025-05-01", currency: "USD", amountMinor: 5_00 }, // 60 days
      ],
      "2025-06-30",
    );
    expect(result).toEqual([
      {
        currency: "CNY",
        openMinor: 360_00,
        overdueMinor: 320_00,
        invoices: 3,
        overdueInvoices: 2,
        aging: { current: 40_00, d1_30: 250_00, d31_60: 0, d61_90: 0, d91_180: 0, d180plus: 70_00 },
      },
      {
        currency: "USD",
        openMinor: 5_00,
        overdueMinor: 5_00,
        invoices: 1,
        overdueInvoices: 1,
        aging: { current: 0, d1_30: 0, d31_60: 5_00, d61_90: 0, d91_180: 0, d180plus: 0 },
      },
    ]);
  });
});
