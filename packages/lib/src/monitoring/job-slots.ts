import type { DatabaseHandle } from "@creditdesk/db";
import { jobRuns } from "@creditdesk/db/monitoring";
import { and, eq, sql } from "drizzle-orm";

/**
 * Claims a job slot (e.g. job "monitoring.nightly", slot "2025-06-30"): the unique (job, slot) key
 * lets exactly one of any number of processes win; the others get false.
 */
export async function claimJobSlot(
  handle: DatabaseHandle,
  job: string,
  slot: string,
  owner: string,
): Promise<boolean> {
  const rows = await handle.db
    .insert(jobRuns)
    .values({ job, slot, owner })
    .onConflictDoNothing()
    .returning({ id: jobRuns.id });
  return rows.length === 1;
}

export async function finishJobSlot(
  handle: DatabaseHandle,
  job: string,
  slot: string,
  outcome: { status: "finished" | "failed"; result: unknown },
): Promise<void> {
  await handle.db
    .update(jobRuns)
    .set({ status: outcome.status, result: outcome.result as object, finishedAt: sql`now()` })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)));
}
