import { describe, expect, it } from "vitest";
import { type CurveLabels, type CurveLine, curvesSummary, ksOption, rocOption } from "./curve-charts.ts";

const labels: CurveLabels = {
  fpr: "FPR",
  tpr: "TPR",
  random: "random",
  score: "score",
  population: "share",
  bad: "bads",
  good: "goods",
  ks: "KS",
};
const format = (v: number) => v.toFixed(3);
const line = (name: string, auc: number | null): CurveLine => ({
  name,
  auc,
  curves: {
    roc: [
      { fpr: 0, tpr: 0 },
      { fpr: 0.25, tpr: 0.75 },
      { fpr: 1, tpr: 1 },
    ],
    ks: {
      points: [
        { score: 480, population: 0, bad: 0, good: 0 },
        { score: 520, population: 0.4, bad: 0.75, good: 0.25 },
        { score: 700, population: 1, bad: 1, good: 1 },
      ],
      statistic: 0.5,
      score: 520,
      population: 0.4,
    },
  },
});

type Series = { name: string; data: number[][] };
const series = (option: ReturnType<typeof rocOption>) => (option as { series: Series[] }).series;

describe("ROC chart option", () => {
  it("draws each line by (FPR, TPR) with its AUC in the legend, and the random diagonal", () => {
    const s = series(
      rocOption({ lines: [line("champion", 0.8125), line("challenger", null)], labels, format }),
    );
    expect(s.map((x) => x.name)).toEqual(["champion (AUC 0.813)", "challenger", "random"]);
    expect(s[0]?.data).toEqual([
      [0, 0],
      [0.25, 0.75],
      [1, 1],
    ]);
    expect(s[2]?.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});

describe("KS chart option", () => {
  it("plots one model's cumulative shares by score with the gap at the KS score", () => {
    const s = series(ksOption({ lines: [line("validation", 0.8)], x: "score", labels, format }));
    expect(s.map((x) => x.name)).toEqual(["bads", "goods", "KS 0.500"]);
    expect(s[0]?.data.map((p) => p[0])).toEqual([480, 520, 700]);
    expect(s[2]?.data).toEqual([
      [520, 0.25],
      [520, 0.75],
    ]);
  });

  it("plots several models by share of rows, each series named after its model", () => {
    const s = series(ksOption({ lines: [line("A", 0.8), line("B", 0.7)], x: "population", labels, format }));
    expect(s.map((x) => x.name)).toEqual([
      "A · bads",
      "A · goods",
      "A · KS 0.500",
      "B · bads",
      "B · goods",
      "B · KS 0.500",
    ]);
    expect(s[2]?.data).toEqual([
      [0.4, 0.25],
      [0.4, 0.75],
    ]);
  });
});

describe("text alternative", () => {
  it("names every line with its AUC and KS", () => {
    expect(curvesSummary([line("train", 0.8125), line("validation", null)], format)).toBe(
      "train: AUC 0.813, KS 0.500; validation: KS 0.500",
    );
  });
});
