import { z } from "zod";
import {
  exposureOf,
  keyOf,
  type PortfolioDimension,
  type PortfolioPosition,
  roundMinor,
} from "./position.ts";

/**
 * Loss given default by how the exposure is secured, in basis points of the secured amount.
 * Defaults: 45 % for unsecured trade receivables (DOMAIN.md, Basel foundation IRB senior
 * unsecured); 35 % for the part covered by collateral (F-IRB, receivables / real estate
 * collateral). Guarantees and letters of credit get no benefit by default (45 %): under Basel the
 * guarantor's PD would substitute, which CreditDesk does not hold — configure them when known.
 * The insured part loses the uninsured LGD × (1 − indemnity) (DOMAIN.md).
 */
export const lgdConfigSchema = z
  .object({
    unsecuredBps: z.number().int().min(0).max(10_000).default(4_500),
    collateralBps: z.number().int().min(0).max(10_000).default(3_500),
    guaranteeBps: z.number().int().min(0).max(10_000).default(4_500),
    /** PD used for customers never assessed; null leaves them out of EL (reported apart). */
    unassessedPd: z.number().min(0).max(1).nullable().default(null),
  })
  .strict();
export type LgdConfig = z.infer<typeof lgdConfigSchema>;
export const DEFAULT_LGD_CONFIG: LgdConfig = lgdConfigSchema.parse({});

/** How a customer's EAD splits by security, each part with its LGD (bps). */
export interface ExposureSplit {
  readonly eadMinor: number;
  readonly collateralMinor: number;
  readonly guaranteedMinor: number;
  readonly insuredMinor: number;
  readonly unsecuredMinor: number;
  /** Effective LGD of the whole EAD (fraction). */
  readonly lgd: number;
}

/**
 * Splits EAD into collateral-covered, guaranteed, insured and unsecured parts — in that order,
 * each capped by what is still uncovered, as the limits capability nets exposure
 * (core/limits `netExposure`) — and weights each part's LGD.
 * `insuredMinor` is the insurer's cover (insured limit); its loss is LGD × (1 − indemnity).
 */
export function splitExposure(
  eadMinor: number,
  security: { collateralMinor: number; guaranteesMinor: number; insuredMinor: number; indemnityBps: number },
  config: LgdConfig,
  lgdAddBps = 0,
): ExposureSplit {
  let remaining = Math.max(0, eadMinor);
  const take = (amount: number) => {
    const used = Math.min(remaining, Math.max(0, amount));
    remaining -= used;
    return used;
  };
  const collateralMinor = take(security.collateralMinor);
  const guaranteedMinor = take(security.guaranteesMinor);
  const insuredMinor = take(security.insuredMinor);
  const unsecuredMinor = remaining;
  const cap = (bps: number) => Math.min(10_000, Math.max(0, bps + lgdAddBps)) / 10_000;
  const unsecured = cap(config.unsecuredBps);
  const indemnity = Math.min(1, Math.max(0, security.indemnityBps / 10_000));
  const loss =
    collateralMinor * cap(config.collateralBps) +
    guaranteedMinor * cap(config.guaranteeBps) +
    insuredMinor * unsecured * (1 - indemnity) +
    unsecuredMinor * unsecured;
  const ead = Math.max(0, eadMinor);
  return {
    eadMinor: ead,
    collateralMinor,
    guaranteedMinor,
    insuredMinor,
    unsecuredMinor,
    lgd: ead === 0 ? unsecured : loss / ead,
  };
}

export interface PositionLoss {
  readonly customerId: number;
  readonly code: string;
  readonly name: string;
  readonly grade: string | null;
  /** Null when never assessed and no `unassessedPd` is configured (left out of EL). */
  readonly pd: number | null;
  readonly lgd: number;
  readonly eadMinor: number;
  readonly insuredMinor: number;
  /** EL = PD × LGD × EAD (DOMAIN.md), rounded once to minor units. */
  readonly elMinor: number;
}

/** Per-position overrides a stress scenario applies (PD, LGD add-on, EAD factor). */
export interface LossShock {
  readonly pd?: number;
  readonly lgdAddBps?: number;
  readonly eadFactor?: number;
}

