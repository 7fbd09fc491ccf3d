/**
 * Money display from integer minor units. No float maths: the minor-unit integer is turned into an
 * exact decimal string (e.g. 123456 CNY → "1234.56") and that string is handed to
 * Intl.NumberFormat, which formats decimal strings exactly (ECMA-402 Intl.NumberFormat v3).
 */

const digitsCache = new Map<string, number>();

/** Number of minor-unit digits of an ISO 4217 currency (CNY 2, JPY 0, KWD 3), per Intl. */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) {
    return cached;
  }
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // Unknown code: keep 2, the most common exponent.
  }
  digitsCache.set(currency, digits);
  return digits;
}

/** Exact decimal string of a minor-unit amount: (-12345, 2) → "-123.45". */
export function minorToDecimalString(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`not a safe integer amount of minor units: ${minor}`);
  }
  const negative = minor < 0;
  const abs = String(Math.abs(minor));
  if (digits === 0) {
    return `${negative ? "-" : ""}${abs}`;
  }
  const padded = abs.padStart(digits + 1, "0");
  const units = padded.slice(0, padded.length - digits);
  const fraction = padded.slice(padded.length - digits);
  return `${negative ? "-" : ""}${units}.${fraction}`;
}

export interface FormatMoneyOptions {
  minor: number;
  currency: string;
  locale: string;
  /** "compact" shows 1.2万 / 12K style figures for charts and tiles. */
  notation?: "standard" | "compact";
}

/** Formats integer minor units as a localized currency amount ("¥1,234.56", "CN¥1,234.56"). */
export function formatMoney({ minor, currency, locale, notation = "standard" }: FormatMoneyOptions): string {
  const digits = currencyDigits(currency);
  const decimal = minorToDecimalString(minor, digits);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation,
    ...(notation === "compact" ? { maximumFractionDigits: 1 } : {}),
  });
  // A decimal string is formatted exactly; the cast is needed because lib.dom still types
  // format() as number | bigint.
  return format.format(decimal as unknown as number);
}

/**
 * Parses a decimal amount typed by a user ("12,500.5", "12500") into integer minor units of
 * `currency`, exactly (string digits, no float arithmetic). Null when it is not a positive-or-zero
 * amount with at most the currency's decimals, or beyond the safe integer range.
 */
export function parseAmountToMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = text.trim().replace(/[,\s_，]/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) {
    return null;
  }
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    return null;
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}
