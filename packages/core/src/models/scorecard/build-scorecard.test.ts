import { describe, expect, it } from "vitest";
import type { Binning } from "../binning/bin-types.ts";
import { buildScorecard, scorecardTable } from "./build-scorecard.ts";
import { DEFAULT_SCALE, scaleFactor, scoreFromMargin } from "./scale.ts";

describe("score scale", () => {
  it("gives 650 points at odds 30:1 and 40 more per doubling of the odds (DOMAIN.md)", () => {
    expect(scoreFromMargin(-Math.log(30), DEFAULT_SCALE)).toBeCloseTo(650, 9);
    expect(scoreFromMargin(-Math.log(60), DEFAULT_SCALE)).toBeCloseTo(690, 9);
    expect(scoreFromMargin(-Math.log(71), DEFAULT_SCALE)).toBeCloseTo(699.7, 1);
  });
});

describe("buildScorecard", () => {
  const binning = (feature: string, woes: number[]): Binning => ({
    feature,
    kind: "numeric",
    bins: woes.map((woe, i) => ({
      rule: { kind: "special", value: i },
      label: `b${i}`,
      good: 1,
      bad: 1,
      woe,
      iv: 0,
    })),
    iv: 0.1,
    ivStrength: "medium",
    missingShare: 0,
    trend: "none",
  });

  it("assigns points_i = −(β·WOE_i + α/n)·factor + offset/n", () => {
    const card = buildScorecard({
      binnings: [binning("a", [0.5, -0.5]), binning("b", [1, 0])],
      features: ["a", "b"],
      intercept: -1,
      coefficients: [-0.8, -1.2],
      scale: DEFAULT_SCALE,
    });
    const { factor, offset } = scaleFactor(DEFAULT_SCALE);
    expect(card.features[0]!.bins[0]!.points).toBeCloseTo(-(-0.8 * 0.5 + -1 / 2) * factor + offset / 2, 9);
    // Summed points equal the scale applied to the model margin.
    const margin = -1 + -0.8 * -0.5 + -1.2 * 1;
    const total = card.features[0]!.bins[1]!.points + card.features[1]!.bins[0]!.points;
    expect(total).toBeCloseTo(scoreFromMargin(margin, DEFAULT_SCALE), 9);
    expect(scorecardTable(card)).toHaveLength(4);
  });
});
