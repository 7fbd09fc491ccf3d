import { addDays, type IsoDate } from "../assessment/index.ts";

export const PROMISE_STATUSES = ["open", "kept", "broken", "cancelled"] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export interface PromiseTerms {
  /** The day the customer gave the promise: only payments received from then on count. */
  madeOn: IsoDate;
  promisedOn: IsoDate;
  /** Minor units of the promise currency. */
  promisedMinor: number;
  graceDays: number;
}

export interface PromisePayment {
  receivedOn: IsoDate;
  /** Allocated to the promised invoices, minor units of the promise currency. */
  amountMinor: number;
}

export interface PromiseEvaluation {
  status: Exclude<PromiseStatus, "cancelled">;
  /** promisedOn + grace days: the last day a payment counts. */
  deadline: IsoDate;
  /** Paid towards the promise between madeOn and min(asOf, deadline). */
  paidMinor: number;
  /** The day the promised amount was reached (kept promises). */
  keptOn: IsoDate | null;
}

/**
 * A promise to pay is kept when the payments allocated to its invoices, received from the day it
 * was made up to and including promisedOn + grace days, reach the promised amount; it is broken
 * once as-of is past that deadline without it; until then it is open (a payment may still come
 * on the deadline day itself). Payments after as-of are not known yet and do not count.
 */
export function evaluatePromise(
  terms: PromiseTerms,
  payments: readonly PromisePayment[],
  asOf: IsoDate,
): PromiseEvaluation {
  const deadline = addDays(terms.promisedOn, terms.graceDays);
  const upTo = asOf < deadline ? asOf : deadline;
  const counted = payments
    .filter((p) => p.receivedOn >= terms.madeOn && p.receivedOn <= upTo)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
  let paid = 0;
  let keptOn: IsoDate | null = null;
  for (const p of counted) {
    paid += p.amountMinor;
    if (keptOn === null && paid >= terms.promisedMinor) {
      keptOn = p.receivedOn;
    }
  }
  if (keptOn !== null) {
    return { status: "kept", deadline, paidMinor: paid, keptOn };
  }
  return { status: asOf > deadline ? "broken" : "open", deadline, paidMinor: paid, keptOn: null };
}
