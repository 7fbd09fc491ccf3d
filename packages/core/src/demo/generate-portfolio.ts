import { buildProfile } from "./build-profile.ts";
import { isoOf } from "./calendar.ts";
import { createPortfolioContext, type PortfolioContext } from "./context.ts";
import { generateLedger } from "./generate-ledger.ts";
import { generateSignals } from "./generate-signals.ts";
import { generateStatements } from "./generate-statements.ts";
import { type DemoOptions, parseDemoOptions } from "./options.ts";
import { deriveRng } from "./prng.ts";
import { simulateHealth } from "./simulate-health.ts";
import type { DemoCustomerBundle } from "./types.ts";

/** All rows of customer `index` (0-based) of the portfolio described by `ctx`. */
export function generateCustomer(ctx: PortfolioContext, index: number): DemoCustomerBundle {
  const profile = buildProfile(ctx, index);
  const rng = deriveRng(ctx.options.seed, "history", index);
  const path = simulateHealth({ ctx, profile, rng });
  const ledger = generateLedger({ ctx, profile, path, rng: deriveRng(ctx.options.seed, "ledger", index) });
  const statements = generateStatements({
    ctx,
    profile,
    path,
    rng: deriveRng(ctx.options.seed, "statements", index),
  });
  const signals = generateSignals({ ctx, profile, path, rng: deriveRng(ctx.options.seed, "signals", index) });
  const failure = path.failure;
  const customer = { ...profile.row };
  if (ledger.invoices.length === 0) {
    // Never invoiced, never exposed: a failure of a customer that bought nothing is not our default.
    signals.defaults = [];
  } else if (failure && failure.defaultDay <= ctx.asOfDay) {
    customer.status =
      failure.kind === "insolvency" ? "closed" : failure.kind === "write_off" ? "inactive" : "active";
  }
  return {
    index,
    customer,
    identifiers: profile.identifiers,
    contacts: profile.contacts,
    statements,
    ...signals,
    ...ledger,
    latent: {
      firstMonth: isoOf(ctx.monthStarts[0] ?? 0),
      health: Array.from(path.health),
      defaultDay: failure ? isoOf(failure.defaultDay) : null,
      showcase: profile.showcase ? profile.showcase.story : null,
    },
  };
}

/**
 * The demo portfolio, one customer at a time (never the whole portfolio in memory). Each customer
 * depends only on the options and its own index, so the same options give identical rows and the
 * first N customers of a larger portfolio equal those of a smaller one with the same seed.
 */
export function* generatePortfolio(options: DemoOptions): Generator<DemoCustomerBundle, void, undefined> {
  const ctx = createPortfolioContext(parseDemoOptions(options));
  for (let index = 0; index < ctx.options.customers; index++) {
    yield generateCustomer(ctx, index);
  }
}
