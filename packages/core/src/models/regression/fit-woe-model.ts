import type { LogisticFit } from "./logistic-regression.ts";
import { fitLogistic } from "./logistic-regression.ts";

export const STEPWISE_METHODS = ["none", "aic", "pvalue"] as const;
export type StepwiseMethod = (typeof STEPWISE_METHODS)[number];

export interface FitWoeModelOptions {
  /** Candidate characteristics (in preference order) and their WOE columns. */
  readonly candidates: readonly string[];
  readonly woe: ReadonlyMap<string, Float64Array>;
  readonly target: Uint8Array;
  readonly stepwise?: StepwiseMethod;
  /** Entry p-value for the p-value stepwise (default 0.05). */
  readonly entryP?: number;
  readonly l2?: number;
}

export interface WoeModel {
  readonly features: string[];
  readonly fit: LogisticFit;
  /** Characteristics removed by the sign check, with their coefficient when they were removed. */
  readonly signViolations: { feature: string; coefficient: number }[];
  readonly stepwiseDropped: string[];
}

function fitWith(features: readonly string[], options: FitWoeModelOptions): LogisticFit {
  return fitLogistic({
    columns: features.map((f) => options.woe.get(f)!),
    target: options.target,
    ...(options.l2 === undefined ? {} : { l2: options.l2 }),
  });
}

/** Forward selection: add the candidate that lowers AIC most (or has the smallest p-value below entry). */
function forward(options: FitWoeModelOptions): string[] {
  const method = options.stepwise ?? "none";
  const chosen: string[] = [];
  let remaining = [...options.candidates];
  let current = fitWith([], options);
  while (remaining.length > 0) {
    let best: { feature: string; fit: LogisticFit; score: number } | undefined;
    for (const feature of remaining) {
      const fit = fitWith([...chosen, feature], options);
      const score = method === "aic" ? fit.aic : fit.pValues[fit.pValues.length - 1]!;
      if (!best || score < best.score) {
        best = { feature, fit, score };
      }
    }
    if (!best) {
      break;
    }
    const accept = method === "aic" ? best.score < current.aic : best.score < (options.entryP ?? 0.05);
    if (!accept) {
      break;
    }
    chosen.push(best.feature);
    current = best.fit;
    remaining = remaining.filter((f) => f !== best.feature);
  }
  return chosen;
}

/**
 * Fits the scorecard's logistic regression on WOE values. With target 1 = bad and
 * WOE = ln(good/bad), every coefficient must be negative (higher WOE = lower risk); a
 * characteristic whose coefficient is ≥ 0 is collinear or noise, so the largest violator is dropped
 * and the model refitted until all signs agree.
 */
export function fitWoeModel(options: FitWoeModelOptions): WoeModel {
  const method = options.stepwise ?? "none";
  let features = method === "none" ? [...options.candidates] : forward(options);
  const stepwiseDropped = options.candidates.filter((c) => !features.includes(c));
  const signViolations: WoeModel["signViolations"] = [];
  for (;;) {
    const fit = fitWith(features, options);
    let worst = -1;
    fit.coefficients.forEach((beta, j) => {
      if (beta >= 0 && (worst < 0 || beta > fit.coefficients[worst]!)) {
        worst = j;
      }
    });
    if (worst < 0) {
      return { features, fit, signViolations, stepwiseDropped };
    }
    signViolations.push({ feature: features[worst]!, coefficient: fit.coefficients[worst]! });
    features = features.filter((_, j) => j !== worst);
  }
}
