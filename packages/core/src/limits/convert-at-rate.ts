import { currencyExponent, decimalToRational, roundHalfEven } from "../money/money.ts";

/**
 * A recorded FX quote usable for one conversion: `rate` is "1 unit of `from` = rate units of `to`"
 * as stored in fx_rates. When only the opposite pair is recorded, `inverted` says so and the rate is
 * applied as a divisor — still exact rationals and ONE half-even rounding, never 1/rate as a float.
 */
export interface FxQuote {
  readonly rate: string;
  readonly inverted: boolean;
}

/** Converts minor units with a direct or inverted quote (one rounding, half-even). */
export function convertAtQuote(options: {
  amountMinor: number;
  from: string;
  to: string;
  quote: FxQuote;
}): number {
  const { amountMinor, from, to, quote } = options;
  if (from === to) {
    return amountMinor;
  }
  const r = decimalToRational(quote.rate);
  // Direct: amount × num/den. Inverted (stored as to→from): amount × den/num.
  let num = quote.inverted ? r.denominator : r.numerator;
  let den = quote.inverted ? r.numerator : r.denominator;
  const shift = currencyExponent(to) - currencyExponent(from);
  if (shift >= 0) {
    num *= 10n ** BigInt(shift);
  } else {
    den *= 10n ** BigInt(-shift);
  }
  return Number(roundHalfEven(BigInt(amountMinor) * num, den));
}
