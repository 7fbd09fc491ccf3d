import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";

const today = () => new Date().toISOString().slice(0, 10);
function date(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliError(`${flag} must be a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}
function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new CliError(`${flag} must be a whole number, got '${value}'`);
  }
  return Number(value);
}

/**
 * `creditdesk portfolio view|concentration|el|migration|backtest|stress|report` — portfolio risk
 * (issue 9); each action loads its use case lazily.
 */
export function registerPortfolioCommands(program: Command): void {
  const p = program
    .command("portfolio")
    .description("portfolio risk: view, concentration, EL, migration, stress");
  p.command("view")
    .description("exposure, limits, utilisation, grades, aging and DSO/ADDB/CEI trend by a dimension")
    .option("--as-of <date>", "YYYY-MM-DD (default today)")
    .option(
      "--group-by <dimension>",
      "customer | group | industry | region | tier | salesOwner | segment | grade",
      "industry",
    )
    .option("--months <n>", "trend months", "12")
    .option("--limit <n>", "rows shown")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; groupBy: string; months: string; limit?: string; json?: boolean }) => {
      const { viewCommand } = await import("./portfolio-commands.ts");
      await viewCommand({
        asOf: date(o.asOf ?? today(), "--as-of"),
        groupBy: o.groupBy,
        months: int(o.months, "--months") ?? 12,
        limit: int(o.limit, "--limit"),
        json: o.json === true,
      });
    });
  p.command("concentration")
    .description("top-1/5/10 shares and HHI by customer, group, industry, region; limits and breaches")
    .option("--as-of <date>", "YYYY-MM-DD (default today)")
    .option("--top <n>", "holders listed per dimension", "10")
    .option("--set <dimension=bps>", "set a concentration limit, e.g. customer=1000 (10 %)")
    .option("--check", "raise (or update) alerts for the breaches")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; top: string; set?: string; check?: boolean; json?: boolean }) => {
      const { concentrationCommand } = await import("./portfolio-commands.ts");
      await concentrationCommand({
        asOf: date(o.asOf ?? today(), "--as-of"),
        top: int(o.top, "--top") ?? 10,
        set: o.set,
        check: o.check === true,
        json: o.json === true,
      });
    });
  p.command("el")
    .description("expected loss EL = PD × LGD × EAD with contributions")
    .option("--as-of <date>", "YYYY-MM-DD (default today)")
    .option("--top <n>", "customers listed", "10")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; top: string; json?: boolean }) => {
      const { expectedLossCommand } = await import("./portfolio-commands.ts");
      await expectedLossCommand({
        asOf: date(o.asOf ?? today(), "--as-of"),
        top: int(o.top, "--top") ?? 10,
        json: o.json === true,
      });
    });
  p.command("migration")
    .description("grade migration matrix between two dates")
    .requiredOption("--from <date>", "first date YYYY-MM-DD")
    .requiredOption("--to <date>", "second date YYYY-MM-DD")
    .option("--scale <scale>", "grade | notch", "grade")
    .option("--json", "print JSON")
    .action(async (o: { from: string; to: string; scale: string; json?: boolean }) => {
      const { migrationCommand } = await import("./portfolio-commands.ts");
      await migrationCommand({
        from: date(o.from, "--from"),
        to: date(o.to, "--to"),
        scale: o.scale === "notch" ? "notch" : "grade",
        json: o.json === true,
      });
    });
  p.command("backtest")
    .description("predicted PD against realised defaults per grade (binomial test)")
    .requiredOption("--start <date>", "start date YYYY-MM-DD")
    .option("--horizon <months>", "horizon in months", "12")
    .option("--scale <scale>", "grade | notch", "grade")
    .option("--json", "print JSON")
    .action(async (o: { start: string; horizon: string; scale: string; json?: boolean }) => {
      const { backtestCommand } = await import("./portfolio-commands.ts");
      await backtestCommand({
        start: date(o.start, "--start"),
        horizonMonths: int(o.horizon, "--horizon") ?? 12,
        scale: o.scale === "notch" ? "notch" : "grade",
        json: o.json === true,
      });
    });
  p.command("stress")
    .description("run a stored stress scenario (or list, save from a JSON file, delete)")
    .argument("[scenario]", "scenario name or id to run")
    .option("--as-of <date>", "YYYY-MM-DD (default today)")
    .option("--save <file>", "save the scenario in a JSON file ({ name, shocks: [...] })")
    .option("--delete <scenario>", "delete a stored scenario")
    .option("--json", "print JSON")
    .action(
      async (
        scenario: string | undefined,
        o: { asOf?: string; save?: string; delete?: string; json?: boolean },
      ) => {
        const { stressCommand } = await import("./portfolio-commands.ts");
        await stressCommand({
          scenario,
          asOf: date(o.asOf ?? today(), "--as-of"),
          save: o.save,
          delete: o.delete,
          json: o.json === true,
        });
      },
    );
  p.command("report")
    .description("the portfolio report as HTML, PDF or XLSX")
    .option("--as-of <date>", "YYYY-MM-DD (default today)")
    .option("--format <format>", "html | pdf | xlsx", "html")
    .requiredOption("--out <file>", "output file")
    .action(async (o: { asOf?: string; format: string; out: string }) => {
      if (!["html", "pdf", "xlsx"].includes(o.format)) {
        throw new CliError(`--format must be html, pdf or xlsx, got '${o.format}'`);
      }
      const { reportCommand } = await import("./portfolio-commands.ts");
      await reportCommand({
        asOf: date(o.asOf ?? today(), "--as-of"),
        format: o.format as "html" | "pdf" | "xlsx",
        out: o.out,
      });
    });
}
