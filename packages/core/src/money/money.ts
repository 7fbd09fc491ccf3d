/**
 * Money is an integer count of minor units (fen, cents) with an ISO 4217 currency code; it is never
 * a binary float. Amounts are JS safe integers (|x| ≤ 2^53 − 1, i.e. ±90 trillion CNY in fen), which
 * are exact; every operation that could leave the integers (FX, shares, interest) rounds once, with
 * banker's rounding, at a point named in the code.
 */
export type CurrencyCode = string;

export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

/** Minor-unit exponents of ISO 4217 currencies that differ from 2. */
export const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function currencyExponent(currency: CurrencyCode): number {
  return EXPONENT_EXCEPTIONS[currency] ?? 2;
}

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

export function assertMinorUnits(amountMinor: number, what = "amount"): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`${what} must be a whole number of minor units, got ${amountMinor}`);
  }
}

/**
 * Parses a decimal amount as written by people ("1,234.56", "1234.5", "-12", "¥1 000,00" is NOT
 * accepted — ambiguous separators are refused) into minor units, exactly, without going through a
 * float. Returns undefined with a reason when it cannot.
 */
export function parseDecimalToMinor(
  text: string,
  currency: CurrencyCode,
): { ok: true; amountMinor: number } | { ok: false; reason: string } {
  const exponent = currencyExponent(currency);
  const cleaned = text
    .trim()
    .replace(/^[¥￥$€£]/, "")
    .replace(/,/g, "")
    .replace(/\s/g, "");
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) {
    return { ok: false, reason: `'${text}' is not a decimal amount` };
  }
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    return { ok: false, reason: `'${text}' has more than ${exponent} decimal places for ${currency}` };
  }
  const digits = whole + fraction.slice(0, exponent).padEnd(exponent, "0");
  const value = Number(digits) * (sign === "-" ? -1 : 1);
  if (!Number.isSafeInteger(value)) {
    return { ok: false, reason: `'${text}' is too large` };
  }
  return { ok: true, amountMinor: value === 0 ? 0 : value };
}

/** Formats minor units as a plain decimal string ("1234.56") without float arithmetic. */
export function formatMinor(amountMinor: number, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}

/** Rounds a rational numerator/denominator (bigints) half-to-even. */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < denominator) {
    return quotient;
  }
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) {
    return away;
  }
  return quotient % 2n === 0n ? quotient : away;
}

/** Multiplies minor units by a decimal factor given as a string ("7.1234", "0.45"), rounding once. */
export function multiplyMinor(amountMinor: number, factor: string): number {
  const { numerator, denominator } = decimalToRational(factor);
  return Number(roundHalfEven(BigInt(amountMinor) * numerator, denominator));
}

/**
 * Converts between currencies with a rate quoted as "1 unit of `from` = rate units of `to`",
 * taking the two currencies' exponents into account; one rounding, half-even.
 */
export function convertMinor(
  amountMinor: number,
  from: CurrencyCode,
  to: CurrencyCode,
  rate: string,
): number {
  if (from === to) {
    return amountMinor;
  }
  const { numerator, denominator } = decimalToRational(rate);
  const shift = currencyExponent(to) - currencyExponent(from);
  const scaledNum = shift >= 0 ? numerator * 10n ** BigInt(shift) : numerator;
  const scaledDen = shift >= 0 ? denominator : denominator * 10n ** BigInt(-shift);
  return Number(roundHalfEven(BigInt(amountMinor) * scaledNum, scaledDen));
}

/** Exact rational of a decimal string, e.g. "7.125" → 7125/1000. */
export function decimalToRational(decimal: string): { numerator: bigint; denominator: bigint } {
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) {
    throw new RangeError(`'${decimal}' is not a decimal number`);
  }
  const [, sign, whole = "0", fraction = ""] = match;
  const numerator = BigInt(whole + fraction) * (sign === "-" ? -1n : 1n);
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}

/** Sums minor units, refusing to leave the safe-integer range. */
export function sumMinor(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    total += v;
  }
  assertMinorUnits(total, "sum");
  return total;
}
