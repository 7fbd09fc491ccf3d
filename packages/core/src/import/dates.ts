/**
 * Dates as ERP exports write them: 2025-01-31, 2025/1/31, 2025年1月31日, 20250131, 31.01.2025,
 * 31/01/2025 or 01/31/2025, and Excel serial day numbers. Year-first dates are never ambiguous;
 * day/month order of the others is stated (--date-format) or detected per column, and never
 * guessed: a column whose values all fit both orders is reported as ambiguous.
 */
export const DATE_ORDERS = ["YMD", "DMY", "MDY"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface DateFormat {
  /** Day/month order for dates that do not start with the year (null: detect). */
  readonly order: DateOrder | null;
  /** Read 5-digit numbers in text cells as Excel serial days (numeric XLSX cells always are). */
  readonly excelSerials: boolean;
}

export const DETECT_DATES: DateFormat = { order: null, excelSerials: false };

/**
 * Parses a --date-format value: a pattern such as "DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD"
 * (separators are free, only the order of DD, MM and YYYY counts), or "excel"/"serial".
 */
export function parseDateFormatOption(
  option: string,
): { ok: true; format: DateFormat } | { ok: false; reason: string } {
  const o = option.trim().toUpperCase();
  if (o === "EXCEL" || o === "SERIAL") {
    return { ok: true, format: { order: null, excelSerials: true } };
  }
  const parts = o.match(/Y+|M+|D+/g) ?? [];
  const key = parts.map((p) => p.charAt(0)).join("");
  if ((DATE_ORDERS as readonly string[]).includes(key)) {
    return { ok: true, format: { order: key as DateOrder, excelSerials: false } };
  }
  return {
    ok: false,
    reason: `date format '${option}' is not understood; use e.g. YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or excel`,
  };
}

/** Displays an order as the pattern the user would type. */
export function describeOrder(order: DateOrder): string {
  switch (order) {
    case "YMD":
      return "YYYY-MM-DD";
    case "DMY":
      return "DD/MM/YYYY";
    case "MDY":
      return "MM/DD/YYYY";
    default: {
      const never: never = order;
      return never;
    }
  }
}

type DateShape =
  | { kind: "ymd"; y: number; m: number; d: number }
  | { kind: "xxy"; a: number; b: number; y: number }
  | { kind: "serial"; n: number }
  | { kind: "none" };

const YMD =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const XXY = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?:\s\d{1,2}:\d{2}(?::\d{2})?)?$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

function shapeOf(text: string): DateShape {
  const t = text.normalize("NFKC").trim();
  let m = YMD.exec(t) ?? COMPACT.exec(t);
  if (m) {
    return { kind: "ymd", y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  }
  m = XXY.exec(t);
  if (m) {
    return { kind: "xxy", a: Number(m[1]), b: Number(m[2]), y: Number(m[3]) };
  }
  if (SERIAL.test(t)) {
    return { kind: "serial", n: Number(t) };
  }
  return { kind: "none" };
}

/** ISO "YYYY-MM-DD" if the calendar date exists (proleptic Gregorian, years 1000–9999). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) {
    return null;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  if (d > days) {
    return null;
  }
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Excel serial day (1900 date system) → ISO date. Excel counts 1900-02-29, which never existed,
 * so from serial 61 on the epoch is 1899-12-30 (the Lotus 1-2-3 compatibility bug).
 */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > 2958465) {
    return null;
  }
  const epochDays = day >= 61 ? day - 25569 : day - 25568;
  const ms = epochDays * 86_400_000;
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** What one column's values say about day/month order. */
export type OrderDetection =
  | { status: "resolved"; order: "DMY" | "MDY"; evidence: string }
  | { status: "not_needed" }
  | { status: "ambiguous"; example: string }
  | { status: "conflict"; dmyExample: string; mdyExample: string };

/**
 * Detects the day/month order of a column from the values seen: a first number above 12 proves
 * DD/MM, a second one above 12 proves MM/DD; both proofs in one column is a conflict; values that
 * read differently either way with no proof are ambiguous (e.g. 03/04/2025 alone).
 */
