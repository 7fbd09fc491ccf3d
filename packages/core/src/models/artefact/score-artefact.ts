import type { FeatureColumn, FeatureKind, RawTable } from "../data/dataset.ts";
import { parseFeatures } from "../data/parse-features.ts";
import { gbdtContributions } from "../gbdt/gbdt-model.ts";
import { scaleFactor, scoreFromMargin, sigmoid } from "../scorecard/scale.ts";
import type { ReasonCode } from "../scorecard/score-scorecard.ts";
import { scoreScorecard } from "../scorecard/score-scorecard.ts";
import type { ModelArtefact } from "./artefact-schema.ts";

export interface ArtefactScores {
  readonly pd: Float64Array;
  /** Points on the artefact's scale (scorecard: sum of points; GBDT: offset − factor·margin). */
  readonly score: Float64Array;
  readonly reasons: ReasonCode[][];
}

/** Names of the characteristics the artefact reads when scoring. */
export function artefactInputs(artefact: ModelArtefact): string[] {
  return artefact.method === "scorecard"
    ? artefact.model.features.map((f) => f.name)
    : artefact.model.features.map((f) => f.name);
}

/** Reads the model's characteristics from a raw table with the kinds fixed at training time. */
export function artefactColumns(artefact: ModelArtefact, table: RawTable): FeatureColumn[] {
  const kinds: Record<string, FeatureKind> = {};
  for (const f of artefact.training.features) {
    kinds[f.name] = f.kind;
  }
  return parseFeatures({ table, columns: artefactInputs(artefact), kinds });
}

/**
 * Scores already parsed columns (aligned with artefactInputs). GBDT reason codes are the
 * characteristics with the largest positive contribution to the margin (they raised the PD most),
 * expressed in points: contribution·factor.
 */
export function scoreColumns(options: {
  artefact: ModelArtefact;
  columns: readonly FeatureColumn[];
  rows: number;
  maxReasons?: number;
}): ArtefactScores {
  const { artefact, columns, rows } = options;
  const maxReasons = options.maxReasons ?? 4;
  if (artefact.method === "scorecard") {
    return scoreScorecard({
      card: artefact.model,
      columns: new Map(columns.map((c) => [c.name, c])),
      rows,
      maxReasons,
    });
  }
  const model = artefact.model;
  const { bias, contributions } = gbdtContributions(model, columns, rows);
  const { factor } = scaleFactor(model.scale);
  const pd = new Float64Array(rows);
  const score = new Float64Array(rows);
  const reasons: ReasonCode[][] = [];
  for (let i = 0; i < rows; i++) {
    let margin = bias[i]!;
    const row: ReasonCode[] = [];
    model.features.forEach((f, j) => {
      const c = contributions[j]![i]!;
      margin += c;
      if (c > 1e-12) {
        const raw = columns[j]!.values[i] ?? null;
        row.push({
          feature: f.name,
          value: typeof raw === "number" && Number.isNaN(raw) ? null : raw,
          bin: "",
          pointsLost: c * factor,
        });
      }
    });
    pd[i] = sigmoid(margin);
    score[i] = scoreFromMargin(margin, model.scale);
    reasons.push(row.sort((a, b) => b.pointsLost - a.pointsLost).slice(0, maxReasons));
  }
  return { pd, score, reasons };
}

/** Scores a raw table with an artefact. */
export function scoreTable(options: {
  artefact: ModelArtefact;
  table: RawTable;
  maxReasons?: number;
}): ArtefactScores {
  const columns = artefactColumns(options.artefact, options.table);
  return scoreColumns({
    artefact: options.artefact,
    columns,
    rows: options.table.rows.length,
    ...(options.maxReasons === undefined ? {} : { maxReasons: options.maxReasons }),
  });
}
