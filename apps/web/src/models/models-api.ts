/**
 * Shapes of the scorecards (apps/server/src/assessment/scorecards.ts) and the model registry
 * (apps/server/src/models), and the pure helpers the models page shows them with.
 */

export interface ScorecardSummary {
  version: string;
  name: string;
  status: "draft" | "active" | "retired";
  createdBy: string;
  createdAt: string;
}

export type ScorecardBin =
  | {
      range: { from?: number | null; to?: number | null; fromInclusive?: boolean; toInclusive?: boolean };
      points: number;
    }
  | { categories: string[]; points: number }
  | { missing: true; points: number };

export interface ScorecardCharacteristic {
  code: string;
  source: string;
  weight?: number;
  label?: { en: string; zh: string };
  bins: ScorecardBin[];
}

export interface ScorecardDefinition {
  id: string;
  version: string;
  name: string;
  description?: string;
  basePoints?: number;
  scale: { points: number; odds: number; pdo: number };
  characteristics: ScorecardCharacteristic[];
  overrides?: { code: string; text: { en: string; zh: string }; maxGrade: string; description?: string }[];
}

/** One row of a scorecard table: a characteristic's bin and its (weighted) points. */
export interface ScorecardRow {
  key: string;
  code: string;
  source: string;
  label: string;
  /** Rows of one characteristic: the first carries the span for merged cells. */
  span: number;
  bin: string;
  points: number;
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));

/** A bin as a reader writes it: "[10, 30)", "≥ 90", "< 0", "A, B", "missing". */
export function binLabel(bin: ScorecardBin, missing: string): string {
  if ("missing" in bin) {
    return missing;
  }
  if ("categories" in bin) {
    return bin.categories.join(", ");
  }
  const { from, to } = bin.range;
  const fromInclusive = bin.range.fromInclusive ?? true;
  const toInclusive = bin.range.toInclusive ?? false;
  const hasFrom = from !== null && from !== undefined;
  const hasTo = to !== null && to !== undefined;
  if (hasFrom && hasTo) {
    return `${fromInclusive ? "[" : "("}${num(from)}, ${num(to)}${toInclusive ? "]" : ")"}`;
  }
  if (hasFrom) {
    return `${fromInclusive ? "≥" : ">"} ${num(from)}`;
  }
  if (hasTo) {
    return `${toInclusive ? "≤" : "<"} ${num(to)}`;
  }
  return "(−∞, +∞)";
}

/** Flattens a scorecard into table rows; points are multiplied by the characteristic's weight. */
export function scorecardRows(
  definition: Pick<ScorecardDefinition, "characteristics">,
  options: { locale: "zh-CN" | "en"; missing: string },
): ScorecardRow[] {
  return definition.characteristics.flatMap((c) =>
    c.bins.map((bin, i) => ({
      key: `${c.code}-${i}`,
      code: c.code,
      source: c.source,
      label: c.label ? (options.locale === "zh-CN" ? c.label.zh : c.label.en) : c.source,
      span: i === 0 ? c.bins.length : 0,
      bin: binLabel(bin, options.missing),
      points: bin.points * (c.weight ?? 1),
    })),
  );
}

/** The most and fewest points a characteristic can give (its contribution's range). */
export function pointsRange(c: Pick<ScorecardCharacteristic, "bins" | "weight">): {
  min: number;
  max: number;
} {
  const points = c.bins.map((b) => b.points * (c.weight ?? 1));
  return { min: Math.min(...points), max: Math.max(...points) };
}

export interface ModelMetrics {
  n: number;
  bads: number;
  badRate: number;
  auc: number | null;
  gini: number | null;
  ks: number | null;
  brier: number;
  logLoss: number;
}

export interface RegisteredModel {
  id: number;
  name: string;
  version: string;
  method: string;
  role: "champion" | "challenger" | "retired";
  createdBy: string;
  createdAt: string;
  trainingRows: number | null;
  target: string | null;
  metrics: { train: ModelMetrics | null; validation: ModelMetrics | null };
}

/** ROC and KS curves (packages/core/src/models/evaluation/curves.ts), at most ~200 points each. */
export interface EvaluationCurves {
  roc: { fpr: number; tpr: number }[];
  ks: {
    points: { score: number; population: number; bad: number; good: number }[];
    statistic: number;
    score: number;
    population: number;
  };
}

export interface RegisteredModelDetail extends RegisteredModel {
  scale: { points: number; odds: number; pdo: number };
  scorecard:
    | {
        name: string;
        kind: string;
        coefficient: number;
        iv: number;
        bins: { label: string; good: number; bad: number; woe: number; points: number }[];
      }[]
    | null;
  importance: { feature: string; gain: number }[] | null;
  /** Stored at training; null for a model trained before curves were kept. */
  curves: { train: EvaluationCurves | null; validation: EvaluationCurves | null } | null;
}

export interface ComparedModel {
  name: string;
  version: string;
  method: string;
  auc: number | null;
  ks: number | null;
  gini: number | null;
  brier: number;
  logLoss: number;
  meanPd: number;
  meanScore: number;
  curves: EvaluationCurves | null;
}

export interface ModelComparison {
  asOf: string;
  horizonMonths: number;
  rows: number;
  bads: number;
  badRate: number;
  champion: ComparedModel;
  challenger: ComparedModel;
  aucDelta: number | null;
  scorePsi: { psi: number; band: "stable" | "watch" | "shifted" };
}

/** PSI band colours (DOMAIN.md bands: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted). */
export function psiColour(band: ModelComparison["scorePsi"]["band"]): string {
  switch (band) {
    case "stable":
      return "green";
    case "watch":
      return "orange";
    case "shifted":
      return "red";
  }
}
