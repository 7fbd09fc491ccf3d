import { describe, expect, it } from "vitest";
import { loadScorecard } from "./schema.ts";
import { findBin, scoreWithScorecard } from "./score.ts";
import type { ScoringInputs } from "./scoring-inputs.ts";
import { normaliseRating, resolveSource } from "./sources.ts";

const card = loadScorecard({
  id: "t",
  version: "t-1",
  name: "test",
  basePoints: 100,
  scale: { points: 650, odds: 30, pdo: 40 },
  characteristics: [
    {
      code: "PRO_YEARS",
      source: "profile.yearsInBusiness",
      weight: 2,
      bins: [
        { range: { to: 3, toInclusive: true }, points: 1 }, // (−∞, 3]
        { range: { from: 3, fromInclusive: false, to: 10 }, points: 5 }, // (3, 10)
        { range: { from: 10 }, points: 9 }, // [10, ∞)
        { missing: true, points: 2 },
      ],
    },
    {
      code: "EXT_RATING",
      source: "external.rating",
      bins: [
        { categories: ["AAA", "AA", "A"], points: 10 },
        { categories: ["BBB", "BB", "B", "CCC", "CC", "C", "D"], points: 0 },
        { missing: true, points: 4 },
      ],
    },
  ],
});

function inputs(yearsInBusiness: number | undefined, rating: string | undefined): ScoringInputs {
  return {
    financial: null,
    behaviour: null,
    profile: yearsInBusiness === undefined ? {} : { yearsInBusiness },
    external: rating === undefined ? {} : { rating },
    events: {},
  };
}

describe("scoring with a definition", () => {
  it.each([
    [2.99, 0],
    [3, 0], // inclusive upper edge
    [3.0001, 1], // exclusive lower edge of the next bin
    [9.999, 1],
    [10, 2], // inclusive lower edge
    [undefined, 3], // missing bin
  ])("years %d fall in bin %d", (years, bin) => {
    const bins = card.characteristics[0]!.bins;
    const value =
      years === undefined
        ? ({ kind: "missing", reason: "x" } as const)
        : ({ kind: "number", value: years } as const);
    expect(findBin(bins, value)).toBe(bin);
  });

  it("adds weighted points to the base and reports what each characteristic lost", () => {
    const s = scoreWithScorecard({ scorecard: card, inputs: inputs(5, "BBB") });
    // 100 + 2·5 + 0
    expect(s.score).toBe(110);
    expect(s.characteristics).toEqual([
      {
        code: "PRO_YEARS",
        source: "profile.yearsInBusiness",
        value: { kind: "number", value: 5 },
        binIndex: 1,
        points: 10,
        maxPoints: 18,
        pointsLost: 8,
      },
      {
        code: "EXT_RATING",
        source: "external.rating",
        value: { kind: "category", value: "BBB" },
        binIndex: 1,
        points: 0,
        maxPoints: 10,
        pointsLost: 10,
      },
    ]);
  });

  it("scores an unknown category value in the missing bin", () => {
    const s = scoreWithScorecard({ scorecard: card, inputs: inputs(undefined, "XYZ") });
    expect(s.characteristics.map((c) => [c.binIndex, c.points])).toEqual([
      [3, 4],
      [2, 4],
    ]);
    expect(s.characteristics[1]!.value).toEqual({
      kind: "missing",
      reason: "'XYZ' is not a known value of external.rating",
    });
  });

  it("keeps scoring an older version exactly as before when a newer one exists", () => {
    const v2 = loadScorecard({ ...card, version: "t-2", basePoints: 200 });
    expect(scoreWithScorecard({ scorecard: card, inputs: inputs(12, "A") }).score).toBe(100 + 18 + 10);
    expect(scoreWithScorecard({ scorecard: v2, inputs: inputs(12, "A") }).score).toBe(200 + 18 + 10);
  });
});

describe("external rating notches", () => {
  it.each([
    ["AA+", "AA"],
    ["aa-", "AA"],
    [" BBB ", "BBB"],
    ["AAA", "AAA"],
  ])("scores %s in the %s bin", (raw, bin) => {
    expect(normaliseRating(raw)).toBe(bin);
  });
});

describe("resolving the external rating source", () => {
  it("reads a notched rating as its grade instead of as missing", () => {
    const inputs = {
      financial: null,
      behaviour: null,
      profile: {},
      external: { rating: "AA+" },
      events: {},
    } as ScoringInputs;
    expect(resolveSource("external.rating", inputs)).toEqual({ kind: "category", value: "AA" });
  });
});
