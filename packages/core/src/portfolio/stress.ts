import { z } from "zod";
import {
  type ConcentrationBreach,
  type ConcentrationLimit,
  concentrationBy,
  findConcentrationBreaches,
} from "./concentration.ts";
import { type LgdConfig, type LossShock, positionLoss, summariseLosses } from "./expected-loss.ts";
import { exposureOf, type PortfolioPosition, roundMinor } from "./position.ts";

const multiplier = z.number().min(0).max(100);
const lgdAdd = z.number().int().min(-10_000).max(10_000);

/** One shock of a stress scenario (DOMAIN.md "Portfolio": stress test = EL when … default …). */
export const stressShockSchema = z.discriminatedUnion("kind", [
  /** The named customers (codes) default: PD = 1. */
  z.object({ kind: z.literal("customers_default"), customers: z.array(z.string().min(1)).min(1) }).strict(),
  /** The N largest exposures default: PD = 1. */
  z.object({ kind: z.literal("top_n_default"), n: z.number().int().min(1).max(10_000) }).strict(),
  /** An industry or region shock: PD × factor (capped at 1), LGD + add-on, optionally exposure × factor. */
  z
    .object({
      kind: z.enum(["industry_shock", "region_shock"]),
      value: z.string().min(1),
      pdMultiplier: multiplier.default(1),
      lgdAddBps: lgdAdd.default(0),
      exposureMultiplier: multiplier.default(1),
    })
    .strict(),
  /** Every PD × factor (capped at 1), optionally every LGD + add-on. */
  z.object({ kind: z.literal("pd_factor"), factor: multiplier, lgdAddBps: lgdAdd.default(0) }).strict(),
]);
export type StressShock = z.infer<typeof stressShockSchema>;

export const stressScenarioSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2_000).optional(),
    shocks: z.array(stressShockSchema).min(1).max(20),
    /** Loss appetite: the scenario "breaks" it when stressed EL exceeds this (minor units of base). */
    lossBudgetMinor: z.number().int().min(0).optional(),
  })
  .strict();
export type StressScenario = z.infer<typeof stressScenarioSchema>;

export interface StressedCustomer {
  readonly customerId: number;
  readonly code: string;
  readonly name: string;
  readonly baseElMinor: number;
  readonly stressedElMinor: number;
  readonly stressedEadMinor: number;
  readonly pd: number | null;
  readonly stressedPd: number | null;
}

export interface StressResult {
  readonly name: string;
  readonly baseElMinor: number;
  readonly stressedElMinor: number;
  readonly deltaElMinor: number;
  readonly baseEadMinor: number;
  readonly stressedEadMinor: number;
  /** Customers whose EL the scenario changed, largest change first. */
  readonly affected: readonly StressedCustomer[];
  /** Concentration limits breached on the stressed exposure (and not before). */
  readonly newConcentrationBreaches: readonly ConcentrationBreach[];
  readonly concentrationBreaches: readonly ConcentrationBreach[];
  /** Customers whose stressed exposure exceeds their credit limit. */
  readonly limitBreaches: readonly {
    customerId: number;
    code: string;
    exposureMinor: number;
    limitMinor: number;
    newlyBreached: boolean;
  }[];
  readonly lossBudgetMinor: number | null;
  readonly lossBudgetBreached: boolean;
}

/** The per-position shock of a scenario: shocks apply in order, later ones on top of earlier ones. */
export function scenarioShocks(
  positions: readonly PortfolioPosition[],
  scenario: Pick<StressScenario, "shocks">,
  config: LgdConfig,
): LossShock[] {
  const shocks: { pd?: number; lgdAddBps: number; eadFactor: number }[] = positions.map(() => ({
    lgdAddBps: 0,
    eadFactor: 1,
  }));
  const pdOf = (i: number) => shocks[i]!.pd ?? positions[i]!.pd ?? config.unassessedPd;
  const byCode = new Map(positions.map((p, i) => [p.code, i]));
  for (const shock of scenario.shocks) {
    switch (shock.kind) {
      case "customers_default":
        for (const code of shock.customers) {
          const i = byCode.get(code);
          if (i !== undefined) {
            shocks[i]!.pd = 1;
          }
        }
        break;
      case "top_n_default": {
        const order = positions
          .map((p, i) => ({ i, e: exposureOf(p) * shocks[i]!.eadFactor }))
          .filter((x) => x.e > 0)
          .sort((a, b) => b.e - a.e || positions[a.i]!.customerId - positions[b.i]!.customerId);
        for (const { i } of order.slice(0, shock.n)) {
          shocks[i]!.pd = 1;
        }
        break;
      }
      case "industry_shock":
      case "region_shock":
        positions.forEach((p, i) => {
          const value = shock.kind === "industry_shock" ? p.industry : p.region;
          if (value !== shock.value) {
            return;
          }
          const pd = pdOf(i);
          if (pd !== null) {
            shocks[i]!.pd = Math.min(1, pd * shock.pdMultiplier);
          }
          shocks[i]!.lgdAddBps += shock.lgdAddBps;
          shocks[i]!.eadFactor *= shock.exposureMultiplier;
        });
        break;
      case "pd_factor":
        positions.forEach((_, i) => {
          const pd = pdOf(i);
          if (pd !== null) {
            shocks[i]!.pd = Math.min(1, pd * shock.factor);
          }
          shocks[i]!.lgdAddBps += shock.lgdAddBps;
        });
        break;
      default: {
        const never: never = shock;
        throw new Error(`unknown shock ${JSON.stringify(never)}`);
      }
    }
  }
  return shocks.map((s) => ({
    ...(s.pd !== undefined ? { pd: s.pd } : {}),
    lgdAddBps: s.lgdAddBps,
    eadFactor: s.eadFactor,
  }));
}

