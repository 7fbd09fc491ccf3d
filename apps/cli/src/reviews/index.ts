import type { Command } from "commander";

/** `creditdesk reviews due|schedule|complete|report|case-file`. */
export function registerReviewCommands(program: Command): void {
  const reviews = program.command("reviews").description("periodic credit reviews");
  reviews
    .command("due")
    .description("reviews due on or before a date")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; json?: boolean }) => {
      const { dueCommand } = await import("./review-commands.ts");
      await dueCommand({ asOf: o.asOf ?? new Date().toISOString().slice(0, 10), json: o.json === true });
    });
  reviews
    .command("schedule")
    .description("schedule the next review of every customer from tier and grade")
    .action(async () => {
      const { scheduleCommand } = await import("./review-commands.ts");
      await scheduleCommand();
    });
  reviews
    .command("complete")
    .description("re-assess the customer and record the conclusion (keep, raise, lower, hold)")
    .argument("<id>", "review id")
    .argument("<conclusion>", "keep | raise | lower | hold")
    .requiredOption("--as <login>", "reviewer")
    .option("--note <text>", "the reviewer's note")
    .action(async (id: string, conclusion: string, o: { as: string; note?: string }) => {
      const { completeCommand } = await import("./review-commands.ts");
      await completeCommand({ id, conclusion, ...o });
    });
  reviews
    .command("report")
    .description("write the credit review report")
    .argument("<id>", "review id")
    .requiredOption("--out <file>", "output file (.pdf or .html)")
    .action(async (id: string, o: { out: string }) => {
      const { reportCommand } = await import("./review-commands.ts");
      await reportCommand({ id, out: o.out });
    });
  reviews
    .command("case-file")
    .description(
      "write the review's case file: evidence, assessment with reasons, recommendation, conclusion, risk register, audit trail",
    )
    .argument("<id>", "review id")
    .requiredOption("--out <file>", "output file (.pdf, or .json for the data)")
    .option("--lang <language>", "zh or en (default: by the customer's country)")
    .action(async (id: string, o: { out: string; lang?: string }) => {
      const { caseFileCommand } = await import("./review-commands.ts");
      await caseFileCommand({ id, out: o.out, ...(o.lang ? { lang: o.lang } : {}) });
    });
}
