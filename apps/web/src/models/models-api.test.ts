import { describe, expect, it } from "vitest";
import { binLabel, pointsRange, scorecardRows } from "./models-api.ts";

describe("scorecard bins as a reader writes them", () => {
  it.each([
    [{ range: { from: 10, to: 30 }, points: 5 }, "[10, 30)"],
    [{ range: { from: 10, to: 30, fromInclusive: false, toInclusive: true }, points: 5 }, "(10, 30]"],
    [{ range: { from: 90, to: null }, points: 5 }, "≥ 90"],
    [{ range: { to: 0 }, points: 5 }, "< 0"],
    [{ range: { from: 0.1 + 0.2, to: 1 }, points: 5 }, "[0.3, 1)"],
    [{ categories: ["A", "B"], points: 5 }, "A, B"],
    [{ missing: true as const, points: 5 }, "n/a"],
  ])("%j → %s", (bin, label) => {
    expect(binLabel(bin, "n/a")).toBe(label);
  });
});

describe("scorecard table rows", () => {
  const card = {
    characteristics: [
      {
        code: "DBT",
        source: "behaviour.dbt",
        weight: 2,
        label: { en: "Days beyond terms", zh: "逾期天数" },
        bins: [
          { range: { to: 10 }, points: 20 },
          { range: { from: 10 }, points: -5 },
          { missing: true as const, points: 0 },
        ],
      },
      { code: "AGE", source: "profile.age", bins: [{ missing: true as const, points: 3 }] },
    ],
  };
  it("weights the points, spans the characteristic and labels it in the locale", () => {
    const rows = scorecardRows(card, { locale: "zh-CN", missing: "缺失" });
    expect(rows.map((r) => [r.label, r.span, r.bin, r.points])).toEqual([
      ["逾期天数", 3, "< 10", 40],
      ["逾期天数", 0, "≥ 10", -10],
      ["逾期天数", 0, "缺失", 0],
      ["profile.age", 1, "缺失", 3],
    ]);
    expect(pointsRange(card.characteristics[0]!)).toEqual({ min: -10, max: 40 });
  });
});
