import { scoreTable } from "@creditdesk/core/models";
import type { Command } from "commander";
import { readModelFile } from "./read-model-file.ts";
import { runWithCliErrors } from "./run-with-cli-errors.ts";

/** `creditdesk model score`: writes the input rows plus `pd` and `score`. */
export function registerScoreCommand(model: Command): void {
  model
    .command("score")
    .description("score a CSV file with a model: writes the rows plus pd and score columns")
    .requiredOption("--model <file>", "model JSON from `model train`")
    .requiredOption("--data <file>", "CSV to score (the target column may be absent)")
    .requiredOption("--out <file>", "scored CSV to write")
    .option("--reasons", "add a `reasons` column (reason codes: points lost, largest first)")
    .action(async (flags: { model: string; data: string; out: string; reasons?: boolean }) =>
      runWithCliErrors(async () => {
        const artefact = await readModelFile(flags.model);
        const { readCsvTable, writeScoredCsv } = await import("@creditdesk/lib/models");
        const table = await readCsvTable(flags.data);
        const scores = scoreTable({ artefact, table });
        await writeScoredCsv({ file: flags.out, table, scores, reasons: flags.reasons === true });
        process.stderr.write(`${table.rows.length} rows scored, written to ${flags.out}\n`);
      }),
    );
}
