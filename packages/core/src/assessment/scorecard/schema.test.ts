import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCORECARD,
  DEFAULT_SCORECARD_INPUT,
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V1_INPUT,
} from "./default-scorecard.ts";
import { loadScorecard, parseScorecard, type ScorecardInput, ScorecardValidationError } from "./schema.ts";

type Characteristic = ScorecardInput["characteristics"][number];

const currentRatio: Characteristic = {
  code: "FIN_CR",
  source: "financial.currentRatio",
  bins: [
    { range: { to: 1 }, points: 0 },
    { range: { from: 1, to: 1.5 }, points: 10 },
    { range: { from: 1.5 }, points: 20 },
    { missing: true, points: 5 },
  ],
};

/** A valid card with `bad` put at index 3 (after three valid characteristics). */
function withCharacteristic(bad: Characteristic): ScorecardInput {
  return {
    id: "t",
    version: "t-1",
    name: "test",
    scale: { points: 650, odds: 30, pdo: 40 },
    characteristics: [
      currentRatio,
      { ...currentRatio, code: "FIN_CR2" },
      { ...currentRatio, code: "FIN_CR3" },
      bad,
    ],
  };
}

describe("scorecard validation", () => {
  it("accepts and fills defaults of a valid definition", () => {
    const parsed = parseScorecard(withCharacteristic({ ...currentRatio, code: "FIN_CR4" }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.scorecard.basePoints).toBe(0);
      expect(parsed.scorecard.characteristics[0]!.weight).toBe(1);
      expect(parsed.scorecard.characteristics[0]!.bins[1]).toEqual({
        range: { from: 1, to: 1.5, fromInclusive: true, toInclusive: false },
        points: 10,
      });
    }
  });

  it.each<[string, Characteristic, string[]]>([
    [
      "overlapping ranges",
      {
        ...currentRatio,
        code: "X",
        bins: [
          { range: { to: 1.5, toInclusive: true }, points: 0 },
          { range: { from: 1.5 }, points: 1 },
          { missing: true, points: 0 },
        ],
      },
      ["characteristics[3].bins: ranges overlap at 1.5"],
    ],
    [
      "a gap between ranges",
      {
        ...currentRatio,
        code: "X",
        bins: [
          { range: { to: 1 }, points: 0 },
          { range: { from: 1.2 }, points: 1 },
          { missing: true, points: 0 },
        ],
      },
      ["characteristics[3].bins: gap between 1 and 1.2"],
    ],
    [
      "a gap at a shared edge excluded on both sides",
      {
        ...currentRatio,
        code: "X",
        bins: [
          { range: { to: 1 }, points: 0 },
          { range: { from: 1, fromInclusive: false }, points: 1 },
          { missing: true, points: 0 },
        ],
      },
      ["characteristics[3].bins: gap at 1"],
    ],
    [
      "an uncovered top",
      {
        ...currentRatio,
        code: "X",
        bins: [
          { range: { to: 1 }, points: 0 },
          { range: { from: 1, to: 3 }, points: 1 },
          { missing: true, points: 0 },
        ],
      },
      ["characteristics[3].bins: gap above 3"],
    ],
    [
      "an unknown source",
      { ...currentRatio, code: "X", source: "behaviour.nope" },
      ['characteristics[3].source: unknown source "behaviour.nope"'],
    ],
    [
      "no missing bin",
      { ...currentRatio, code: "X", bins: currentRatio.bins.filter((b) => !("missing" in b)) },
      ["characteristics[3].bins: no missing bin"],
    ],
    [
      "a duplicate code",
      { ...currentRatio, code: "FIN_CR2" },
      ["characteristics[3].code: duplicate code FIN_CR2 (also characteristics[1])"],
    ],
    [
      "an incomplete category set",
      {
        code: "X",
        source: "financial.altmanZone",
        bins: [
          { categories: ["safe"], points: 2 },
          { categories: ["grey", "safe"], points: 1 },
          { missing: true, points: 0 },
        ],
      },
      [
        'characteristics[3].bins: category "safe" is in more than one bin',
        "characteristics[3].bins: categories not covered: distress",
      ],
    ],
    [
      "range bins on a category source",
      { ...currentRatio, code: "X", source: "profile.industryRisk" },
      ["characteristics[3].bins: range bins on a category source"],
    ],
  ])("names the path of %s", (_what, bad, errors) => {
    expect(parseScorecard(withCharacteristic(bad))).toEqual({ ok: false, errors });
  });

  it("throws a ScorecardValidationError listing every problem from loadScorecard", () => {
    const bad = withCharacteristic({ ...currentRatio, code: "bad code", source: "nope" });
    expect(() => loadScorecard(bad)).toThrow(ScorecardValidationError);
    expect(() => loadScorecard(bad)).toThrow(
      /characteristics\[3\]\.code: .*\n.*characteristics\[3\]\.source: unknown source "nope"/,
    );
  });

  it("ships a valid default scorecard that survives a JSON round trip", () => {
    expect(DEFAULT_SCORECARD.version).toBe("default-2");
    expect(DEFAULT_SCORECARD.overrides.map((o) => o.code)).toEqual([
      "KO_SEVERE_DELINQUENCY",
      "KO_ADVERSE_EVENTS",
      "KO_FINANCIAL_DISTRESS",
    ]);
    expect(loadScorecard(JSON.parse(JSON.stringify(DEFAULT_SCORECARD)))).toEqual(DEFAULT_SCORECARD);
    expect(loadScorecard(DEFAULT_SCORECARD_INPUT)).toEqual(DEFAULT_SCORECARD);
  });

  it("keeps default-1 loadable as stored before overrides existed (no overrides key)", () => {
    expect(DEFAULT_SCORECARD_V1.version).toBe("default-1");
    expect("overrides" in DEFAULT_SCORECARD_V1_INPUT).toBe(false);
    const stored = JSON.parse(JSON.stringify(DEFAULT_SCORECARD_V1_INPUT));
    expect(loadScorecard(stored)).toEqual(DEFAULT_SCORECARD_V1);
    expect(DEFAULT_SCORECARD_V1.overrides).toEqual([]);
    expect(DEFAULT_SCORECARD_V1.characteristics).toHaveLength(18);
    expect(DEFAULT_SCORECARD_V1.basePoints).toBe(500);
  });
});
