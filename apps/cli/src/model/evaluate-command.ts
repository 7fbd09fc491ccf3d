import {
  artefactColumns,
  binaryMetrics,
  calibrationTable,
  liftTable,
  parseTarget,
  scoreColumns,
} from "@creditdesk/core/models";
import type { Command } from "commander";
import { readModelFile } from "./read-model-file.ts";
import { runWithCliErrors } from "./run-with-cli-errors.ts";

/** `creditdesk model evaluate`: prints ONE JSON object with auc, ks, gini, brier, n and more. */
export function registerEvaluateCommand(model: Command): void {
  model
    .command("evaluate")
    .description("evaluate a model on labelled data; prints one JSON object")
    .requiredOption("--model <file>", "model JSON from `model train`")
    .requiredOption("--data <file>", "labelled CSV")
    .requiredOption("--target <column>", "binary target column (1 = bad unless --positive)")
    .option("--positive <value>", "target value that means bad (default: the model's)")
    .action(async (flags: { model: string; data: string; target: string; positive?: string }) =>
      runWithCliErrors(async () => {
        const artefact = await readModelFile(flags.model);
        const { readCsvTable } = await import("@creditdesk/lib/models");
        const table = await readCsvTable(flags.data);
        const positive =
          flags.positive ??
          (flags.target === artefact.training.target ? artefact.training.positive : undefined);
        const { target } = parseTarget({
          table,
          target: flags.target,
          ...(positive === undefined ? {} : { positive }),
        });
        const columns = artefactColumns(artefact, table);
        const scores = scoreColumns({ artefact, columns, rows: table.rows.length });
        const metrics = binaryMetrics(target, scores.pd);
        const out = {
          ...metrics,
          method: artefact.method,
          lift: liftTable(target, scores.pd),
          calibration: calibrationTable(target, scores.pd),
          meanScore: scores.score.reduce((a, b) => a + b, 0) / Math.max(scores.score.length, 1),
          ...(artefact.metrics.validation ? { trainingValidationAuc: artefact.metrics.validation.auc } : {}),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }),
    );
}
