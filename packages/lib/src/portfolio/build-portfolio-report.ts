import {
  type CollectionMetrics,
  type Concentration,
  type ConcentrationBreach,
  type ConcentrationDimension,
  computeExpectedLoss,
  type ExpectedLoss,
  groupPortfolio,
  type MigrationMatrix,
  type PortfolioGroup,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { listInsuranceClaims } from "../insurance/list-insurance-claims.ts";
import { listInsuredPositions } from "../insurance/list-insured-limits.ts";
import { listNotificationDeadlines } from "../insurance/list-notification-deadlines.ts";
import { concentrationOf } from "./get-concentration.ts";
import { getGradeMigration } from "./get-grade-migration.ts";
import { assembleTrend } from "./get-portfolio-view.ts";
import { loadPositions } from "./load-positions.ts";
import { loadTrendRows } from "./load-trend-rows.ts";
import { getLgdConfig, listConcentrationLimits } from "./portfolio-settings.ts";
import { listStressScenarios, runStressTest } from "./stress-scenarios.ts";

export interface PortfolioReport {
  asOf: string;
  baseCurrency: string;
  generatedAt: string;
  total: PortfolioGroup;
  byIndustry: PortfolioGroup[];
  byRegion: PortfolioGroup[];
  byGrade: PortfolioGroup[];
  trend: CollectionMetrics[];
  concentration: Record<ConcentrationDimension, Concentration>;
  breaches: ConcentrationBreach[];
  expectedLoss: ExpectedLoss;
  stress: {
    name: string;
    baseElMinor: number;
    stressedElMinor: number;
    deltaElMinor: number;
    limitBreaches: number;
  }[];
  /** Grade migration over the year to as-of (rows sum to the population of the first date). */
  migration: MigrationMatrix & { from: string; to: string };
  insurance: InsuranceCoverage;
}

/** Credit insurance in the report: cover by policy currency, EL with and without it, warnings, claims. */
export interface InsuranceCoverage {
  /** Per policy currency: insured buyers, limits in force, gross exposure, cover, net, excess. */
  byCurrency: {
    currency: string;
    buyers: number;
    insuredLimitMinor: number;
    exposureMinor: number;
    coverMinor: number;
    netMinor: number;
    overLimitBuyers: number;
    excessMinor: number;
  }[];
  /** Base currency: EL as computed (insured share at its indemnity) and as if nothing were insured. */
  elMinor: number;
  elUninsuredMinor: number;
  /** Buyers shipping above their insured limit, largest excess first (at most 10). */
  overLimit: {
    customerCode: string;
    customerName: string;
    policyNumber: string;
    currency: string;
    excessMinor: number;
  }[];
  /** Overdue insured invoices by notification state on as-of (warning: deadline near; missed: cover lost). */
  deadlines: Record<"pending" | "warning" | "missed" | "notified" | "notified_late", number>;
  /** Claims not yet closed (filed or under review) per currency. */
  openClaims: { currency: string; count: number; claimedMinor: number }[];
}

/** The same calendar day a year earlier (29 February → 28 February). */
function yearBefore(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

async function insuranceCoverage(options: {
  handle: DatabaseHandle;
  asOf: string;
  elMinor: number;
  elUninsuredMinor: number;
}): Promise<InsuranceCoverage> {
  const { handle, asOf } = options;
  const positions = await listInsuredPositions({ handle, asOf });
  const byCurrency = new Map<string, InsuranceCoverage["byCurrency"][number]>();
  for (const p of positions) {
    const c = byCurrency.get(p.currency) ?? {
      currency: p.currency,
      buyers: 0,
      insuredLimitMinor: 0,
      exposureMinor: 0,
      coverMinor: 0,
      netMinor: 0,
      overLimitBuyers: 0,
      excessMinor: 0,
    };
    c.buyers++;
    c.insuredLimitMinor += p.inForce?.limitMinor ?? 0;
    c.exposureMinor += p.exposureMinor;
    c.coverMinor += p.coverMinor;
    c.netMinor += p.netMinor;
    c.overLimitBuyers += p.overLimit ? 1 : 0;
    c.excessMinor += p.overLimit ? p.excessMinor : 0;
    byCurrency.set(p.currency, c);
  }
  const deadlines: InsuranceCoverage["deadlines"] = {
    pending: 0,
    warning: 0,
    missed: 0,
    notified: 0,
    notified_late: 0,
  };
  for (const d of await listNotificationDeadlines({ handle, asOf })) {
    if (d.state !== "not_overdue") {
      deadlines[d.state]++;
    }
  }
  const claims = new Map<string, { currency: string; count: number; claimedMinor: number }>();
  for (const c of await listInsuranceClaims({ handle, statuses: ["filed", "under_review"] })) {
    const x = claims.get(c.currency) ?? { currency: c.currency, count: 0, claimedMinor: 0 };
    x.count++;
    x.claimedMinor += c.claimedMinor;
    claims.set(c.currency, x);
  }
  return {
    byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    elMinor: options.elMinor,
    elUninsuredMinor: options.elUninsuredMinor,
    overLimit: positions
      .filter((p) => p.overLimit)
      .sort((a, b) => b.excessMinor - a.excessMinor || a.customerCode.localeCompare(b.customerCode))
      .slice(0, 10)
      .map((p) => ({
        customerCode: p.customerCode,
        customerName: p.customerName,
        policyNumber: p.policyNumber,
        currency: p.currency,
        excessMinor: p.excessMinor,
      })),
    deadlines,
    openClaims: [...claims.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/**
 * Everything the portfolio report shows, as of a date: totals, exposure by industry, region and
 * grade, the 12-month DSO/ADDB/CEI trend (from the month-end snapshots when they cover it),
 * concentration with breaches, expected loss with the largest contributors, the grade migration
 * over the year to as-of, every stored stress scenario's ΔEL, and the credit insurance coverage
 * (cover and excess per policy currency, EL with and without insurance, notification deadlines,
 * open claims). Positions are loaded once.
 */
export async function buildPortfolioReport(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  now?: Date | undefined;
}): Promise<PortfolioReport> {
  const { handle, asOf, baseCurrency } = options;
  const positions = await loadPositions({ handle, asOf, baseCurrency, now: options.now });
  const { rows } = await loadTrendRows({ handle, asOf, baseCurrency, months: 12, dimension: "total" });
  const limits = await listConcentrationLimits(handle);
  const lgd = await getLgdConfig(handle);
  const { dimensions, breaches } = concentrationOf(positions, limits);
  const el = computeExpectedLoss(positions, lgd, ["industry", "region", "grade", "segment"]);
  // The same portfolio with no cover: what the insurance saves in EL.
  const uninsured = computeExpectedLoss(
    positions.map((p) => ({ ...p, insuredMinor: 0, indemnityBps: 0 })),
    lgd,
    [],
  );
  const stress: PortfolioReport["stress"] = [];
  for (const s of await listStressScenarios(handle)) {
    const r = await runStressTest({ handle, asOf, baseCurrency, scenario: s.id, top: 0, now: options.now });
    stress.push({
      name: r.name,
      baseElMinor: r.baseElMinor,
      stressedElMinor: r.stressedElMinor,
      deltaElMinor: r.deltaElMinor,
      limitBreaches: r.limitBreaches.length + r.concentrationBreaches.length,
    });
  }
  const view = (d: "industry" | "region" | "grade") => groupPortfolio(positions, d);
  const industry = view("industry");
  for (const d of Object.keys(dimensions) as ConcentrationDimension[]) {
    dimensions[d] = { ...dimensions[d], shares: dimensions[d].shares.slice(0, 10) };
  }
  return {
    asOf,
    baseCurrency,
    generatedAt: new Date().toISOString(),
    total: industry.total,
    byIndustry: industry.groups,
    byRegion: view("region").groups,
    byGrade: view("grade").groups,
    trend: assembleTrend(rows, asOf, 12).total,
    concentration: dimensions,
    breaches,
    expectedLoss: { ...el, customers: el.customers.slice(0, 20) },
    stress,
    migration: await getGradeMigration({ handle, from: yearBefore(asOf), to: asOf }),
    insurance: await insuranceCoverage({
      handle,
      asOf,
      elMinor: el.elMinor,
      elUninsuredMinor: uninsured.elMinor,
    }),
  };
}
