import type { EChartsCoreOption } from "echarts/core";
import type { EvaluationCurves } from "./models-api.ts";

/** One model (or one part of its data) drawn on a curve chart. */
export interface CurveLine {
  name: string;
  curves: EvaluationCurves;
  auc: number | null;
}

/** Axis, legend and summary words of the charts, in the reader's language. */
export interface CurveLabels {
  fpr: string;
  tpr: string;
  random: string;
  score: string;
  population: string;
  bad: string;
  good: string;
  ks: string;
}

const pair = (x: number, y: number) => [x, y];

/**
 * ROC curves (false-positive rate against true-positive rate) of one or more lines on one chart,
 * with the diagonal of a model that ranks at random.
 */
export function rocOption(options: {
  lines: readonly CurveLine[];
  labels: CurveLabels;
  format: (value: number) => string;
}): EChartsCoreOption {
  const { lines, labels, format } = options;
  return {
    animation: false,
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? format(v) : ""),
    },
    // Below the plot, scrolling when long: several models' names must not cover the curves.
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 52, right: 20, top: 16, bottom: 72 },
    xAxis: { type: "value", min: 0, max: 1, name: labels.fpr, nameLocation: "middle", nameGap: 26 },
    yAxis: { type: "value", min: 0, max: 1, name: labels.tpr, nameLocation: "middle", nameGap: 36 },
    series: [
      ...lines.map((line) => ({
        name: line.auc === null ? line.name : `${line.name} (AUC ${format(line.auc)})`,
        type: "line",
        showSymbol: false,
        data: line.curves.roc.map((p) => pair(p.fpr, p.tpr)),
      })),
      {
        name: labels.random,
        type: "line",
        showSymbol: false,
        lineStyle: { type: "dashed", width: 1 },
        itemStyle: { color: "#999" },
        data: [pair(0, 0), pair(1, 1)],
      },
    ],
  };
}

/**
 * KS curves: the cumulative share of bads and of goods from the riskiest rows up, against the score
 * (one model) or the share of rows (several models, whose scores may not share a scale), with the
 * KS gap drawn where it is largest.
 */
export function ksOption(options: {
  lines: readonly CurveLine[];
  x: "score" | "population";
  labels: CurveLabels;
  format: (value: number) => string;
}): EChartsCoreOption {
  const { lines, labels, format, x } = options;
  const several = lines.length > 1;
  const named = (line: CurveLine, what: string) => (several ? `${line.name} · ${what}` : what);
  return {
    animation: false,
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? format(v) : ""),
    },
    // Below the plot, scrolling when long: several models' names must not cover the curves.
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 52, right: 20, top: 16, bottom: 72 },
    xAxis: {
      type: "value",
      scale: x === "score",
      ...(x === "population" ? { min: 0, max: 1 } : {}),
      name: x === "score" ? labels.score : labels.population,
      nameLocation: "middle",
      nameGap: 26,
    },
    yAxis: { type: "value", min: 0, max: 1 },
    series: lines.flatMap((line) => {
      const ks = line.curves.ks;
      const at = x === "score" ? ks.score : ks.population;
      const gapPoint = ks.points.find((p) => (x === "score" ? p.score : p.population) === at);
      return [
        {
          name: named(line, labels.bad),
          type: "line",
          showSymbol: false,
          data: ks.points.map((p) => pair(x === "score" ? p.score : p.population, p.bad)),
        },
        {
          name: named(line, labels.good),
          type: "line",
          showSymbol: false,
          data: ks.points.map((p) => pair(x === "score" ? p.score : p.population, p.good)),
        },
        {
          name: named(line, `${labels.ks} ${format(ks.statistic)}`),
          type: "line",
          symbol: "circle",
          symbolSize: 5,
          lineStyle: { type: "dashed", width: 2 },
          data: gapPoint ? [pair(at, gapPoint.good), pair(at, gapPoint.bad)] : [],
        },
      ];
    }),
  };
}

/** The figures a chart shows, as text for screen readers: "train: AUC 0.812, KS 0.410; …". */
export function curvesSummary(lines: readonly CurveLine[], format: (value: number) => string): string {
  return lines
    .map(
      (line) =>
        `${line.name}: ${line.auc === null ? "" : `AUC ${format(line.auc)}, `}KS ${format(line.curves.ks.statistic)}`,
    )
    .join("; ");
}
