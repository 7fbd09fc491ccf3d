/**
 * Shapes of the portfolio risk API (apps/server/src/portfolio, see `/openapi.json`) and small pure
 * helpers of the page.
 */
export const GROUP_BY = [
  "industry",
  "region",
  "tier",
  "salesOwner",
  "segment",
  "grade",
  "group",
  "customer",
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface Metrics {
  monthEnd: string;
  closingArMinor: number;
  creditSalesMinor: number;
  dso: number | null;
  bestDso: number | null;
  addb: number | null;
  cei: number | null;
}
export interface PortfolioGroup {
  key: string;
  customers: number;
  exposureMinor: number;
  overdueMinor: number;
  limitMinor: number;
  utilisation: number | null;
  overLimit: number;
  grades: Record<string, number>;
  trend?: Metrics[];
}
export interface PortfolioView {
  asOf: string;
  baseCurrency: string;
  total: PortfolioGroup & { trend: Metrics[] };
  groups: PortfolioGroup[];
  groupCount: number;
}
export interface Concentration {
  totalMinor: number;
  count: number;
  top1Share: number;
  top5Share: number;
  top10Share: number;
  hhi: number;
  band: "unconcentrated" | "moderate" | "high";
  shares: { key: string; amountMinor: number; share: number }[];
}
export interface Breach {
  dimension: string;
  key: string;
  amountMinor: number;
  share: number;
  maxShare: number;
}
export interface PortfolioConcentration {
  asOf: string;
  baseCurrency: string;
  dimensions: Record<"customer" | "group" | "industry" | "region", Concentration>;
  breaches: Breach[];
}
export interface ExpectedLoss {
  baseCurrency: string;
  eadMinor: number;
  elMinor: number;
  elRate: number;
  insuredMinor: number;
  unassessed: { customers: number; eadMinor: number };
  customers: {
    customerId: number;
    code: string;
    name: string;
    grade: string | null;
    pd: number | null;
    lgd: number;
    eadMinor: number;
    elMinor: number;
  }[];
  byDimension: Record<string, { key: string; elMinor: number; eadMinor: number; share: number }[]>;
  /** The LGD configuration these figures were computed with. */
  lgd: LgdConfig;
}

/** The LGD configuration (GET /portfolio/lgd, server `lgdSchema`): LGD in basis points by security. */
export interface LgdConfig {
  unsecuredBps: number;
  collateralBps: number;
  guaranteeBps: number;
  /** PD used for customers never assessed; null leaves them out of EL. */
  unassessedPd: number | null;
  version: number;
}

/** The LGD dialog's fields: every LGD in percent; the unassessed PD in percent, empty for none. */
export interface LgdValues {
  unsecuredPercent: number;
  collateralPercent: number;
  guaranteePercent: number;
  unassessedPdPercent?: number | null;
}

/** The form names of the PUT body's fields, for the server's field problems. */
export const LGD_PROBLEM_FIELDS = {
  unsecuredBps: "unsecuredPercent",
  collateralBps: "collateralPercent",
  guaranteeBps: "guaranteePercent",
  unassessedPd: "unassessedPdPercent",
} as const satisfies Record<keyof Omit<LgdConfig, "version">, keyof LgdValues>;

// Percent ↔ basis points / fraction without binary float residue (45.55 × 100 = 4554.999…).
const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Whether a percentage has at most two decimals, i.e. is a whole number of basis points. */
export function isWholeBps(percent: number): boolean {
  return Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6;
}

/** The stored configuration as the dialog shows it (4,500 bps → 45 %; PD 0.02 → 2 %). */
export function lgdToValues(config: LgdConfig): LgdValues {
  return {
    unsecuredPercent: config.unsecuredBps / 100,
    collateralPercent: config.collateralBps / 100,
    guaranteePercent: config.guaranteeBps / 100,
    unassessedPdPercent: config.unassessedPd === null ? null : roundTo(config.unassessedPd * 100, 8),
  };
}

/** The PUT /portfolio/lgd body of the dialog's values: integer basis points; an empty PD is null. */
export function lgdFromValues(values: LgdValues): Omit<LgdConfig, "version"> {
  const pd = values.unassessedPdPercent;
  return {
    unsecuredBps: Math.round(values.unsecuredPercent * 100),
    collateralBps: Math.round(values.collateralPercent * 100),
    guaranteeBps: Math.round(values.guaranteePercent * 100),
    unassessedPd: pd === null || pd === undefined ? null : roundTo(pd / 100, 10),
  };
}
export interface Migration {
  rows: string[];
  columns: string[];
  counts: number[][];
  rowTotals: number[];
  population: number;
  downgraded: number;
  upgraded: number;
}
export interface StoredScenario {
  id: number;
  scenario: { name: string; shocks: { kind: string }[] };
}
export interface StressResult {
  baseCurrency: string;
  baseElMinor: number;
  stressedElMinor: number;
  deltaElMinor: number;
  affectedCount: number;
  newConcentrationBreaches: Breach[];
  limitBreaches: { customerId: number; code: string; exposureMinor: number; limitMinor: number }[];
  lossBudgetBreached: boolean;
}

/** Colour of an HHI band tag (DOMAIN.md: < 1,000 unconcentrated, ≤ 1,800 moderate, above high). */
export function bandColour(band: Concentration["band"]): string {
  switch (band) {
    case "unconcentrated":
      return "green";
    case "moderate":
      return "orange";
    case "high":
      return "red";
  }
}

/** The migration matrix as table rows (one per first-date state, cells keyed by column). */
export function migrationRows(m: Migration): Record<string, string | number>[] {
  return m.rows.map((row, i) => ({
    row,
    ...Object.fromEntries(m.columns.map((c, j) => [c, m.counts[i]?.[j] ?? 0])),
    total: m.rowTotals[i] ?? 0,
  }));
}

/** One grade of a PD back-test (GET /portfolio/backtest). */
export interface BacktestRow {
  grade: string;
  obligors: number;
  predictedPd: number;
  expectedDefaults: number;
  defaults: number;
  observedRate: number;
  pValue: number;
  result: "pass" | "fail";
}

export interface Backtest {
  start: string;
  horizonMonths: number;
  alpha: number;
  rows: BacktestRow[];
  total: BacktestRow;
}
