import { addDays, daysBetween, type IsoDate } from "../assessment/shared/dates.ts";

/**
 * Where an overdue invoice stands against the policy's overdue-notification deadline:
 * - `not_overdue`: not yet past its due date;
 * - `pending`: overdue, deadline still more than `warnDaysBefore` days away;
 * - `warning`: inside the warning window (from deadline − warnDaysBefore through the deadline day);
 * - `missed`: the deadline passed without a notification — the insurer no longer covers it;
 * - `notified`: a notification naming the invoice was filed on or before the deadline;
 * - `notified_late`: filed, but after the deadline (cover already lost).
 */
export const NOTIFICATION_STATES = [
  "not_overdue",
  "pending",
  "warning",
  "missed",
  "notified",
  "notified_late",
] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export interface NotificationStatus {
  readonly state: NotificationState;
  /** due date + notificationDeadlineDays: the last day a notification keeps the cover. */
  readonly deadline: IsoDate;
  /** First day of the warning window. */
  readonly warnFrom: IsoDate;
  /** deadline − asOf (negative once missed). */
  readonly daysLeft: number;
}

/**
 * The notification deadline of an overdue invoice (credit-insurance practice: the insured must
 * report a buyer's non-payment within a set number of days after the original due date — the
 * "maximum extension period"/"notification of overdue account" clause), and its state on `asOf`.
 * The deadline day itself is still in time.
 */
export function notificationStatus(options: {
  dueOn: IsoDate;
  asOf: IsoDate;
  notificationDeadlineDays: number;
  warnDaysBefore: number;
  notifiedOn?: IsoDate | null | undefined;
}): NotificationStatus {
  const deadline = addDays(options.dueOn, options.notificationDeadlineDays);
  const warnFrom = addDays(deadline, -options.warnDaysBefore);
  const daysLeft = daysBetween(options.asOf, deadline);
  const base = { deadline, warnFrom, daysLeft };
  if (options.notifiedOn && options.notifiedOn <= options.asOf) {
    return { ...base, state: options.notifiedOn <= deadline ? "notified" : "notified_late" };
  }
  if (options.asOf <= options.dueOn) {
    return { ...base, state: "not_overdue" };
  }
  if (options.asOf > deadline) {
    return { ...base, state: "missed" };
  }
  return { ...base, state: options.asOf >= warnFrom ? "warning" : "pending" };
}
