import { isoOf } from "./calendar.ts";
import { createPortfolioContext } from "./context.ts";
import { type DemoOptions, parseDemoOptions } from "./options.ts";
import { deriveRng } from "./prng.ts";
import type { DemoFxRateRow } from "./types.ts";

/** Currencies quoted against the CNY base, with a plausible level (CNY per unit) to start from. */
export const DEMO_FX_CURRENCIES: readonly (readonly [string, number])[] = [
  ["USD", 7.1],
  ["EUR", 7.8],
  ["HKD", 0.91],
  ["SGD", 5.3],
];

/**
 * Daily CNY reference rates (1 unit of the currency = rate CNY) over the window, weekdays only as
 * published fixings are: a mean-reverting random walk in the logarithm (≈ 4 % a year volatility),
 * written as exact decimals with 4 places.
 */
export function generateFxRates(options: DemoOptions): DemoFxRateRow[] {
  const ctx = createPortfolioContext(parseDemoOptions(options));
  const rows: DemoFxRateRow[] = [];
  const first = ctx.monthStarts[0] ?? ctx.windowStartDay;
  for (const [currency, level] of DEMO_FX_CURRENCIES) {
    const rng = deriveRng(ctx.options.seed, "fx", currency);
    let x = 0;
    for (let day = first; day <= ctx.asOfDay; day++) {
      x = 0.998 * x + rng.normal(0, 0.0025);
      // 1970-01-01 was a Thursday: day % 7 is 2 on Saturdays and 3 on Sundays.
      const weekday = ((day % 7) + 7) % 7;
      if (weekday === 2 || weekday === 3) {
        continue;
      }
      rows.push({
        rateDate: isoOf(day),
        fromCurrency: currency,
        toCurrency: "CNY",
        rate: (level * Math.exp(x)).toFixed(4),
        source: "demo",
      });
    }
  }
  return rows;
}
