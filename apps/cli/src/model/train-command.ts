import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ModelMethod } from "@creditdesk/core/models";
import {
  artefactToJson,
  MERGE_METHODS,
  MODEL_METHODS,
  STEPWISE_METHODS,
  trainModel,
} from "@creditdesk/core/models";
import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "../shared/fail.ts";
import { formatMetricsTable } from "./format-metrics.ts";
import { parseIntegerOption, runWithCliErrors } from "./run-with-cli-errors.ts";

interface TrainFlags {
  data: string;
  target: string;
  positive?: string;
  method: ModelMethod;
  out: string;
  exclude?: string;
  seed?: string;
  validation?: string;
  timeColumn?: string;
  binning: "chimerge" | "tree";
  stepwise: "none" | "aic" | "pvalue";
  report?: string;
  scorecardTable?: string;
  json?: boolean;
}

/** `creditdesk model train`: trains a scorecard or GBDT, prints validation metrics, writes the model JSON. */
export function registerTrainCommand(model: Command): void {
  model
    .command("train")
    .description("train a scorecard or GBDT model from a CSV file and write the model JSON")
    .requiredOption("--data <file>", "training data (CSV with a header)")
    .requiredOption("--target <column>", "binary target column (1 = bad unless --positive)")
    .option("--positive <value>", "target value that means bad / default")
    .addOption(new Option("--method <method>", "model type").choices(MODEL_METHODS).default("scorecard"))
    .option("--out <file>", "model JSON to write", "model.json")
    .option("--exclude <columns>", "comma-separated columns to leave out (ids, leaks)")
    .option("--seed <n>", "random seed for the split and the GBDT", "42")
    .option("--validation <share>", "share held out for validation", "0.3")
    .option(
      "--time-column <column>",
      "validate on the latest rows by this date column instead of a random split",
    )
    .addOption(
      new Option("--binning <method>", "scorecard bin merging").choices(MERGE_METHODS).default("chimerge"),
    )
    .addOption(
      new Option("--stepwise <method>", "scorecard forward selection")
        .choices(STEPWISE_METHODS)
        .default("none"),
    )
    .option("--report <file>", "also write an HTML + JSON report")
    .option("--scorecard-table <file>", "also write the scorecard table as CSV + JSON")
    .option("--json", "print the metrics as JSON instead of a table")
    .action(async (flags: TrainFlags) =>
      runWithCliErrors(async () => {
        const share = Number(flags.validation);
        if (!(share > 0 && share < 1)) {
          throw new CliError(`--validation must be a share between 0 and 1, got '${flags.validation}'`);
        }
        const { readCsvTable, writeReportFiles, writeScorecardTable } = await import(
          "@creditdesk/lib/models"
        );
        const table = await readCsvTable(flags.data);
        const exclude = flags.exclude
          ?.split(",")
          .map((c) => c.trim())
          .filter((c) => c !== "");
        const seed = parseIntegerOption("seed", flags.seed);
        const result = trainModel({
          table,
          target: flags.target,
          method: flags.method,
          createdAt: new Date().toISOString(),
          file: basename(flags.data),
          validationShare: share,
          scorecard: { binning: { method: flags.binning }, stepwise: flags.stepwise },
          ...(flags.positive === undefined ? {} : { positive: flags.positive }),
          ...(exclude ? { exclude } : {}),
          ...(seed === undefined ? {} : { seed }),
          ...(flags.timeColumn === undefined ? {} : { timeColumn: flags.timeColumn }),
        });
        await writeFile(flags.out, `${artefactToJson(result.artefact)}\n`);
        const { metrics } = result.artefact;
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ method: flags.method, out: flags.out, ...metrics })}\n`);
        } else {
          process.stdout.write(
            `${formatMetricsTable([
              { label: "train", metrics: metrics.train },
              { label: "validation", metrics: metrics.validation },
            ])}\n`,
          );
          const used =
            result.artefact.method === "scorecard"
              ? result.artefact.model.features.length
              : result.artefact.model.trees.length;
          process.stdout.write(
            `${flags.method}: ${used} ${flags.method === "scorecard" ? "characteristics" : "trees"}; model written to ${flags.out}\n`,
          );
        }
        if (flags.report) {
          const files = await writeReportFiles({ report: result.report, file: flags.report });
          process.stderr.write(`report written to ${files.html} and ${files.json}\n`);
        }
        if (flags.scorecardTable) {
          if (result.artefact.method !== "scorecard") {
            throw new CliError("--scorecard-table needs --method scorecard");
          }
          const files = await writeScorecardTable({
            table: result.report.scorecardTable,
            file: flags.scorecardTable,
          });
          process.stderr.write(`scorecard table written to ${files.csv} and ${files.json}\n`);
        }
      }),
    );
}
