import { describe, expect, it } from "vitest";
import { dsoTrendOf } from "./dso-trend.ts";

describe("DSO trend points from the portfolio trend answer", () => {
  it("reads items with a period and a DSO, oldest first, and skips rows without a DSO", () => {
    expect(
      dsoTrendOf({
        items: [
          { month: "2026-10-31", dso: 41.5 },
          { month: "2026-09-30", dso: { status: "ok", value: 38 } },
          { month: "2026-08-31", dso: null },
        ],
      }),
    ).toEqual([
      { period: "2026-09", dso: 38 },
      { period: "2026-10", dso: 41.5 },
    ]);
  });
  it("is empty when the endpoint is absent or says nothing usable", () => {
    expect(dsoTrendOf(null)).toEqual([]);
    expect(dsoTrendOf({ items: "x" })).toEqual([]);
  });
});
