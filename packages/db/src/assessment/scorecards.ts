import { desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { scorecards } from "./schema.ts";

export type ScorecardRow = typeof scorecards.$inferSelect;

export async function findActiveScorecard(db: Db): Promise<ScorecardRow | undefined> {
  const [row] = await db
    .select()
    .from(scorecards)
    .where(eq(scorecards.status, "active"))
    .orderBy(desc(scorecards.createdAt), desc(scorecards.id))
    .limit(1);
  return row;
}

export async function findScorecardByVersion(db: Db, version: string): Promise<ScorecardRow | undefined> {
  const [row] = await db.select().from(scorecards).where(eq(scorecards.version, version)).limit(1);
  return row;
}

/** Inserts a scorecard version unless it exists (versions are immutable: same version, same definition). */
export async function insertScorecardIfAbsent(
  db: Db,
  values: {
    version: string;
    name: string;
    definition: unknown;
    status: "draft" | "active" | "retired";
    createdBy: string;
  },
): Promise<void> {
  await db.insert(scorecards).values(values).onConflictDoNothing({ target: scorecards.version });
}
