import type { ModelArtefact } from "../artefact/artefact-schema.ts";
import type { ArtefactScores } from "../artefact/score-artefact.ts";
import { artefactInputs, scoreTable } from "../artefact/score-artefact.ts";
import type { RawTable } from "../data/dataset.ts";
import { ModelInputError } from "../data/model-error.ts";
import type { AssessmentFeatureRecord } from "./assessment-features.ts";
import { featureCell } from "./assessment-features.ts";

/** Characteristics the artefact reads that the records do not carry (empty = it can score them). */
export function missingModelInputs(artefact: ModelArtefact, names: Iterable<string>): string[] {
  const have = new Set(names);
  return artefactInputs(artefact).filter((name) => !have.has(name));
}

/**
 * The raw table a CSV file of these records would hold (cells through `featureCell`), restricted to
 * the artefact's inputs — so scoring records in memory goes through the very parsing a file does.
 */
export function featureRecordsTable(
  artefact: ModelArtefact,
  records: readonly AssessmentFeatureRecord[],
): RawTable {
  const header = artefactInputs(artefact);
  const first = records[0];
  if (first) {
    const missing = missingModelInputs(artefact, Object.keys(first));
    if (missing.length > 0) {
      throw new ModelInputError(
        "missing_column",
        `the model reads characteristics the assessment does not provide: ${missing.join(", ")}`,
      );
    }
  }
  return { header, rows: records.map((r) => header.map((name) => featureCell(r[name]))) };
}

/** Scores feature records (from `assessmentFeatures`) with an artefact: PD, score, reason codes per row. */
export function scoreFeatureRecords(options: {
  artefact: ModelArtefact;
  records: readonly AssessmentFeatureRecord[];
  maxReasons?: number;
}): ArtefactScores {
  const table = featureRecordsTable(options.artefact, options.records);
  return scoreTable({
    artefact: options.artefact,
    table,
    ...(options.maxReasons === undefined ? {} : { maxReasons: options.maxReasons }),
  });
}
