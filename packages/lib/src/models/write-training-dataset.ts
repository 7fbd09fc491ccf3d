import { writeFile } from "node:fs/promises";
import { ASSESSMENT_FEATURE_NAMES, featureCell } from "@creditdesk/core/models";
import { stringify } from "csv-stringify/sync";
import type { TrainingRow } from "./build-training-dataset.ts";

/** Leading columns of the data set CSV: ids and the time stamp (exclude them from training). */
export const TRAINING_ID_COLUMNS = ["customer_code", "as_of"] as const;
export const TRAINING_TARGET_COLUMN = "target";

/**
 * The data set as CSV text: `customer_code,as_of,<features…>,target`. Feature cells go through
 * `featureCell` (missing → empty), exactly as `scoreFeatureRecords` reads records, so a model
 * trained on this file scores assessment features identically.
 */
export function trainingDatasetCsv(rows: readonly TrainingRow[]): string {
  const header = [...TRAINING_ID_COLUMNS, ...ASSESSMENT_FEATURE_NAMES, TRAINING_TARGET_COLUMN];
  return stringify([
    header,
    ...rows.map((r) => [
      r.customerCode,
      r.asOf,
      ...ASSESSMENT_FEATURE_NAMES.map((name) => featureCell(r.features[name])),
      String(r.target),
    ]),
  ]);
}

/** Writes the data set CSV. */
export async function writeTrainingDataset(options: {
  file: string;
  rows: readonly TrainingRow[];
}): Promise<void> {
  await writeFile(options.file, trainingDatasetCsv(options.rows));
}
