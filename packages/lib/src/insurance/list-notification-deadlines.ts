import { type NotificationState, notificationStatus } from "@creditdesk/core/insurance";
import { loadOverdueInsuredInvoices } from "@creditdesk/db/insurance";
import type { DatabaseHandle } from "./insurance-common.ts";

/**
 * Every overdue invoice of an insured buyer with its overdue-notification deadline (due date + the
 * policy's deadline days) and its state on `asOf` (core `notificationStatus`: pending, warning,
 * missed, notified, notified_late), soonest deadline first.
 */
export async function listNotificationDeadlines(options: {
  handle: DatabaseHandle;
  asOf: string;
  customerIds?: readonly number[] | undefined;
  states?: readonly NotificationState[] | undefined;
}) {
  const rows = await loadOverdueInsuredInvoices(options.handle.db, {
    asOf: options.asOf,
    customerIds: options.customerIds,
  });
  const items = rows.map((r) => ({
    ...r,
    ...notificationStatus({
      dueOn: r.dueOn,
      asOf: options.asOf,
      notificationDeadlineDays: r.notificationDeadlineDays,
      warnDaysBefore: r.warnDaysBefore,
      notifiedOn: r.notifiedOn,
    }),
  }));
  const states = options.states;
  return items
    .filter((i) => !states || states.includes(i.state))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.invoiceId - b.invoiceId);
}
export type NotificationDeadline = Awaited<ReturnType<typeof listNotificationDeadlines>>[number];
