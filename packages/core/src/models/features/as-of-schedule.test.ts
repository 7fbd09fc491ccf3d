import { describe, expect, it } from "vitest";
import { asOfSchedule, monthEnd } from "./as-of-schedule.ts";

describe("asOfSchedule", () => {
  it("keeps quarter-ends without month-end drift", () => {
    expect(asOfSchedule({ from: "2023-03-31", to: "2024-03-31", everyMonths: 3 })).toEqual([
      "2023-03-31",
      "2023-06-30",
      "2023-09-30",
      "2023-12-31",
      "2024-03-31",
    ]);
  });

  it("steps a mid-month date by months and stops at `to`", () => {
    expect(asOfSchedule({ from: "2024-01-15", to: "2024-04-14", everyMonths: 1 })).toEqual([
      "2024-01-15",
      "2024-02-15",
      "2024-03-15",
    ]);
  });

  it.each([
    ["2024-02-10", "2024-02-29"],
    ["2023-02-28", "2023-02-28"],
    ["2024-12-01", "2024-12-31"],
  ])("month end of %s is %s", (date, end) => {
    expect(monthEnd(date)).toBe(end);
  });

  it("refuses a zero step", () => {
    expect(() => asOfSchedule({ from: "2024-01-31", to: "2024-12-31", everyMonths: 0 })).toThrow(RangeError);
  });
});
