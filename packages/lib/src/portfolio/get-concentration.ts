import {
  CONCENTRATION_DIMENSIONS,
  type Concentration,
  type ConcentrationBreach,
  type ConcentrationDimension,
  concentrationBy,
  findConcentrationBreaches,
  type PortfolioPosition,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadPositions } from "./load-positions.ts";
import { listConcentrationLimits, type StoredConcentrationLimit } from "./portfolio-settings.ts";

export interface PortfolioConcentration {
  asOf: string;
  baseCurrency: string;
  /** Per dimension: top-1/5/10 shares, HHI and band, and the `top` largest holders. */
  dimensions: Record<ConcentrationDimension, Concentration>;
  limits: StoredConcentrationLimit[];
  breaches: ConcentrationBreach[];
}

/** Concentration of already loaded positions (shared by the view, the alert check and reports). */
export function concentrationOf(
  positions: readonly PortfolioPosition[],
  limits: readonly StoredConcentrationLimit[],
): { dimensions: Record<ConcentrationDimension, Concentration>; breaches: ConcentrationBreach[] } {
  const dimensions = Object.fromEntries(
    CONCENTRATION_DIMENSIONS.map((d) => [d, concentrationBy(positions, d)]),
  ) as Record<ConcentrationDimension, Concentration>;
  return { dimensions, breaches: findConcentrationBreaches(dimensions, limits) };
}

/**
 * Concentration of exposure as of a date (DOMAIN.md "Portfolio"): top-1/5/10 shares and HHI with
 * its band by customer, customer group (related companies under one parent), industry and region,
 * and the holders above the configured concentration limits.
 */
export async function getConcentration(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  /** Holders listed per dimension (default 20); the figures always cover everyone. */
  top?: number | undefined;
  now?: Date | undefined;
  /** Already loaded positions of this as-of (one load shared by view, concentration and EL). */
  positions?: readonly PortfolioPosition[] | undefined;
}): Promise<PortfolioConcentration> {
  const { handle, asOf, baseCurrency } = options;
  const positions =
    options.positions ?? (await loadPositions({ handle, asOf, baseCurrency, now: options.now }));
  const limits = await listConcentrationLimits(handle);
  const { dimensions, breaches } = concentrationOf(positions, limits);
  const top = options.top ?? 20;
  for (const d of CONCENTRATION_DIMENSIONS) {
    dimensions[d] = { ...dimensions[d], shares: dimensions[d].shares.slice(0, top) };
  }
  return { asOf, baseCurrency, dimensions, limits, breaches };
}
