import { addMonths, toDayNumber } from "../../assessment/shared/dates.ts";

/** Last day of the month of `date`. */
export function monthEnd(date: string): string {
  toDayNumber(date);
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).toISOString().slice(0, 10);
}

/**
 * As-of dates from `from` to `to` (both inclusive) every `everyMonths` months. Each date is
 * `from` + k·everyMonths months counted from `from` itself (not chained, so month-end clamping
 * does not drift: 03-31 → 06-30 → 09-30 → 12-31); a month-end `from` gives month-ends throughout.
 */
export function asOfSchedule(options: { from: string; to: string; everyMonths: number }): string[] {
  const { from, to, everyMonths } = options;
  if (!Number.isInteger(everyMonths) || everyMonths < 1) {
    throw new RangeError(`everyMonths must be a positive integer, got ${everyMonths}`);
  }
  toDayNumber(from);
  toDayNumber(to);
  const ends = monthEnd(from) === from;
  const dates: string[] = [];
  for (let k = 0; ; k++) {
    const shifted = addMonths(from, k * everyMonths);
    const date = ends ? monthEnd(shifted) : shifted;
    if (date > to) {
      break;
    }
    dates.push(date);
  }
  return dates;
}
