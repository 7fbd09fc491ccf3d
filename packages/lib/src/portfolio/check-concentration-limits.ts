import {
  type ConcentrationBreach,
  exposureOf,
  keyOf,
  type PortfolioPosition,
} from "@creditdesk/core/portfolio";
import { type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { alerts } from "@creditdesk/db/monitoring";
import { sql } from "drizzle-orm";
import { enqueueAlertNotifications } from "../notifications/enqueue-alert-notifications.ts";
import { concentrationOf } from "./get-concentration.ts";
import { loadPositions } from "./load-positions.ts";
import { listConcentrationLimits } from "./portfolio-settings.ts";

/** Alert rule codes of concentration limits: `portfolio.concentration.<dimension>`. */
export const CONCENTRATION_RULE_PREFIX = "portfolio.concentration.";

export interface ConcentrationCheckSummary {
  asOf: string;
  breaches: ConcentrationBreach[];
  alertsOpened: number;
  alertsUpdated: number;
  conditionsCleared: number;
}

interface LatestAlert {
  id: number;
  rule_code: string;
  key: string;
  state: string;
  condition_active: boolean;
}

/**
 * The customer an alert about a breach is filed under (alerts belong to a customer): the customer
 * itself; for a customer group its parent (or, without one in the archive, its largest member); for
 * an industry or region its largest exposure — the first file to open when acting on it.
 */
function anchorOf(breach: ConcentrationBreach, positions: readonly PortfolioPosition[]): number | undefined {
  if (breach.dimension === "customer" || breach.dimension === "group") {
    const own = positions.find((p) => p.code === breach.key);
    if (own) {
      return own.customerId;
    }
  }
  let best: PortfolioPosition | undefined;
  for (const p of positions) {
    if (keyOf(p, breach.dimension) === breach.key && (!best || exposureOf(p) > exposureOf(best))) {
      best = p;
    }
  }
  return best?.customerId;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Checks the concentration limits as of a date and raises alerts through the monitoring
 * capability's alert table, the same way a monitoring run does: one alert per breached limit and
 * holder (rule `portfolio.concentration.<dimension>`, key `<dimension>:<holder>`); while the breach
 * persists its open alert is updated (last value), never duplicated — a resolved or dismissed one
 * re-opens only after a check saw the breach clear. New alerts go to the department's inbox.
 */
export async function checkConcentrationLimits(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  now?: Date | undefined;
}): Promise<ConcentrationCheckSummary> {
  const { handle, asOf, baseCurrency } = options;
  const positions = await loadPositions({ handle, asOf, baseCurrency, now: options.now });
  const limits = await listConcentrationLimits(handle);
  const { breaches } = concentrationOf(positions, limits);
  const limitOf = new Map(limits.map((l) => [l.dimension, l]));
  return handle.transaction(async (tx) => {
    const latest = await loadLatestConcentrationAlerts(tx.db);
    const breachedKeys = new Set<string>();
    const created: (typeof alerts.$inferSelect)[] = [];
    let updated = 0;
    for (const b of breaches) {
      const ruleCode = `${CONCENTRATION_RULE_PREFIX}${b.dimension}`;
      const key = `${b.dimension}:${b.key}`;
      breachedKeys.add(`${ruleCode}|${key}`);
      const prev = latest.get(`${ruleCode}|${key}`);
      if (prev && (prev.state === "open" || prev.state === "acknowledged")) {
        await tx.db.execute(sql`update alerts set last_value = ${b.share}, last_seen_at = now(),
          condition_active = true, updated_at = now() where id = ${prev.id}`);
        updated++;
        continue;
      }
      if (prev?.condition_active) {
        // Resolved or dismissed while the breach persists: no new alert until it clears.
        await tx.db.execute(sql`update alerts set last_seen_at = now() where id = ${prev.id}`);
        continue;
      }
      const customerId = anchorOf(b, positions);
      const limit = limitOf.get(b.dimension);
      if (customerId === undefined || !limit) {
        continue;
      }
      const [row] = await tx.db
        .insert(alerts)
        .values({
          customerId,
          ruleCode,
          ruleVersion: limit.version,
          key,
          severity: limit.severity,
          department: limit.department,
          title: `Concentration: ${b.dimension} ${b.key} holds ${pct(b.share)} of exposure (limit ${pct(b.maxShare)})`,
          measuredValue: b.share,
          threshold: b.maxShare,
          lastValue: b.share,
          recommendedAction:
            "Review the concentration: hold new credit to this holder, seek insurance or security, or raise the limit by decision",
          evidence: [
            { label: "portfolio concentration", href: `/portfolio?tab=concentration&asOf=${asOf}` },
            { label: "exposure", value: b.amountMinor },
          ],
          asOf,
        })
        .returning();
      if (row) {
        created.push(row);
      }
    }
    const cleared = [...latest.values()].filter(
      (a) => a.condition_active && !breachedKeys.has(`${a.rule_code}|${a.key}`),
    );
    if (cleared.length > 0) {
      await tx.db.execute(sql`update alerts set condition_active = false, cleared_at = now(), updated_at = now()
        where id = any(${sql.param(cleared.map((c) => c.id))}::bigint[])`);
    }
    if (created.length > 0) {
      await tx.db.execute(sql`
        insert into domain_events (type, customer_id, payload)
        select 'monitoring.alert_raised', a.customer_id,
          jsonb_build_object('alertId', a.id, 'rule', a.rule_code, 'severity', a.severity)
        from alerts a where a.id = any(${sql.param(created.map((c) => c.id))}::bigint[])`);
    }
    await enqueueAlertNotifications(tx.db, { alertIds: created.map((c) => c.id) });
    return {
      asOf,
      breaches,
      alertsOpened: created.length,
      alertsUpdated: updated,
      conditionsCleared: cleared.length,
    };
  });
}

/** The newest concentration alert per rule and key, whichever customer it is filed under. */
async function loadLatestConcentrationAlerts(db: Db): Promise<Map<string, LatestAlert>> {
  const rows = await queryRows<LatestAlert>(
    db,
    sql`select distinct on (rule_code, key) id, rule_code, key, state, condition_active
    from alerts where rule_code like ${`${CONCENTRATION_RULE_PREFIX}%`}
    order by rule_code, key, id desc`,
  );
  return new Map(rows.map((r) => [`${r.rule_code}|${r.key}`, { ...r, id: Number(r.id) }]));
}
