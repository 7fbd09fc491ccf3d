import {
  addMonths,
  behaviourFromAggregates,
  chooseAltmanVariant,
  computeAltman,
  computeFinancialRatios,
  RISK_GRADES,
  type RiskGrade,
} from "@creditdesk/core/assessment";
import type { MonitoringFacts } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  loadMonitoringExtras,
  loadMonitoringLedger,
  loadMonitoringProfiles,
} from "@creditdesk/db/monitoring";
import { sql } from "drizzle-orm";
import { toStatement } from "../assessment/to-assessment-inputs.ts";

const asGrade = (g: string | null): RiskGrade | null =>
  g !== null && (RISK_GRADES as readonly string[]).includes(g) ? (g as RiskGrade) : null;

/** Months after a recorded default during which a customer is in recovery, not early warning. */
export const DEFAULT_RECOVERY_MONTHS = 24;

export interface LoadMonitoringFactsOptions {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  customerIds?: readonly number[];
  /** DSO windows the rules use (90 is always loaded). */
  windows?: readonly number[];
  /** External event types the rules count, and their longest look-back (days). */
  eventTypes?: readonly string[];
  eventDays?: number;
  /**
   * Customers with a default recorded in the last N months are in recovery (collections), not
   * early warning, and are skipped, as are closed customers; null monitors them too.
   */
  recoveryMonths?: number | null;
}

export interface MonitoringFactsResult {
  facts: Map<number, MonitoringFacts>;
  notes: string[];
  skipped: { closed: number; recovering: number };
}

/**
 * Everything the monitoring rules read, for the whole portfolio (or the given customers), loaded
 * set-wise: the ledger in ONE statement (`loadMonitoringLedger`: behaviour sums per DSO window and
 * the 24-month series), profiles with the latest statement and the rules' events, and the last
 * assessments/ratings/limits — a fixed number of queries whatever the portfolio size, the small
 * ones running beside the big one. The big statement runs with JIT off (compiling its hundred
 * aggregate expressions costs more than it saves) and enough work_mem to aggregate per invoice in
 * memory instead of spilling to disk.
 */
export async function loadMonitoringFacts(
  options: LoadMonitoringFactsOptions,
): Promise<MonitoringFactsResult> {
  const { handle, asOf, baseCurrency } = options;
  const ids = options.customerIds ? { customerIds: options.customerIds } : {};
  const windows = [...new Set([90, ...(options.windows ?? [])])];
  const notes: string[] = [];
  const [ledger, profiles, { extras, limitsAvailable }] = await Promise.all([
    handle.transaction(async (tx) => {
      // Large portfolios only: small incremental runs plan fine with the defaults.
      if (!options.customerIds || options.customerIds.length > 1_000) {
        await tx.db.execute(sql`set local jit = off`);
        await tx.db.execute(sql`set local work_mem = '256MB'`);
      }
      return loadMonitoringLedger(tx.db, { asOf, baseCurrency, windows, months: 24, ...ids });
    }),
    loadMonitoringProfiles(handle.db, {
      asOf,
      eventTypes: options.eventTypes ?? [],
      eventDays: options.eventDays ?? 0,
      ...ids,
    }),
    loadMonitoringExtras(handle.db, { asOf, baseCurrency, ...ids }),
  ]);
  if (!limitsAvailable) {
    notes.push("limit utilisation skipped: no credit_limits table");
  }
  const recoveryMonths =
    options.recoveryMonths === undefined ? DEFAULT_RECOVERY_MONTHS : options.recoveryMonths;
  const recoverySince = recoveryMonths === null ? null : addMonths(asOf, -recoveryMonths);
  const skipped = { closed: 0, recovering: 0 };
  const facts = new Map<number, MonitoringFacts>();
  for (const [id, p] of profiles) {
    if (p.status === "closed") {
      skipped.closed++;
      continue;
    }
    if (recoverySince !== null && p.lastDefaultOn !== null && p.lastDefaultOn > recoverySince) {
      skipped.recovering++;
      continue;
    }
    const e = extras.get(id);
    const l = ledger.get(id);
    const behaviour = new Map(
      [...(l?.aggregates ?? new Map())].map(([w, a]) => [w, behaviourFromAggregates(a)] as const),
    );
    let altmanZone: MonitoringFacts["altmanZone"] = null;
    let currentRatio: number | null = null;
    if (p.statement) {
      const statement = toStatement(p.statement);
      const variant = chooseAltmanVariant({
        ownership: p.companyType === "public_manufacturer" ? "public" : "private",
        isManufacturer: p.companyType !== "non_manufacturer",
      });
      const z = computeAltman(statement, variant);
      altmanZone = z.status === "ok" ? z.zone : null;
      const cr = computeFinancialRatios(statement).currentRatio;
      currentRatio = cr.status === "ok" ? cr.value : null;
    }
    const open = behaviour.get(90)?.openBalanceMinor ?? 0;
    const limit = e?.limitBaseMinor ?? null;
    facts.set(id, {
      customerId: id,
      code: p.code,
      tier: p.tier,
      industry: p.industry,
      paymentTermsDays: p.paymentTermsDays,
      grade: asGrade(e?.latestGrade ?? null),
      behaviour,
      latestScore: e?.latestScore ?? null,
      previousScore: e?.previousScore ?? null,
      previousGrade: asGrade(e?.previousGrade ?? null),
      altmanZone,
      currentRatio,
      events: p.events,
      rating: e?.rating ?? null,
      previousRating: e?.previousRating ?? null,
      // A zero limit with exposure is fully used; a zero limit without exposure is not measurable.
      limitUtilisation: limit === null ? null : limit > 0 ? open / limit : open > 0 ? 1e6 : null,
      monthlyOrders: l?.orders ?? new Array<number>(24).fill(0),
      monthlyPaymentDays: l?.paymentDays ?? new Array<number | null>(24).fill(null),
    });
  }
  return { facts, notes, skipped };
}
