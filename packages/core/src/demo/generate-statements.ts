import type { CustomerProfile } from "./build-profile.ts";
import { halfYearEnd, isoOf, yearEnd, yearOf } from "./calendar.ts";
import { type PortfolioContext, simMonthOf } from "./context.ts";
import type { Prng } from "./prng.ts";
import type { HealthPath } from "./simulate-health.ts";
import type { DemoStatementRow } from "./types.ts";

/** Statements become available this many days after the period end (filing / audit lag). */
export const STATEMENT_LAG_DAYS = 120;

const toMinor = (units: number) => Math.round(units * 100);

/** Mean latent health over the simulation months that end in the period. */
function periodHealth(ctx: PortfolioContext, path: HealthPath, fromDay: number, toDay: number): number {
  const a = simMonthOf(ctx, fromDay);
  const b = simMonthOf(ctx, toDay);
  let sum = 0;
  for (let m = a; m <= b; m++) {
    sum += path.health[m] ?? path.baseline;
  }
  return sum / (b - a + 1);
}

/**
 * One statement built top-down from revenue so that it always adds up: total assets from the
 * industry's asset turnover, liabilities from a leverage that rises with distress, equity as the
 * difference (assets = liabilities + equity exactly, in minor units), current items as shares, and
 * margins that shrink — and turn negative — as health falls.
 */
export function buildStatement(options: {
  profile: CustomerProfile;
  rng: Prng;
  periodEnd: number;
  periodMonths: 6 | 12;
  /** Revenue a healthy year would have had (currency units). */
  normalRevenue: number;
  /** Mean health over the period (drives the income statement). */
  health: number;
  /** Health at the period end (drives the balance sheet, a point-in-time picture). */
  closingHealth: number;
  baseline: number;
  audited: boolean;
}): DemoStatementRow {
  const { profile, rng, health: h, baseline } = options;
  const ind = profile.industry;
  const fraction = options.periodMonths / 12;
  const relative = Math.min(1.1, h / baseline);
  const distress = Math.max(0, 0.7 - h);
  const closingRelative = Math.min(1.1, options.closingHealth / baseline);
  const closingDistress = Math.max(0, 0.7 - options.closingHealth);

  const annualRevenue = options.normalRevenue * (0.55 + 0.45 * relative);
  const revenue = annualRevenue * fraction;
  const grossMargin = Math.max(0.01, ind.grossMargin * (0.6 + 0.4 * relative) + rng.normal(0, 0.01));
  const operatingMargin = ind.operatingMargin * relative ** 2 - 0.25 * distress + rng.normal(0, 0.008);

  // Assets follow the healthy business (they do not shrink as fast as sales do).
  const totalAssets = toMinor(
    (options.normalRevenue / (ind.assetTurnover * rng.uniform(0.85, 1.15))) * (0.9 + 0.1 * closingRelative),
  );
  const debtRatio = Math.min(
    1.35,
    Math.max(0.15, rng.uniform(0.35, 0.6) - 0.08 * profile.quality + 1.1 * closingDistress),
  );
  const totalLiabilities = Math.round(totalAssets * debtRatio);
  const equity = totalAssets - totalLiabilities;

  const currentAssets = Math.round(totalAssets * ind.currentAssetShare * rng.uniform(0.9, 1.1));
  let cashShare = rng.uniform(0.1, 0.22) * closingRelative ** 2;
  let receivableShare = rng.uniform(0.22, 0.32) * (1 + 0.6 * (1 - closingRelative));
  let inventoryShare = ind.inventoryShare * rng.uniform(0.85, 1.1) * (1 + 0.3 * (1 - closingRelative));
  const shareSum = cashShare + receivableShare + inventoryShare;
  if (shareSum > 0.95) {
    cashShare *= 0.95 / shareSum;
    receivableShare *= 0.95 / shareSum;
    inventoryShare *= 0.95 / shareSum;
  }
  const cash = Math.round(currentAssets * cashShare);
  const receivables = Math.round(currentAssets * receivableShare);
  const inventory = Math.round(currentAssets * inventoryShare);
  const currentLiabilities = Math.min(
    totalLiabilities,
    Math.round(totalLiabilities * Math.min(0.95, rng.uniform(0.55, 0.75) + 0.4 * closingDistress)),
  );
  const intangibleAssets = Math.round(totalAssets * rng.uniform(0.01, 0.06));

  const revenueMinor = toMinor(revenue);
  const costOfSales = Math.round(revenueMinor * (1 - grossMargin));
  const ebit = Math.round(revenueMinor * operatingMargin);
  const interestExpense = Math.round(totalLiabilities * 0.6 * rng.uniform(0.035, 0.065) * fraction);
  const preTax = ebit - interestExpense;
  const netIncome = preTax > 0 ? Math.round(preTax * 0.75) : preTax; // 25 % enterprise income tax
  const workingCapitalBuild = Math.round(revenueMinor * (rng.normal(0.02, 0.03) + 0.12 * distress));
  const operatingCashFlow = netIncome + Math.round(totalAssets * 0.03 * fraction) - workingCapitalBuild;
  // Paid-in capital is the registered capital, at most a fifth of the balance sheet; what is left of
  // equity is retained earnings (negative once losses have eaten into capital).
  const paidIn = Math.min(profile.row.registeredCapitalMinor, Math.round(totalAssets * 0.2));
  const retainedEarnings = equity - paidIn;
  const marketValueEquity =
    profile.row.companyType === "public_manufacturer"
      ? Math.round(Math.max(equity, totalAssets * 0.05) * rng.uniform(1.2, 3.5) * relative ** 2)
      : null;

  return {
    periodEnd: isoOf(options.periodEnd),
    periodMonths: options.periodMonths,
    audited: options.audited,
    currency: profile.row.defaultCurrency,
    cash,
    receivables,
    inventory,
    currentAssets,
    totalAssets,
    intangibleAssets,
    currentLiabilities,
    totalLiabilities,
    equity,
    retainedEarnings,
    revenue: revenueMinor,
    costOfSales,
    ebit,
    interestExpense,
    netIncome,
    operatingCashFlow,
    marketValueEquity,
    source: "demo",
  };
}

