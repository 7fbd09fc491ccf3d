import {
  type CollectionMetrics,
  type Concentration,
  type ConcentrationBreach,
  type ConcentrationDimension,
  computeExpectedLoss,
  type ExpectedLoss,
  groupPortfolio,
  type PortfolioGroup,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadReceivablesTrend } from "@creditdesk/db/portfolio";
import { concentrationOf } from "./get-concentration.ts";
import { assembleTrend } from "./get-portfolio-view.ts";
import { loadPositions, withPortfolioWorkMem } from "./load-positions.ts";
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
}

/**
 * Everything the portfolio report shows, as of a date: totals, exposure by industry, region and
 * grade, the 12-month DSO/ADDB/CEI trend, concentration with breaches, expected loss with the
 * largest contributors, and every stored stress scenario's ΔEL. Positions are loaded once.
 */
export async function buildPortfolioReport(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  now?: Date | undefined;
}): Promise<PortfolioReport> {
  const { handle, asOf, baseCurrency } = options;
  const positions = await loadPositions({ handle, asOf, baseCurrency, now: options.now });
  const rows = await withPortfolioWorkMem(handle, (db) =>
    loadReceivablesTrend(db, {
      asOf,
      baseCurrency,
      months: 12,
      dimension: "total",
    }),
  );
  const limits = await listConcentrationLimits(handle);
  const lgd = await getLgdConfig(handle);
  const { dimensions, breaches } = concentrationOf(positions, limits);
  const el = computeExpectedLoss(positions, lgd, ["industry", "region", "grade", "segment"]);
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
  };
}
