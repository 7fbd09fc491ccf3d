import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";

const today = () => new Date().toISOString().slice(0, 10);

function checkDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliError(`--as-of must be a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}

/** `creditdesk assess`, `creditdesk credit-file`, `creditdesk scorecards …`. */
export function registerAssessmentCommands(program: Command): void {
  program
    .command("assess")
    .description("assess one customer (by code or id) or the whole portfolio (--all) and record the results")
    .argument("[customer]", "customer code or id")
    .option("--all", "assess every customer (set-wise bulk run)")
    .option("--as-of <date>", "assessment date YYYY-MM-DD (default today)")
    .option("--scorecard <version>", "scorecard version (default: the active one)")
    .option("--json", "print JSON")
    .action(
      async (
        customer: string | undefined,
        o: { all?: boolean; asOf?: string; scorecard?: string; json?: boolean },
      ) => {
        if (!customer && !o.all) {
          throw new CliError("name a customer code, or pass --all for the whole portfolio");
        }
        const { runAssessCommand } = await import("./assess-command.ts");
        await runAssessCommand({
          ...(customer ? { customer } : {}),
          all: o.all === true,
          asOf: checkDate(o.asOf ?? today()),
          json: o.json === true,
          ...(o.scorecard ? { scorecardVersion: o.scorecard } : {}),
        });
      },
    );

  program
    .command("credit-file")
    .description(
      "show a customer's credit file: latest assessment, reasons, policy, ratios, behaviour, score history",
    )
    .argument("<customer>", "customer code or id")
    .option("--json", "print JSON")
    .action(async (customer: string, o: { json?: boolean }) => {
      const { runCreditFileCommand } = await import("./credit-file-command.ts");
      await runCreditFileCommand({ customer, json: o.json === true });
    });

  const scorecards = program.command("scorecards").description("expert scorecard versions");
  scorecards
    .command("list")
    .description("list scorecard versions")
    .action(async () => {
      const { listScorecardsCommand } = await import("./scorecard-commands.ts");
      await listScorecardsCommand();
    });
  scorecards
    .command("import")
    .description("validate and store a scorecard definition (JSON) as a new version")
    .argument("<file>", "scorecard JSON file")
    .option("--activate", "make it the active scorecard")
    .action(async (file: string, o: { activate?: boolean }) => {
      const { importScorecardCommand } = await import("./scorecard-commands.ts");
      await importScorecardCommand({ file, activate: o.activate === true });
    });
  scorecards
    .command("export")
    .description("print a scorecard version as JSON (default: the active one)")
    .argument("[version]")
    .action(async (version: string | undefined) => {
      const { exportScorecardCommand } = await import("./scorecard-commands.ts");
      await exportScorecardCommand({ ...(version ? { version } : {}) });
    });
}