/** EL of one position: PD (latest assessment) × LGD (by security/insurance) × EAD (gross exposure). */
export function positionLoss(p: PortfolioPosition, config: LgdConfig, shock: LossShock = {}): PositionLoss {
  const ead = roundMinor(exposureOf(p) * (shock.eadFactor ?? 1));
  const split = splitExposure(ead, p, config, shock.lgdAddBps ?? 0);
  const basePd = p.pd ?? config.unassessedPd;
  const pd = shock.pd ?? basePd;
  return {
    customerId: p.customerId,
    code: p.code,
    name: p.name,
    grade: p.grade,
    pd,
    lgd: split.lgd,
    eadMinor: split.eadMinor,
    insuredMinor: split.insuredMinor,
    elMinor: pd === null ? 0 : roundMinor(pd * split.lgd * split.eadMinor),
  };
}

export interface LossContribution {
  readonly key: string;
  readonly customers: number;
  readonly eadMinor: number;
  readonly elMinor: number;
  /** Share of the portfolio's EL (0–1). */
  readonly share: number;
  /** EL ÷ EAD. */
  readonly elRate: number;
}

export interface ExpectedLoss {
  readonly eadMinor: number;
  readonly elMinor: number;
  readonly elRate: number;
  readonly insuredMinor: number;
  /** Exposure of customers with no PD, left out of EL (no `unassessedPd` configured). */
  readonly unassessed: { readonly customers: number; readonly eadMinor: number };
  /** Largest contributors first. */
  readonly customers: readonly PositionLoss[];
  readonly byDimension: Readonly<Partial<Record<PortfolioDimension, readonly LossContribution[]>>>;
}

/** Sums position losses into totals and contributions (largest first) by each requested dimension. */
export function summariseLosses(
  positions: readonly PortfolioPosition[],
  losses: readonly PositionLoss[],
  dimensions: readonly PortfolioDimension[],
): ExpectedLoss {
  let ead = 0;
  let el = 0;
  let insured = 0;
  const unassessed = { customers: 0, eadMinor: 0 };
  for (const l of losses) {
    ead += l.eadMinor;
    el += l.elMinor;
    insured += l.insuredMinor;
    if (l.pd === null && l.eadMinor > 0) {
      unassessed.customers++;
      unassessed.eadMinor += l.eadMinor;
    }
  }
  const byDimension: Partial<Record<PortfolioDimension, LossContribution[]>> = {};
  for (const dimension of dimensions) {
    const groups = new Map<string, { customers: number; eadMinor: number; elMinor: number }>();
    positions.forEach((p, i) => {
      const l = losses[i]!;
      const key = keyOf(p, dimension);
      const g = groups.get(key) ?? { customers: 0, eadMinor: 0, elMinor: 0 };
      g.customers++;
      g.eadMinor += l.eadMinor;
      g.elMinor += l.elMinor;
      groups.set(key, g);
    });
    byDimension[dimension] = [...groups]
      .map(([key, g]) => ({
        key,
        ...g,
        share: el === 0 ? 0 : g.elMinor / el,
        elRate: g.eadMinor === 0 ? 0 : g.elMinor / g.eadMinor,
      }))
      .sort((a, b) => b.elMinor - a.elMinor || b.eadMinor - a.eadMinor || (a.key < b.key ? -1 : 1));
  }
  return {
    eadMinor: ead,
    elMinor: el,
    elRate: ead === 0 ? 0 : el / ead,
    insuredMinor: insured,
    unassessed,
    customers: [...losses]
      .filter((l) => l.eadMinor > 0)
      .sort((a, b) => b.elMinor - a.elMinor || b.eadMinor - a.eadMinor || a.customerId - b.customerId),
    byDimension,
  };
}

/** EL of the whole portfolio with contributions by customer and the given dimensions. */
export function computeExpectedLoss(
  positions: readonly PortfolioPosition[],
  config: LgdConfig = DEFAULT_LGD_CONFIG,
  dimensions: readonly PortfolioDimension[] = ["segment", "industry", "region", "grade"],
): ExpectedLoss {
  return summariseLosses(
    positions,
    positions.map((p) => positionLoss(p, config)),
    dimensions,
  );
}
