import { readFileSync } from "node:fs";
import { loadScorecard, ScorecardValidationError } from "@creditdesk/core/assessment";
import { scorecards } from "@creditdesk/db/assessment";
import { resolveScorecard } from "@creditdesk/lib/assessment";
import { desc, eq, ne, sql } from "drizzle-orm";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

export async function listScorecardsCommand(): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await resolveScorecard(handle.db); // installs the shipped default on first use
    const rows = await handle.db.select().from(scorecards).orderBy(desc(scorecards.createdAt));
    for (const r of rows) {
      process.stdout.write(`${r.version.padEnd(20)} ${r.status.padEnd(8)} ${r.createdAt.toISOString()}  ${r.name}\n`);
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
  let parsed: ReturnType<typeof loadScorecard>;
  try {
    parsed = loadScorecard(definition);
  } catch (error) {
    if (error instanceof ScorecardValidationError) {
      throw new CliError(`${o.file}: ${error.message}`);
    }
    throw error;
  }
  const handle = await openAppDatabase();
  try {
    await handle.transaction(async (tx) => {
      const inserted = await tx.db
        .insert(scorecards)
        .values({ version: parsed.version, name: parsed.name, definition, status: o.activate ? "active" : "draft", createdBy: "cli" })
        .onConflictDoNothing({ target: scorecards.version })
        .returning({ id: scorecards.id });
      if (inserted.length === 0) {
        throw new CliError(`scorecard version ${parsed.version} exists already; versions are immutable — give it a new version`);
      }
      if (o.activate) {
        await tx.db
          .update(scorecards)
          .set({ status: sql`case when ${scorecards.status} = 'active' then 'retired' else ${scorecards.status} end` })
          .where(ne(scorecards.version, parsed.version));
      }
    });
    process.stdout.write(`stored scorecard ${parsed.version}${o.activate ? " (active)" : " (draft)"}\n`);
  } finally {
    await handle.close();
  }
}

export async function exportScorecardCommand(o: { version?: string }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const active = await resolveScorecard(handle.db, o.version);
    const [row] = await handle.db.select().from(scorecards).where(eq(scorecards.version, active.version));
    process.stdout.write(`${JSON.stringify(row?.definition ?? active, null, 2)}\n`);
  } finally {
    await handle.close();
  }
}
