import type { DatabaseHandle } from "@creditdesk/db";
import { monitoringRuns } from "@creditdesk/db/monitoring";
import { desc } from "drizzle-orm";

/** The latest monitoring runs (scheduled, manual, event-driven …), newest first. */
export async function listMonitoringRuns(options: { handle: DatabaseHandle; limit?: number }) {
  const rows = await options.handle.db
    .select()
    .from(monitoringRuns)
    .orderBy(desc(monitoringRuns.id))
    .limit(Math.min(options.limit ?? 20, 200));
  return rows.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }));
}