/**
 * Runs a stress scenario against the portfolio: EL before and after (ΔEL), the customers it
 * affects, and which limits would break on the stressed figures — concentration limits, customers'
 * credit limits (exposure above limit), the scenario's loss budget.
 */
export function runStressScenario(options: {
  positions: readonly PortfolioPosition[];
  scenario: StressScenario;
  lgd: LgdConfig;
  concentrationLimits: readonly ConcentrationLimit[];
}): StressResult {
  const { positions, scenario, lgd } = options;
  const base = positions.map((p) => positionLoss(p, lgd));
  const shocks = scenarioShocks(positions, scenario, lgd);
  const stressed = positions.map((p, i) => positionLoss(p, lgd, shocks[i]!));
  const baseSum = summariseLosses(positions, base, []);
  const stressedSum = summariseLosses(positions, stressed, []);
  const affected: StressedCustomer[] = [];
  positions.forEach((p, i) => {
    const b = base[i]!;
    const s = stressed[i]!;
    if (b.elMinor !== s.elMinor || b.eadMinor !== s.eadMinor) {
      affected.push({
        customerId: p.customerId,
        code: p.code,
        name: p.name,
        baseElMinor: b.elMinor,
        stressedElMinor: s.elMinor,
        stressedEadMinor: s.eadMinor,
        pd: b.pd,
        stressedPd: s.pd,
      });
    }
  });
  affected.sort(
    (a, b) =>
      b.stressedElMinor - b.baseElMinor - (a.stressedElMinor - a.baseElMinor) || a.customerId - b.customerId,
  );

  const eadById = new Map(positions.map((p, i) => [p.customerId, stressed[i]!.eadMinor]));
  const stressedAmount = (p: PortfolioPosition) => eadById.get(p.customerId) ?? 0;
  const dims = ["customer", "group", "industry", "region"] as const;
  const before = findConcentrationBreaches(
    Object.fromEntries(dims.map((d) => [d, concentrationBy(positions, d)])),
    options.concentrationLimits,
  );
  const after = findConcentrationBreaches(
    Object.fromEntries(dims.map((d) => [d, concentrationBy(positions, d, stressedAmount)])),
    options.concentrationLimits,
  );
  const seen = new Set(before.map((b) => `${b.dimension}|${b.key}`));
  const limitBreaches = positions.flatMap((p, i) => {
    const exposure = stressed[i]!.eadMinor;
    if (p.limitMinor === null || exposure <= p.limitMinor) {
      return [];
    }
    return [
      {
        customerId: p.customerId,
        code: p.code,
        exposureMinor: exposure,
        limitMinor: p.limitMinor,
        newlyBreached: roundMinor(exposureOf(p)) <= p.limitMinor,
      },
    ];
  });
  limitBreaches.sort((a, b) => b.exposureMinor - b.limitMinor - (a.exposureMinor - a.limitMinor));
  const budget = scenario.lossBudgetMinor ?? null;
  return {
    name: scenario.name,
    baseElMinor: baseSum.elMinor,
    stressedElMinor: stressedSum.elMinor,
    deltaElMinor: stressedSum.elMinor - baseSum.elMinor,
    baseEadMinor: baseSum.eadMinor,
    stressedEadMinor: stressedSum.eadMinor,
    affected,
    concentrationBreaches: after,
    newConcentrationBreaches: after.filter((b) => !seen.has(`${b.dimension}|${b.key}`)),
    limitBreaches,
    lossBudgetMinor: budget,
    lossBudgetBreached: budget !== null && stressedSum.elMinor > budget,
  };
}
