import { readFileSync } from "node:fs";
import { getScorecardDefinition, listScorecards, saveScorecard } from "@creditdesk/lib/assessment";
import { AppError } from "@creditdesk/lib/shared";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

export async function listScorecardsCommand(): Promise<void> {
  const handle = await openAppDatabase();
  try {
    for (const r of await listScorecards(handle)) {
      process.stdout.write(`${r.version.padEnd(20)} ${r.status.padEnd(8)} ${r.createdAt}  ${r.name}\n`);
    }
  } finally {
    await handle.close();
  }
}

/** Validates a definition and stores it as a new version; an existing version is never overwritten. */
export async function importScorecardCommand(o: { file: string; activate: boolean }): Promise<void> {
  let definition: unknown;
  try {
    definition = JSON.parse(readFileSync(o.file, "utf8"));
  } catch (error) {
    throw new CliError(`${o.file}: not readable JSON (${(error as Error).message})`);
  }
  const handle = await openAppDatabase();
  try {
    const saved = await saveScorecard({ handle, definition, activate: o.activate, createdBy: "cli" });
    process.stdout.write(`stored scorecard ${saved.version} (${saved.status})\n`);
  } catch (error) {
    if (error instanceof AppError && error.errors.length > 0) {
      const first = error.errors[0]!;
      throw new CliError(
        `${o.file}: ${error.message} — ${first.path ? `${first.path}: ` : ""}${first.message}` +
          (error.errors.length > 1 ? ` (and ${error.errors.length - 1} more)` : ""),
      );
    }
    throw error;
  } finally {
    await handle.close();
  }
}

export async function exportScorecardCommand(o: { version?: string }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const { definition } = await getScorecardDefinition(handle, o.version);
    process.stdout.write(`${JSON.stringify(definition, null, 2)}\n`);
  } finally {
    await handle.close();
  }
}
