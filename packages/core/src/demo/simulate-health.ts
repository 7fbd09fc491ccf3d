import type { CustomerProfile } from "./build-profile.ts";
import { firstDayOfMonth, monthIndexOf } from "./calendar.ts";
import type { PortfolioContext } from "./context.ts";
import type { Prng } from "./prng.ts";
import type { DefaultKind } from "./types.ts";

/**
 * When and how a customer fails. It stops paying on `stopPayDay` (invoices whose payment would
 * fall later stay unpaid); its health has been sliding since `declineStartSim`; the default is
 * recorded on `defaultDay` — 90+ days past due, a write-off half a year later, or an insolvency
 * filing within weeks.
 */
export interface FailurePlan {
  readonly kind: DefaultKind;
  readonly stopPayDay: number;
  readonly defaultDay: number;
  readonly declineStartSim: number;
}

export interface HealthPath {
  /** Healthy level of this customer (0–1). */
  readonly baseline: number;
  /** Latent health per simulation month: 1 sound … 0 failed. */
  readonly health: Float64Array;
  readonly failure: FailurePlan | null;
}

/** The lowest health a failing customer reaches when it stops paying. */
const FAILED_HEALTH = 0.12;
/** How strongly bad times (negative shocks) raise the hazard: exp(−8 · shock). */
const SHOCK_HAZARD = 8;

function defaultDayFor(kind: DefaultKind, stopPayDay: number, rng: Prng): number {
  switch (kind) {
    case "past_due_90":
      return stopPayDay + 90 + rng.int(0, 20);
    case "write_off":
      return stopPayDay + rng.int(150, 270);
    case "insolvency":
      return stopPayDay + rng.int(20, 75);
    default: {
      const never: never = kind;
      throw new Error(`unknown default kind ${String(never)}`);
    }
  }
}

/**
 * Draws the hidden default process of one customer: a monthly hazard from its annual PD scaled by
 * the economy (macro and industry shocks), and a latent health that drifts (AR(1) noise, shocks,
 * now and then a stress episode that heals) and, for customers that will fail, slides towards
 * failure over 3–9 months before they stop paying — the lead time early warning has to use.
 */
export function simulateHealth(options: {
  ctx: PortfolioContext;
  profile: CustomerProfile;
  rng: Prng;
}): HealthPath {
  const { ctx, profile, rng } = options;
  const shock = ctx.industryShock.get(profile.industry.code);
  const shockAt = (m: number) => (ctx.macro[m] ?? 0) + (shock?.[m] ?? 0);
  const showcase = profile.showcase;

  let failure: FailurePlan | null = null;
  if (showcase) {
    if (showcase.failure) {
      const stopPayDay = ctx.asOfDay - showcase.failure.stopPayDaysBeforeAsOf;
      const stopSim = monthIndexOf(stopPayDay) - ctx.simStartMonth;
      failure = {
        kind: showcase.failure.kind,
        stopPayDay,
        defaultDay: defaultDayFor(showcase.failure.kind, stopPayDay, rng),
        declineStartSim: stopSim - showcase.failure.leadMonths,
      };
    }
  } else {
    const monthlyPd = 1 - (1 - profile.annualPd) ** (1 / 12);
    // A new customer passed a credit check when it was accepted: no failure in its first half year.
    for (let m = Math.max(ctx.windowStartSim, profile.joinSim + 6); m < ctx.simMonths; m++) {
      if (rng.float() < monthlyPd * Math.exp(-SHOCK_HAZARD * shockAt(m))) {
        const monthStart = firstDayOfMonth(ctx.simStartMonth + m);
        const stopPayDay = monthStart + rng.int(0, 27);
        const kind = rng.weighted(["past_due_90", "write_off", "insolvency"] as const, (k) =>
          k === "past_due_90" ? 60 : k === "write_off" ? 25 : 15,
        );
        failure = {
          kind,
          stopPayDay,
          defaultDay: defaultDayFor(kind, stopPayDay, rng),
          declineStartSim: m - rng.int(3, 9),
        };
        break;
      }
    }
  }

  const baseline = Math.min(0.97, Math.max(0.55, 0.82 + 0.06 * profile.quality));
  // A temporary stress episode for some customers that do not fail (false alarms).
  let episode: { start: number; months: number; depth: number } | null = null;
  if (showcase?.episode) {
    episode = {
      start: ctx.asOfSim - showcase.episode.startMonthsBeforeAsOf,
      months: showcase.episode.months,
      depth: showcase.episode.depth,
    };
  } else if (!showcase && !failure && rng.chance(0.12)) {
    episode = {
      start: rng.int(ctx.windowStartSim, ctx.asOfSim),
      months: rng.int(3, 8),
      depth: rng.uniform(0.12, 0.3),
    };
  }

  const health = new Float64Array(ctx.simMonths);
  const stopSim = failure ? monthIndexOf(failure.stopPayDay) - ctx.simStartMonth : 0;
  let noise = rng.normal(0, 0.04);
  for (let m = 0; m < ctx.simMonths; m++) {
    noise = 0.85 * noise + rng.normal(0, 0.022);
    let h = baseline + noise + 0.8 * shockAt(m);
    if (episode) {
      const t = m - episode.start;
      if (t >= 0 && t < episode.months) {
        h -= episode.depth * Math.sin((Math.PI * (t + 0.5)) / episode.months);
      }
    }
    if (failure && m >= failure.declineStartSim) {
      if (m > stopSim) {
        h = 0.06 + 0.02 * rng.float();
      } else {
        const span = Math.max(1, stopSim - failure.declineStartSim + 1);
        const r = Math.min(1, (m - failure.declineStartSim + 1) / span);
        h = h - (h - FAILED_HEALTH) * r ** 1.3;
      }
    }
    health[m] = Math.min(1, Math.max(0.02, h));
  }
  return { baseline, health, failure };
}
