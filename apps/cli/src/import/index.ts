import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { formatProblem, IMPORT_ENTITIES, type ImportEntity, isImportEntity } from "@creditdesk/core/import";
import type { ExportFormat } from "@creditdesk/lib/export";
import type { ImportSummary } from "@creditdesk/lib/import";
import cliProgress from "cli-progress";
import { type Command, Option } from "commander";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const PRINTED_PROBLEMS = 50;
/**
 * The export formats, spelt here so registering the commands does not load the exporter (the
 * `satisfies` fails to compile when @creditdesk/lib/export gains or loses a format).
 */
const EXPORT_FORMATS = Object.keys({ csv: true, xlsx: true } satisfies Record<ExportFormat, true>);

function entityArg(word: string): ImportEntity {
  if (!isImportEntity(word)) {
    throw new CliError(`unknown entity '${word}'; one of: ${IMPORT_ENTITIES.join(", ")}`, 2);
  }
  return word;
}

function printSummary(s: ImportSummary): void {
  const err = process.stderr;
  for (const p of s.problems.slice(0, PRINTED_PROBLEMS)) {
    err.write(`  ${formatProblem(p)}\n`);
  }
  if (s.problemCount > PRINTED_PROBLEMS) {
    err.write(
      `  … and ${s.problemCount - PRINTED_PROBLEMS} more${s.problemsFile ? ` (all in ${s.problemsFile})` : ""}\n`,
    );
  }
  if (s.ignoredColumns.length > 0) {
    err.write(`  ignored columns: ${s.ignoredColumns.join(", ")}\n`);
  }
  const details = Object.entries(s.details)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  process.stdout.write(
    `${s.entity}: read ${s.rowsRead}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}${details ? ` (${details})` : ""} in ${s.seconds.toFixed(1)} s [run ${s.runId}]\n`,
  );
  if (s.rejectsFile) {
    process.stdout.write(`rejected rows written to ${s.rejectsFile}\n`);
  }
}

/** `creditdesk import <entity> <file>` and `creditdesk export <entity>`. */
export function registerImportCommands(program: Command): void {
  program
    .command("import")
    .description("import a CSV or XLSX file into the credit archive or receivables ledger")
    .argument("<entity>", `one of: ${IMPORT_ENTITIES.join(", ")}`)
    .argument("<file>", "CSV (UTF-8 or GBK/GB18030) or XLSX file")
    .option("--strict", "write nothing if any row has a problem (default)")
    .option("--lenient", "import the good rows, write the bad ones to a rejects file")
    .option("--mapping <file>", "JSON mapping of headers to fields, date format, currency, sheet")
    .option("--date-format <format>", "e.g. YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY, excel")
    .option("--rejects <file>", "where rejected rows go in lenient mode (default <file>.rejects.csv)")
    .option("--problems <file>", "where all problems go (default <file>.problems.csv when more than 50)")
    .option("--sheet <name>", "XLSX sheet (default: the first)")
    .action(
      async (
        word: string,
        file: string,
        opts: {
          strict?: boolean;
          lenient?: boolean;
          mapping?: string;
          dateFormat?: string;
          rejects?: string;
          problems?: string;
          sheet?: string;
        },
      ) => {
        const entity = entityArg(word);
        if (opts.strict && opts.lenient) {
          throw new CliError("choose either --strict or --lenient", 2);
        }
        const { importFile } = await import("@creditdesk/lib/import");
        const handle = await openAppDatabase();
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: "{bar} {percentage}% | {rows} rows | {phase}",
                stream: process.stderr,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        try {
          const summary = await importFile({
            handle,
            entity,
            file,
            mode: opts.lenient ? "lenient" : "strict",
            mappingFile: opts.mapping,
            dateFormat: opts.dateFormat,
            rejectsFile: opts.rejects,
            problemsFile: opts.problems,
            sheet: opts.sheet,
            onProgress: (p) => {
              if (!bar) {
                return;
              }
              if (!started) {
                bar.start(p.totalBytes || 1, 0, { rows: 0, phase: p.phase });
                started = true;
              }
              bar.update(p.phase === "done" ? p.totalBytes : p.bytesRead, {
                rows: p.rowsRead,
                phase: p.phase,
              });
            },
          });
          bar?.stop();
          printSummary(summary);
          if (summary.status === "rejected") {
            throw new CliError(
              `import rejected: ${summary.problemCount} problem${summary.problemCount === 1 ? "" : "s"}, nothing was written`,
            );
          }
        } finally {
          bar?.stop();
          await handle.close();
        }
      },
    );

  program
    .command("export")
    .description("export an entity as CSV or XLSX (re-imports unchanged)")
    .argument("<entity>", `one of: ${IMPORT_ENTITIES.join(", ")}`)
    .addOption(new Option("--format <format>", "file format").choices([...EXPORT_FORMATS]).default("csv"))
    .option("--out <file>", "output file (default: standard output)")
    .action(async (word: string, opts: { format: ExportFormat; out?: string }) => {
      const entity = entityArg(word);
      if (opts.format === "xlsx" && !opts.out && process.stdout.isTTY) {
        throw new CliError("XLSX is binary: pass --out FILE or redirect standard output", 2);
      }
      const { exportEntity } = await import("@creditdesk/lib/export");
      const handle = await openAppDatabase();
      try {
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        const finished = opts.out ? once(out, "finish") : Promise.resolve([]);
        const rows = await exportEntity({ handle, entity, format: opts.format, out });
        await finished;
        if (opts.out) {
          process.stderr.write(`${entity}: ${rows} rows written to ${opts.out}\n`);
        }
      } finally {
        await handle.close();
      }
    });
}
