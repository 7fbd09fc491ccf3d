import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "../shared/fail.ts";
import { parseIntegerOption, runWithCliErrors } from "./run-with-cli-errors.ts";

function checkDate(flag: string, value: string | undefined): string | undefined {
  if (
    value !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  ) {
    throw new CliError(`--${flag} must be a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}

function positive(flag: string, raw: string): number {
  const value = parseIntegerOption(flag, raw);
  if (value === undefined || value < 1) {
    throw new CliError(`--${flag} must be a positive integer, got '${raw}'`);
  }
  return value;
}

/**
 * `creditdesk model dataset|register|list|promote|retire|compare`: the own-history data set and
 * the model registry (champion / challenger). Database work is loaded on demand.
 */
export function registerRegistryCommands(model: Command): void {
  model
    .command("dataset")
    .description(
      "build the own-history training data set (features as of each date + 12-month default target) as CSV",
    )
    .requiredOption("--out <file>", "CSV to write")
    .option("--from <date>", "first as-of date (default: 12 months after the first invoice, month-end)")
    .option("--to <date>", "last as-of date (default: the last month-end with a fully observed horizon)")
    .option("--every <months>", "months between as-of dates", "3")
    .option("--horizon <months>", "outcome window in months", "12")
    .action(async (o: { out: string; from?: string; to?: string; every: string; horizon: string }) =>
      runWithCliErrors(async () => {
        const from = checkDate("from", o.from);
        const to = checkDate("to", o.to);
        const { runDatasetCommand } = await import("./run-dataset-command.ts");
        await runDatasetCommand({
          out: o.out,
          every: positive("every", o.every),
          horizon: positive("horizon", o.horizon),
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        });
      }),
    );

  model
    .command("register")
    .description("store a model file in the registry (versions are immutable)")
    .requiredOption("--model <file>", "model JSON from `model train`")
    .requiredOption("--name <name>", "model name, e.g. own-pd")
    .option("--version <version>", "version label (default: the next integer)")
    .addOption(new Option("--role <role>", "role").choices(["challenger", "champion"]).default("challenger"))
    .action(async (o: { model: string; name: string; version?: string; role: "champion" | "challenger" }) =>
      runWithCliErrors(async () => {
        const { runRegisterCommand } = await import("./run-registry-commands.ts");
        await runRegisterCommand(o);
      }),
    );

  model
    .command("list")
    .description("list registered models, newest first")
    .option("--json", "print one JSON array")
    .action(async (o: { json?: boolean }) =>
      runWithCliErrors(async () => {
        const { runListCommand } = await import("./run-registry-commands.ts");
        await runListCommand({ json: o.json === true });
      }),
    );

  model
    .command("promote")
    .description("make a model the champion (the former champion becomes a challenger), in one transaction")
    .argument("<name>")
    .argument("<version>")
    .action(async (name: string, version: string) =>
      runWithCliErrors(async () => {
        const { runPromoteCommand } = await import("./run-registry-commands.ts");
        await runPromoteCommand({ name, version });
      }),
    );

  model
    .command("retire")
    .description("retire a model (kept for audit, no longer scores)")
    .argument("<name>")
    .argument("<version>")
    .action(async (name: string, version: string) =>
      runWithCliErrors(async () => {
        const { runRetireCommand } = await import("./run-registry-commands.ts");
        await runRetireCommand({ name, version });
      }),
    );

  model
    .command("compare")
    .description(
      "champion vs latest challenger on the same rows: AUC, KS, Gini, Brier and score PSI (one JSON object)",
    )
    .option(
      "--as-of <date>",
      "own history: customers on this date, outcome over the horizon after it (default: latest fully observed month-end)",
    )
    .option("--horizon <months>", "outcome window in months", "12")
    .option("--data <file>", "a labelled CSV instead of the own history")
    .option("--target <column>", "target column of --data")
    .option("--positive <value>", "target value that means bad")
    .action(
      async (o: { asOf?: string; horizon: string; data?: string; target?: string; positive?: string }) =>
        runWithCliErrors(async () => {
          const asOf = checkDate("as-of", o.asOf);
          const { runCompareCommand } = await import("./run-registry-commands.ts");
          await runCompareCommand({
            horizon: positive("horizon", o.horizon),
            ...(asOf === undefined ? {} : { asOf }),
            ...(o.data === undefined ? {} : { data: o.data }),
            ...(o.target === undefined ? {} : { target: o.target }),
            ...(o.positive === undefined ? {} : { positive: o.positive }),
          });
        }),
    );
}
