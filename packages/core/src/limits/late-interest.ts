import { decimalToRational, roundHalfEven } from "../money/money.ts";

/**
 * Late-payment interest, simple interest per day (DOMAIN.md): principal × annual rate × days / 365,
 * the annual rate as an exact decimal string ("0.0485" = 4.85 %), rounded once half-even to the minor
 * unit. Zero for no days late; negative days or principal are refused.
 */
export function lateInterestMinor(options: {
  principalMinor: number;
  annualRate: string;
  days: number;
}): number {
  const { principalMinor, annualRate, days } = options;
  if (!Number.isSafeInteger(principalMinor) || principalMinor < 0) {
    throw new RangeError(`principal must be non-negative minor units, got ${principalMinor}`);
  }
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative whole number, got ${days}`);
  }
  const rate = decimalToRational(annualRate);
  if (rate.numerator < 0n) {
    throw new RangeError(`annual rate must not be negative, got ${annualRate}`);
  }
  return Number(
    roundHalfEven(BigInt(principalMinor) * rate.numerator * BigInt(days), rate.denominator * 365n),
  );
}

/** Contract rate = reference rate + margin, both decimal strings, added exactly ("0.0345" + "0.02" = "0.0545"). */
export function addRates(reference: string, margin: string): string {
  const a = decimalToRational(reference);
  const b = decimalToRational(margin);
  // bigint operands: Math.max does not take bigint.
  const den = a.denominator > b.denominator ? a.denominator : b.denominator;
  const num = a.numerator * (den / a.denominator) + b.numerator * (den / b.denominator);
  const places = den.toString().length - 1;
  const negative = num < 0n;
  const digits = (negative ? -num : num).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${negative ? "-" : ""}${whole}${places > 0 ? `.${frac}` : ""}`;
}

/** Penalty as basis points of the principal, half-even. */
export function penaltyMinor(principalMinor: number, penaltyBps: number): number {
  return Number(roundHalfEven(BigInt(principalMinor) * BigInt(penaltyBps), 10_000n));
}
