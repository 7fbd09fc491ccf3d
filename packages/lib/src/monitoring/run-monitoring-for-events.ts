import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import type { DispatchConfig } from "../notifications/dispatch-notifications.ts";
import { type RunMonitoringSummary, runMonitoring } from "./run-monitoring.ts";

/** Domain events after which the affected customers are re-monitored at once. */
export const MONITORING_EVENT_TYPES = [
  "assessment.grade_changed",
  "import.completed",
  "ledger.changed",
] as const;

/**
 * Incremental monitoring driven by the outbox: customers named by domain events newer than the last
 * consumed cursor (kept on `monitoring_runs.event_cursor`, so other consumers of `domain_events`
 * are unaffected) are re-evaluated; null when there was nothing to do.
 */
export async function runMonitoringForEvents(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  notify?: DispatchConfig;
}): Promise<RunMonitoringSummary | null> {
  const [cursor] = await queryRows<{ c: number | null }>(
    options.handle.db,
    sql`select max(event_cursor)::int8 as c from monitoring_runs`,
  );
  const after = Number(cursor?.c ?? 0);
  const rows = await queryRows<{ customer_id: number; max_id: number }>(
    options.handle.db,
    sql`select customer_id, max(id) as max_id from domain_events
        where id > ${after} and type = any(${sql.param([...MONITORING_EVENT_TYPES])}::text[]) and customer_id is not null
        group by customer_id`,
  );
  if (rows.length === 0) {
    return null;
  }
  return runMonitoring({
    handle: options.handle,
    asOf: options.asOf,
    trigger: "event",
    baseCurrency: options.baseCurrency,
    customerIds: rows.map((r) => Number(r.customer_id)),
    eventCursor: Math.max(...rows.map((r) => Number(r.max_id))),
    ...(options.notify ? { notify: options.notify } : {}),
  });
}
