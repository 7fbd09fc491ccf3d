import type { Db } from "@creditdesk/db";
import { type SQL, sql } from "drizzle-orm";

/** The alerts to route: those a monitoring run opened, or the given ones. */
export type AlertSelection = { runId: number } | { alertIds: readonly number[] };

const selected = (s: AlertSelection): SQL =>
  "runId" in s ? sql`a.first_run_id = ${s.runId}` : sql`a.id = any(${sql.param([...s.alertIds])}::bigint[])`;

/**
 * Routes new alerts: one inbox entry for the alert's department (and its assignee, if any), and a
 * pending delivery per enabled outbound channel of that department (or of all), in the mode the
 * channel sets for the alert's severity — sent at once, queued for the daily digest, or not at all.
 * Three set-wise statements whatever the number of alerts; runs inside the caller's transaction.
 */
export async function enqueueAlertNotifications(db: Db, alerts: AlertSelection): Promise<void> {
  if ("alertIds" in alerts && alerts.alertIds.length === 0) {
    return;
  }
  const body = sql`'measured ' || round(a.measured_value::numeric, 2) || ' against threshold ' || round(a.threshold::numeric, 2)`;
  await db.execute(sql`
    insert into notifications (department, alert_id, severity, title, body, link)
    select a.department, a.id, a.severity, a.title, ${body}, '/alerts/' || a.id
    from alerts a where ${selected(alerts)}`);
  await db.execute(sql`
    insert into notifications (recipient, alert_id, severity, title, body, link)
    select a.assignee, a.id, a.severity, a.title, ${body}, '/alerts/' || a.id
    from alerts a where ${selected(alerts)} and a.assignee is not null`);
  // The channel's mode for the alert's severity (severity_modes); channels of the first release
  // (no severity_modes): min_severity filters, critical or non-digest channels are immediate.
  await db.execute(sql`
    insert into notification_deliveries (channel_id, alert_id, mode)
    select channel_id, alert_id, mode from (
      select c.id as channel_id, a.id as alert_id,
        coalesce(c.severity_modes ->> a.severity,
          case
            when array_position(array['info','warning','critical'], a.severity) < array_position(array['info','warning','critical'], c.min_severity) then 'off'
            when a.severity = 'critical' or not c.digest then 'immediate'
            else 'digest'
          end) as mode
      from alerts a
      join notification_channels c on c.enabled and (c.department is null or c.department = a.department)
      where ${selected(alerts)}
    ) routed
    where mode <> 'off'`);
}