/**
 * Yearly statements (31 December) for every year whose statement is filed by as-of, from the year
 * before the window; half-year statements (30 June) for core customers. A failed customer files
 * nothing after it stopped paying.
 */
export function generateStatements(options: {
  ctx: PortfolioContext;
  profile: CustomerProfile;
  path: HealthPath;
  rng: Prng;
}): DemoStatementRow[] {
  const { ctx, profile, path, rng } = options;
  const rows: DemoStatementRow[] = [];
  const firstYear = yearOf(ctx.windowStartDay) - 1;
  const lastYear = yearOf(ctx.asOfDay);
  const founded = Number(profile.row.foundedOn.slice(0, 4));
  const windowYear = yearOf(ctx.windowStartDay);
  for (let year = Math.max(firstYear, founded + 1); year <= lastYear; year++) {
    const growth = Math.max(0.3, 1 + profile.growth) ** (year - windowYear);
    const periods: [number, 6 | 12][] = [];
    if (profile.row.tier === "core") {
      periods.push([halfYearEnd(year), 6]);
    }
    periods.push([yearEnd(year), 12]);
    for (const [periodEnd, months] of periods) {
      if (periodEnd + STATEMENT_LAG_DAYS > ctx.asOfDay) {
        continue;
      }
      if (path.failure && periodEnd > path.failure.stopPayDay) {
        continue;
      }
      const from = months === 12 ? periodEnd - 364 : periodEnd - 180;
      rows.push(
        buildStatement({
          profile,
          rng,
          periodEnd,
          periodMonths: months,
          normalRevenue: profile.revenueBase * growth,
          health: periodHealth(ctx, path, from, periodEnd),
          closingHealth: path.health[simMonthOf(ctx, periodEnd)] ?? path.baseline,
          baseline: path.baseline,
          audited: months === 12 && rng.chance(profile.row.tier === "core" ? 0.95 : 0.6),
        }),
      );
    }
  }
  return rows;
}
