import {
  computeExpectedLoss,
  type ExpectedLoss,
  type LgdConfig,
  PORTFOLIO_DIMENSIONS,
  type PortfolioDimension,
  type PortfolioPosition,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadPositions } from "./load-positions.ts";
import { getLgdConfig } from "./portfolio-settings.ts";

export interface PortfolioExpectedLoss extends ExpectedLoss {
  asOf: string;
  baseCurrency: string;
  lgd: LgdConfig & { version: number };
  /** Customers listed (largest EL first); the totals always cover everyone. */
  customerCount: number;
}

/**
 * Expected loss as of a date (DOMAIN.md): EL = PD (latest assessment on or before as-of) × LGD
 * (configured by security type; the insured part — credit-insurance securities and the insured
 * limits in force under insurance policies — loses (1 − indemnity %)) × EAD (gross exposure);
 * totals and contributions by customer, credit segment, industry, region and grade.
 */
export async function getExpectedLoss(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  top?: number | undefined;
  dimensions?: readonly PortfolioDimension[] | undefined;
  /** Overrides the stored LGD configuration (what-if). */
  lgd?: LgdConfig | undefined;
  now?: Date | undefined;
  /** Already loaded positions of this as-of (one load shared by view, concentration and EL). */
  positions?: readonly PortfolioPosition[] | undefined;
}): Promise<PortfolioExpectedLoss> {
  const { handle, asOf, baseCurrency } = options;
  const stored = await getLgdConfig(handle);
  const lgd = options.lgd ? { ...options.lgd, version: stored.version } : stored;
  const positions =
    options.positions ?? (await loadPositions({ handle, asOf, baseCurrency, now: options.now }));
  const dimensions = options.dimensions ?? PORTFOLIO_DIMENSIONS.filter((d) => d !== "customer");
  const el = computeExpectedLoss(positions, lgd, dimensions);
  return {
    ...el,
    customers: el.customers.slice(0, options.top ?? 50),
    customerCount: el.customers.length,
    asOf,
    baseCurrency,
    lgd,
  };
}
