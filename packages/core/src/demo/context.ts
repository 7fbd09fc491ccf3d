import { firstDayOfMonth, monthIndexOf, toDay } from "./calendar.ts";
import { INDUSTRIES } from "./catalogues/industries.ts";
import type { DemoOptions } from "./options.ts";
import { deriveRng } from "./prng.ts";

/** Months simulated before the window opens, so the first statements and ratings have a past. */
export const PRE_WINDOW_MONTHS = 12;
/** Months simulated after as-of, so that customers about to default already look weak at as-of. */
export const POST_ASOF_MONTHS = 12;

/**
 * Portfolio-wide facts shared by every customer: the calendar window and the economy — a macro
 * cycle and one shock series per industry (in health units; negative = bad times).
 */
export interface PortfolioContext {
  readonly options: DemoOptions;
  readonly asOfDay: number;
  /** First day of the ledger window. */
  readonly windowStartDay: number;
  /** Absolute month index (months since 1970-01) of simulation month 0. */
  readonly simStartMonth: number;
  /** Simulation month of the window's first month. */
  readonly windowStartSim: number;
  /** Simulation month that contains as-of. */
  readonly asOfSim: number;
  /** Number of simulated months. */
  readonly simMonths: number;
  readonly macro: Float64Array;
  readonly industryShock: ReadonlyMap<string, Float64Array>;
  /** First day of each simulation month (one extra entry: the day after the last month). */
  readonly monthStarts: Int32Array;
}

/** Simulation month of a day, clamped to the simulated span. */
export function simMonthOf(ctx: PortfolioContext, day: number): number {
  const starts = ctx.monthStarts;
  if (day < (starts[0] ?? 0)) {
    return 0;
  }
  // Months are 28–31 days, so the estimate is off by at most one.
  let m = Math.min(ctx.simMonths - 1, Math.floor((day - (starts[0] ?? 0)) / 30.437));
  while (m > 0 && day < (starts[m] ?? 0)) {
    m--;
  }
  while (m < ctx.simMonths - 1 && day >= (starts[m + 1] ?? 0)) {
    m++;
  }
  return m;
}

export function createPortfolioContext(options: DemoOptions): PortfolioContext {
  const asOfDay = toDay(options.asOf);
  const asOfMonth = monthIndexOf(asOfDay);
  const windowStartMonth = asOfMonth - 12 * options.years + 1;
  const simStartMonth = windowStartMonth - PRE_WINDOW_MONTHS;
  const asOfSim = asOfMonth - simStartMonth;
  const simMonths = asOfSim + 1 + POST_ASOF_MONTHS;

  // Macro cycle: AR(1) noise plus one downturn of 6–12 months somewhere in the window, so that
  // defaults cluster a little in time as they do in real portfolios.
  const rng = deriveRng(options.seed, "macro");
  const macro = new Float64Array(simMonths);
  const downturnStart = PRE_WINDOW_MONTHS + rng.int(0, Math.max(0, asOfSim - PRE_WINDOW_MONTHS - 6));
  const downturnLength = rng.int(6, 12);
  let level = 0;
  for (let m = 0; m < simMonths; m++) {
    level = 0.8 * level + rng.normal(0, 0.01);
    const t = m - downturnStart;
    const downturn =
      t >= 0 && t < downturnLength ? -0.05 * Math.sin((Math.PI * (t + 0.5)) / downturnLength) : 0;
    macro[m] = level + downturn;
  }
  const industryShock = new Map<string, Float64Array>();
  for (const industry of INDUSTRIES) {
    const irng = deriveRng(options.seed, "industry", industry.code);
    const series = new Float64Array(simMonths);
    // Construction and real estate carry a slow drift downwards (the property slowdown).
    const drift = industry.code === "E" || industry.code === "K" ? -0.0015 : 0;
    let x = 0;
    for (let m = 0; m < simMonths; m++) {
      x = 0.85 * x + irng.normal(0, 0.012);
      series[m] = x + drift * Math.max(0, m - PRE_WINDOW_MONTHS);
    }
    industryShock.set(industry.code, series);
  }
  const monthStarts = new Int32Array(simMonths + 1);
  for (let m = 0; m <= simMonths; m++) {
    monthStarts[m] = firstDayOfMonth(simStartMonth + m);
  }
  return {
    monthStarts,
    options,
    asOfDay,
    windowStartDay: firstDayOfMonth(windowStartMonth),
    simStartMonth,
    windowStartSim: PRE_WINDOW_MONTHS,
    asOfSim,
    simMonths,
    macro,
    industryShock,
  };
}
