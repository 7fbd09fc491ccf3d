/**
 * Whole-day calendar arithmetic for the generator. Dates are day numbers (days since 1970-01-01,
 * UTC) while generating and ISO strings ("YYYY-MM-DD") in the rows; conversion is memoised because
 * a large portfolio formats tens of millions of dates over a window of a few thousand days.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDay(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) {
    throw new RangeError(`'${iso}' is not an ISO date (YYYY-MM-DD)`);
  }
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    throw new RangeError(`'${iso}' is not a calendar date`);
  }
  return ms / MS_PER_DAY;
}

const isoCache = new Map<number, string>();

/** "YYYY-MM-DD" of a day number. */
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 20_000) {
      isoCache.set(day, iso);
    }
  }
  return iso;
}

/** Day number of the first day of month `monthIndex` (months since January 1970). */
export function firstDayOfMonth(monthIndex: number): number {
  const year = Math.floor(monthIndex / 12);
  return Date.UTC(year, monthIndex - year * 12, 1) / MS_PER_DAY;
}

/** Months since January 1970 of a day number. */
export function monthIndexOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Number of days in month `monthIndex`. */
export function daysInMonth(monthIndex: number): number {
  return firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex);
}

/** Day number of 31 December / 30 June of `year`. */
export function yearEnd(year: number): number {
  return Date.UTC(year, 11, 31) / MS_PER_DAY;
}
export function halfYearEnd(year: number): number {
  return Date.UTC(year, 5, 30) / MS_PER_DAY;
}
