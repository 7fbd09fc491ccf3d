import {
  behaviourFromAggregates,
  chooseAltmanVariant,
  computeAltman,
  computeFinancialRatios,
  RISK_GRADES,
  type RiskGrade,
} from "@creditdesk/core/assessment";
import type { MonitoringFacts } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadAssessmentFacts, loadBehaviourAggregates } from "@creditdesk/db/assessment";
import { loadMonitoringExtras, loadMonitoringSeries } from "@creditdesk/db/monitoring";
import { toStatement } from "../assessment/to-assessment-inputs.ts";

const asGrade = (g: string | null): RiskGrade | null =>
  g !== null && (RISK_GRADES as readonly string[]).includes(g) ? (g as RiskGrade) : null;

/**
 * Everything the monitoring rules read, for the whole portfolio (or the given customers), loaded
 * set-wise: behaviour sums per DSO window (`loadBehaviourAggregates`), profiles/statements/events
 * (`loadAssessmentFacts`), the 24-month series and the last assessments/ratings/limits — a fixed
 * number of queries whatever the portfolio size.
 */
export async function loadMonitoringFacts(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  customerIds?: readonly number[];
  /** DSO windows the rules use (90 is always loaded). */
  windows?: readonly number[];
}): Promise<{ facts: Map<number, MonitoringFacts>; notes: string[] }> {
  const { handle, asOf, baseCurrency } = options;
  const ids = options.customerIds ? { customerIds: options.customerIds } : {};
  const notes: string[] = [];
  const profiles = await loadAssessmentFacts(handle.db, {
    asOf,
    baseCurrency,
    statementPeriods: 1,
    eventMonths: 36,
    ...ids,
  });
  const windows = [...new Set([90, ...(options.windows ?? [])])];
  const behaviour = new Map<number, Map<number, ReturnType<typeof behaviourFromAggregates>>>();
  for (const periodDays of windows) {
    const aggregates = await loadBehaviourAggregates(handle.db, { asOf, baseCurrency, periodDays, ...ids });
    for (const [id, a] of aggregates) {
      let m = behaviour.get(id);
      if (!m) {
        m = new Map();
        behaviour.set(id, m);
      }
      m.set(periodDays, behaviourFromAggregates(a));
    }
  }
  const series = await loadMonitoringSeries(handle.db, { asOf, baseCurrency, months: 24, ...ids });
  const { extras, limitsAvailable } = await loadMonitoringExtras(handle.db, { asOf, baseCurrency, ...ids });
  if (!limitsAvailable) {
    notes.push("limit utilisation skipped: no credit_limits table");
  }
  const facts = new Map<number, MonitoringFacts>();
  for (const [id, p] of profiles) {
    const e = extras.get(id);
    const s = series.get(id);
    const b = behaviour.get(id) ?? new Map();
    let altmanZone: MonitoringFacts["altmanZone"] = null;
    let currentRatio: number | null = null;
    const last = p.statements.at(-1);
    if (last) {
      const statement = toStatement(last);
      const variant = chooseAltmanVariant({
        ownership: p.companyType === "public_manufacturer" ? "public" : "private",
        isManufacturer: p.companyType !== "non_manufacturer",
      });
      const z = computeAltman(statement, variant);
      altmanZone = z.status === "ok" ? z.zone : null;
      const cr = computeFinancialRatios(statement).currentRatio;
      currentRatio = cr.status === "ok" ? cr.value : null;
    }
    const open = b.get(90)?.openBalanceMinor ?? 0;
    const limit = e?.limitBaseMinor ?? null;
    facts.set(id, {
      customerId: id,
      code: p.code,
      tier: p.tier,
      industry: p.industry,
      grade: asGrade(e?.latestGrade ?? null),
      behaviour: b,
      latestScore: e?.latestScore ?? null,
      previousScore: e?.previousScore ?? null,
      previousGrade: asGrade(e?.previousGrade ?? null),
      altmanZone,
      currentRatio,
      events: p.events.map((ev) => ({ type: ev.type, date: ev.date })),
      rating: e?.rating ?? null,
      previousRating: e?.previousRating ?? null,
      // A zero limit with exposure is fully used; a zero limit without exposure is not measurable.
      limitUtilisation: limit === null ? null : limit > 0 ? open / limit : open > 0 ? 1e6 : null,
      monthlyOrders: s?.orders ?? new Array<number>(24).fill(0),
      monthlyPaymentDays: s?.paymentDays ?? new Array<number | null>(24).fill(null),
    });
  }
  return { facts, notes };
}
