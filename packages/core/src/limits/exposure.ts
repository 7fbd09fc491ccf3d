import { convertAtQuote, type FxQuote } from "./convert-at-rate.ts";
import type { CheckExposure } from "./run-credit-check.ts";

/** Exposure parts of one currency, as summed by the database, with the quote to the limit currency. */
export interface CurrencyExposure {
  readonly currency: string;
  readonly openReceivablesMinor: number;
  readonly overdueMinor: number;
  readonly undeliveredOrdersMinor: number;
  readonly undeliveredInHorizonMinor: number;
  readonly deliveredNotInvoicedMinor: number;
  readonly reservationsMinor: number;
  readonly oldestDaysPastDue: number | null;
  /** Null when no rate is recorded (and the currency differs from the limit currency). */
  readonly quote: FxQuote | null;
}

const PARTS = [
  "openReceivablesMinor",
  "overdueMinor",
  "undeliveredOrdersMinor",
  "undeliveredInHorizonMinor",
  "deliveredNotInvoicedMinor",
  "reservationsMinor",
] as const;

/**
 * Converts per-currency sums into the limit currency: each part of each currency once, at the
 * recorded rate, half-even (DOMAIN.md: conversions round once). Currencies without a rate are
 * listed in `missingFxCurrencies` and left out — callers must not approve on such a figure.
 */
export function combineExposure(
  rows: readonly CurrencyExposure[],
  limitCurrency: string,
): { exposure: CheckExposure; missingFxCurrencies: string[] } {
  const totals: Record<(typeof PARTS)[number], number> = {
    openReceivablesMinor: 0,
    overdueMinor: 0,
    undeliveredOrdersMinor: 0,
    undeliveredInHorizonMinor: 0,
    deliveredNotInvoicedMinor: 0,
    reservationsMinor: 0,
  };
  const missing: string[] = [];
  let oldest: number | null = null;
  for (const row of rows) {
    const quote: FxQuote | null = row.currency === limitCurrency ? { rate: "1", inverted: false } : row.quote;
    const nonZero = PARTS.some((p) => row[p] !== 0);
    if (!quote) {
      if (nonZero) {
        missing.push(row.currency);
      }
      continue;
    }
    for (const part of PARTS) {
      totals[part] += convertAtQuote({
        amountMinor: row[part],
        from: row.currency,
        to: limitCurrency,
        quote,
      });
    }
    if (row.oldestDaysPastDue !== null) {
      oldest = Math.max(oldest ?? 0, row.oldestDaysPastDue);
    }
  }
  return { exposure: { ...totals, oldestDaysPastDue: oldest }, missingFxCurrencies: missing.sort() };
}

export const SECURITY_TYPES = ["guarantee", "collateral", "credit_insurance", "letter_of_credit"] as const;
export type SecurityType = (typeof SECURITY_TYPES)[number];

/** A security valid on the day, already in the limit currency. */
export interface HeldSecurity {
  readonly type: SecurityType;
  readonly amountMinor: number;
  /** Credit insurance: share of a loss the insurer pays, basis points (e.g. 9,000 = 90 %). */
  readonly indemnityBps?: number | null | undefined;
}

export interface NetExposure {
  readonly grossMinor: number;
  readonly collateralMinor: number;
  readonly guaranteesMinor: number;
  readonly insuredMinor: number;
  readonly netMinor: number;
}

/**
 * Net exposure (DOMAIN.md): gross minus collateral, guarantees (incl. letters of credit) and the
 * insured share. Each deduction is capped by what is still uncovered, so net never goes below 0;
 * insurance covers min(insured limit, remaining) × indemnity, rounded half-up to the minor unit once.
 */
export function netExposure(grossMinor: number, securities: readonly HeldSecurity[]): NetExposure {
  let remaining = Math.max(0, grossMinor);
  const take = (amount: number) => {
    const used = Math.min(remaining, Math.max(0, amount));
    remaining -= used;
    return used;
  };
  const sumOf = (types: readonly SecurityType[]) =>
    securities.filter((s) => types.includes(s.type)).reduce((a, s) => a + s.amountMinor, 0);
  const collateralMinor = take(sumOf(["collateral"]));
  const guaranteesMinor = take(sumOf(["guarantee", "letter_of_credit"]));
  let insuredMinor = 0;
  for (const s of securities.filter((x) => x.type === "credit_insurance")) {
    const covered = Math.min(remaining, s.amountMinor);
    insuredMinor += take(Math.round((covered * (s.indemnityBps ?? 10_000)) / 10_000));
  }
  return { grossMinor, collateralMinor, guaranteesMinor, insuredMinor, netMinor: remaining };
}
