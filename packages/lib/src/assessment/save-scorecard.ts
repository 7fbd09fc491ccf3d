import { parseScorecard } from "@creditdesk/core/assessment";
import type { DatabaseHandle } from "@creditdesk/db";
import { scorecards } from "@creditdesk/db/assessment";
import { desc, eq, ne, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { resolveScorecard } from "./resolve-scorecard.ts";

/**
 * Validates a scorecard definition and stores it as a NEW version (versions are immutable so that
 * past assessments stay reproducible); optionally makes it the active one, retiring the former.
 */
export async function saveScorecard(options: {
  handle: DatabaseHandle;
  definition: unknown;
  activate: boolean;
  createdBy: string;
}) {
  const parsed = parseScorecard(options.definition);
  if (!parsed.ok) {
    throw new AppError("VALIDATION", "the scorecard definition is invalid", {
      errors: parsed.errors.map((e) => {
        const at = e.indexOf(": ");
        return at > 0 ? { path: e.slice(0, at), message: e.slice(at + 2) } : { path: "", message: e };
      }),
    });
  }
  const { scorecard } = parsed;
  await options.handle.transaction(async (tx) => {
    const inserted = await tx.db
      .insert(scorecards)
      .values({
        version: scorecard.version,
        name: scorecard.name,
        definition: options.definition,
        status: options.activate ? "active" : "draft",
        createdBy: options.createdBy,
      })
      .onConflictDoNothing({ target: scorecards.version })
      .returning({ id: scorecards.id });
    if (inserted.length === 0) {
      throw new AppError(
        "CONFLICT",
        `scorecard version ${scorecard.version} exists already; versions are immutable — give the definition a new version`,
      );
    }
    if (options.activate) {
      await retireOthers(tx.db, scorecard.version);
    }
  });
  return { version: scorecard.version, name: scorecard.name, status: options.activate ? "active" : "draft" };
}

async function retireOthers(db: DatabaseHandle["db"], activeVersion: string) {
  await db
    .update(scorecards)
    .set({
      status: sql`case when ${scorecards.status} = 'active' then 'retired' else ${scorecards.status} end`,
    })
    .where(ne(scorecards.version, activeVersion));
}

/** Makes an existing version the active scorecard. */
export async function activateScorecard(options: { handle: DatabaseHandle; version: string }) {
  await options.handle.transaction(async (tx) => {
    const updated = await tx.db
      .update(scorecards)
      .set({ status: "active" })
      .where(eq(scorecards.version, options.version))
      .returning({ id: scorecards.id });
    if (updated.length === 0) {
      throw new AppError("NOT_FOUND", `scorecard version ${options.version} does not exist`);
    }
    await retireOthers(tx.db, options.version);
  });
}

/** Every version, newest first (installs the shipped default on first use). */
export async function listScorecards(handle: DatabaseHandle) {
  await resolveScorecard(handle.db);
  const rows = await handle.db
    .select()
    .from(scorecards)
    .orderBy(desc(scorecards.createdAt), desc(scorecards.id));
  return rows.map((r) => ({
    version: r.version,
    name: r.name,
    status: r.status,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getScorecardDefinition(handle: DatabaseHandle, version?: string) {
  const active = await resolveScorecard(handle.db, version);
  const [row] = await handle.db.select().from(scorecards).where(eq(scorecards.version, active.version));
  return { version: active.version, status: row?.status ?? "active", definition: row?.definition ?? active };
}
