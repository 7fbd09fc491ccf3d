import type { Db } from "@creditdesk/db";
import { notifications } from "@creditdesk/db/notifications";
import { sql } from "drizzle-orm";

interface NewAlert {
  id: number;
  customerId: number;
  severity: string;
  department: string;
  title: string;
  assignee: string | null;
  measuredValue: number;
  threshold: number;
}

/**
 * Routes new alerts: one inbox entry for the alert's department (and its assignee, if any), and a
 * pending delivery per matching outbound channel — immediate for critical alerts (or channels
 * without digest), otherwise queued for the daily digest. Runs inside the caller's transaction.
 */
export async function enqueueAlertNotifications(db: Db, created: readonly NewAlert[]): Promise<void> {
  if (created.length === 0) {
    return;
  }
  for (let i = 0; i < created.length; i += 1_000) {
    const part = created.slice(i, i + 1_000);
    await db.insert(notifications).values(
      part.flatMap((a) => {
        const entry = {
          alertId: a.id,
          severity: a.severity,
          title: a.title,
          body: `measured ${round(a.measuredValue)} against threshold ${round(a.threshold)}`,
          link: `/alerts/${a.id}`,
        };
        return [
          { ...entry, department: a.department },
          ...(a.assignee ? [{ ...entry, recipient: a.assignee }] : []),
        ];
      }),
    );
    await db.execute(sql`
      insert into notification_deliveries (channel_id, alert_id, mode)
      select c.id, a.id,
        case when a.severity = 'critical' or not c.digest then 'immediate' else 'digest' end
      from alerts a
      join notification_channels c on c.enabled
        and (c.department is null or c.department = a.department)
        and array_position(array['info','warning','critical'], a.severity) >= array_position(array['info','warning','critical'], c.min_severity)
      where a.id = any(${sql.param(part.map((a) => a.id))}::bigint[])`);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