export function detectDateOrder(values: Iterable<string>): OrderDetection {
  let dmy: string | null = null;
  let mdy: string | null = null;
  let ambiguous: string | null = null;
  for (const v of values) {
    const s = shapeOf(v);
    if (s.kind !== "xxy") {
      continue;
    }
    if (s.a > 12 && s.b <= 12) {
      dmy ??= v;
    } else if (s.b > 12 && s.a <= 12) {
      mdy ??= v;
    } else if (s.a !== s.b) {
      ambiguous ??= v;
    }
  }
  if (dmy !== null && mdy !== null) {
    return { status: "conflict", dmyExample: dmy, mdyExample: mdy };
  }
  if (dmy !== null) {
    return { status: "resolved", order: "DMY", evidence: dmy };
  }
  if (mdy !== null) {
    return { status: "resolved", order: "MDY", evidence: mdy };
  }
  return ambiguous !== null ? { status: "ambiguous", example: ambiguous } : { status: "not_needed" };
}

/** A cell as readers deliver it: text (CSV, XLSX strings), numbers and Dates (XLSX typed cells). */
export type CellValue = string | number | boolean | Date | null | undefined;

export type DateResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Parses one date cell. `order` is the stated or detected day/month order of the column
 * (null: none known, then only self-evident values are accepted).
 */
export function parseDateCell(cell: CellValue, format: DateFormat, order: DateOrder | null): DateResult {
  if (cell instanceof Date) {
    // exceljs gives date cells as UTC midnight of the calendar date.
    const iso = Number.isNaN(cell.getTime())
      ? null
      : isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return iso ? { ok: true, value: iso } : { ok: false, reason: "is not a valid date" };
  }
  if (typeof cell === "number") {
    // 20250131 typed into a numeric cell is a compact date, not a serial.
    if (Number.isInteger(cell) && cell >= 10000101 && cell <= 99991231) {
      return parseDateCell(String(cell), format, order);
    }
    const iso = excelSerialToIso(cell);
    return iso
      ? { ok: true, value: iso }
      : { ok: false, reason: `number ${cell} is not an Excel date serial` };
  }
  const text = String(cell ?? "");
  const s = shapeOf(text);
  switch (s.kind) {
    case "ymd": {
      const iso = isoDate(s.y, s.m, s.d);
      return iso ? { ok: true, value: iso } : { ok: false, reason: "is not a calendar date" };
    }
    case "xxy": {
      if (format.order === "YMD") {
        return { ok: false, reason: "does not match the stated date format YYYY-MM-DD" };
      }
      const effective = format.order ?? order;
      if (effective === null || effective === "YMD") {
        if (s.a === s.b) {
          return isoOrReason(s.y, s.a, s.b);
        }
        if (s.a > 12 && s.b <= 12) {
          return isoOrReason(s.y, s.b, s.a);
        }
        if (s.b > 12 && s.a <= 12) {
          return isoOrReason(s.y, s.a, s.b);
        }
        if (s.a > 12 && s.b > 12) {
          return { ok: false, reason: "is not a calendar date" };
        }
        return {
          ok: false,
          reason: `is ambiguous (day/month order unknown); pass --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
        };
      }
      const r = effective === "DMY" ? isoOrReason(s.y, s.b, s.a) : isoOrReason(s.y, s.a, s.b);
      if (!r.ok && format.order === null) {
        return {
          ok: false,
          reason: `does not fit the date format ${describeOrder(effective)} detected for this column; pass --date-format`,
        };
      }
      return r;
    }
    case "serial": {
      if (!format.excelSerials) {
        return {
          ok: false,
          reason:
            "looks like an Excel serial day number; pass --date-format excel to read such numbers as dates",
        };
      }
      const iso = excelSerialToIso(s.n);
      return iso ? { ok: true, value: iso } : { ok: false, reason: "is not an Excel date serial" };
    }
    case "none":
      return {
        ok: false,
        reason: "is not a date (expected e.g. 2025-01-31, 2025/1/31, 2025年1月31日, 31.01.2025)",
      };
    default: {
      const never: never = s;
      return never;
    }
  }
}

function isoOrReason(y: number, m: number, d: number): DateResult {
  const iso = isoDate(y, m, d);
  return iso ? { ok: true, value: iso } : { ok: false, reason: "is not a calendar date" };
}
