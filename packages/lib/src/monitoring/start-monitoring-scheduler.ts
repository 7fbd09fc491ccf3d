import type { DatabaseHandle } from "@creditdesk/db";
import { runNightlyInsuranceCheck } from "../insurance/check-insurance.ts";
import type { DispatchConfig } from "../notifications/dispatch-notifications.ts";
import { dispatchNotifications } from "../notifications/dispatch-notifications.ts";
import { claimJobSlot, finishJobSlot } from "./job-slots.ts";
import { runMonitoring } from "./run-monitoring.ts";
import { runMonitoringForEvents } from "./run-monitoring-for-events.ts";

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/**
 * In-process scheduler for `creditdesk start`: every `tickMs` it runs the event-driven incremental
 * monitoring, and once a day after `hour` (local time) the nightly full run and the digest — each
 * guarded by a `job_runs` slot so two processes never run the same night twice. Returns a stop().
 */
export function startMonitoringScheduler(options: {
  handle: DatabaseHandle;
  baseCurrency: string;
  notify?: DispatchConfig;
  hour?: number;
  tickMs?: number;
  owner?: string;
  now?: () => Date;
  log?: (line: string) => void;
}): { stop: () => void; tick: () => Promise<void> } {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? `pid:${process.pid}`;
  const log = options.log ?? (() => {});
  let busy = false;
  const tick = async () => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const at = now();
      const asOf = localDate(at);
      await runMonitoringForEvents({
        handle: options.handle,
        asOf,
        baseCurrency: options.baseCurrency,
        ...(options.notify ? { notify: options.notify } : {}),
      });
      if (options.notify) {
        // Immediate deliveries queued by runs that did not send them (API, CLI without SMTP_URL).
        await dispatchNotifications({ handle: options.handle, config: options.notify, mode: "immediate" });
      }
      if (
        at.getHours() >= (options.hour ?? 2) &&
        (await claimJobSlot(options.handle, "monitoring.nightly", asOf, owner))
      ) {
        try {
          const summary = await runMonitoring({
            handle: options.handle,
            asOf,
            trigger: "schedule",
            baseCurrency: options.baseCurrency,
            triggeredBy: "system:scheduler",
            ...(options.notify ? { notify: options.notify } : {}),
          });
          const digest = options.notify
            ? await dispatchNotifications({ handle: options.handle, config: options.notify, mode: "digest" })
            : null;
          await finishJobSlot(options.handle, "monitoring.nightly", asOf, {
            status: "finished",
            result: { summary, digest },
          });
          log(
            `nightly monitoring ${asOf}: ${summary.alertsOpened} new alerts, ${summary.alertsUpdated} still open`,
          );
          await runNightlyInsuranceCheck(options.handle, asOf, owner, log);
        } catch (error) {
          await finishJobSlot(options.handle, "monitoring.nightly", asOf, {
            status: "failed",
            result: { error: (error as Error).message },
          });
          log(`nightly monitoring ${asOf} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(
    () => void tick().catch((e: Error) => log(`monitoring scheduler: ${e.message}`)),
    options.tickMs ?? 60_000,
  );
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
