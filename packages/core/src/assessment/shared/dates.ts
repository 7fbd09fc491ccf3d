/**
 * Calendar arithmetic on ISO dates ("YYYY-MM-DD") as whole UTC days, so results never depend on the
 * machine's time zone or on daylight-saving changes.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of an ISO date; throws on a malformed or impossible date. */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RangeError(`'${date}' is not an ISO date (YYYY-MM-DD)`);
  }
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    throw new RangeError(`'${date}' is not a calendar date`);
  }
  return ms / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** later − earlier in whole days (negative when `later` is before `earlier`). */
export function daysBetween(earlier: IsoDate, later: IsoDate): number {
  return toDayNumber(later) - toDayNumber(earlier);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months, clamping to the last day of the target month (2024-05-31 − 3 months =
 * 2024-02-29), exactly as PostgreSQL's `date - interval 'n months'` does, so the SQL bulk path and
 * this code draw the same windows.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const day = toDayNumber(date);
  const d = new Date(day * MS_PER_DAY);
  const totalMonths = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / MS_PER_DAY);
}

/** True when `date` lies in the half-open window (after, upTo] — "the last N months up to as-of". */
export function inWindow(date: IsoDate, after: IsoDate, upTo: IsoDate): boolean {
  return date > after && date <= upTo;
}

/** Whole years between two dates, as a fraction (days / 365.25). */
export function yearsBetween(earlier: IsoDate, later: IsoDate): number {
  return daysBetween(earlier, later) / 365.25;
}
