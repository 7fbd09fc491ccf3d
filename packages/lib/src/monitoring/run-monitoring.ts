import { evaluateRules, type MonitoringRule, type RuleOutcome } from "@creditdesk/core/monitoring";
import { type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { alerts, monitoringRuns } from "@creditdesk/db/monitoring";
import { eq, sql } from "drizzle-orm";
import { type DispatchConfig, dispatchNotifications } from "../notifications/dispatch-notifications.ts";
import { enqueueAlertNotifications } from "../notifications/enqueue-alert-notifications.ts";
import { pullReviewsForward } from "../reviews/pull-reviews-forward.ts";
import { placeCreditHoldsForRun } from "./credit-holds.ts";
import { loadMonitoringFacts } from "./load-monitoring-facts.ts";
import { listActiveRules } from "./rules.ts";

export const MONITORING_TRIGGERS = ["schedule", "manual", "event", "import", "api"] as const;
export type MonitoringTrigger = (typeof MONITORING_TRIGGERS)[number];

export interface RunMonitoringOptions {
  handle: DatabaseHandle;
  asOf: string;
  trigger: MonitoringTrigger;
  baseCurrency?: string;
  /** Incremental mode: only these customers; the whole portfolio when absent. */
  customerIds?: readonly number[];
  /** Who started it (recorded on holds). */
  triggeredBy?: string;
  /** Send the immediate notifications after the run commits (e-mail/webhooks); skipped when absent. */
  notify?: DispatchConfig;
  /** Domain-event cursor consumed by an event-driven run. */
  eventCursor?: number;
}

export interface RunMonitoringSummary {
  runId: number;
  asOf: string;
  customers: number;
  evaluated: number;
  breaches: number;
  alertsOpened: number;
  alertsUpdated: number;
  conditionsCleared: number;
  holdsPlaced: number;
  notes: string[];
  seconds: { load: number; evaluate: number; write: number; total: number };
}

interface LatestAlert {
  id: number;
  customer_id: number;
  rule_code: string;
  key: string;
  state: string;
  condition_active: boolean;
}

const BATCH = 1_000;

/**
 * The monitoring run: loads the portfolio's facts set-wise, evaluates every active rule and the
 * break detectors in memory, then writes alerts in one transaction with deduplication — a rule that
 * stays breached updates its open alert's last value; a resolved or dismissed alert re-opens (as a
 * new alert) only after a run saw the condition clear. New critical alerts place a credit hold;
 * new alerts are routed to the inbox and the outbound channels, and pull reviews forward.
 */
export async function runMonitoring(options: RunMonitoringOptions): Promise<RunMonitoringSummary> {
  const t0 = performance.now();
  const { handle, asOf } = options;
  const baseCurrency = options.baseCurrency ?? "CNY";
  const stored = await listActiveRules(handle);
  const rules = stored.map((s) => s.rule);
  const versions = new Map(stored.map((s) => [s.code, s.version]));
  const windows = rules.filter((r) => r.indicator === "payment_cycle_days").map((r) => r.windowDays);
  const { facts, notes } = await loadMonitoringFacts({
    handle,
    asOf,
    baseCurrency,
    windows,
    ...(options.customerIds ? { customerIds: options.customerIds } : {}),
  });
  const t1 = performance.now();
  const outcomes = evaluateRules({ rules, facts: facts.values(), asOf });
  const t2 = performance.now();
  const ruleByCode = new Map(rules.map((r) => [r.code, r]));
  const codes = new Map([...facts.values()].map((f) => [f.customerId, f.code]));

  const result = await handle.transaction(async (tx) => {
    const [run] = await tx.db
      .insert(monitoringRuns)
      .values({
        asOf,
        trigger: options.trigger,
        scope: options.customerIds ? `customers:${options.customerIds.length}` : "portfolio",
        ...(options.eventCursor !== undefined ? { eventCursor: options.eventCursor } : {}),
      })
      .returning({ id: monitoringRuns.id });
    const runId = run!.id;
    const latest = await loadLatestAlerts(tx.db, options.customerIds);
    const keyOf = (c: number, rule: string, key: string) => `${c}|${rule}|${key}`;

    const toInsert: { outcome: RuleOutcome; rule: MonitoringRule }[] = [];
    const seenOpen: { id: number; value: number }[] = [];
    const seenClosed: number[] = [];
    const cleared: number[] = [];
    let breaches = 0;
    for (const o of outcomes) {
      const prev = latest.get(keyOf(o.customerId, o.ruleCode, o.key));
      if (!o.breached) {
        if (prev?.condition_active) {
          cleared.push(prev.id);
        }
        continue;
      }
      breaches++;
      const open = prev && (prev.state === "open" || prev.state === "acknowledged");
      if (open) {
        seenOpen.push({ id: prev.id, value: o.value });
      } else if (prev?.condition_active) {
        // Resolved/dismissed while the condition persists: no new alert until it clears.
        seenClosed.push(prev.id);
      } else {
        toInsert.push({ outcome: o, rule: ruleByCode.get(o.ruleCode)! });
      }
    }

    if (seenOpen.length > 0) {
      for (let i = 0; i < seenOpen.length; i += BATCH) {
        const part = seenOpen.slice(i, i + BATCH);
        await tx.db.execute(sql`
          update alerts a set last_value = v.val, last_seen_at = now(), condition_active = true, updated_at = now()
          from (select unnest(${sql.param(part.map((p) => p.id))}::bigint[]) as id,
                       unnest(${sql.param(part.map((p) => p.value))}::float8[]) as val) v
          where a.id = v.id`);
      }
    }
    for (const ids of chunks(seenClosed)) {
      await tx.db.execute(
        sql`update alerts set last_seen_at = now() where id = any(${sql.param(ids)}::bigint[])`,
      );
    }
    for (const ids of chunks(cleared)) {
      await tx.db.execute(
        sql`update alerts set condition_active = false, cleared_at = now(), updated_at = now() where id = any(${sql.param(ids)}::bigint[])`,
      );
    }

    const created: (typeof alerts.$inferSelect)[] = [];
    for (let i = 0; i < toInsert.length; i += BATCH) {
      const rows = await tx.db
        .insert(alerts)
        .values(
          toInsert.slice(i, i + BATCH).map(({ outcome: o, rule }) => {
            const code = codes.get(o.customerId) ?? String(o.customerId);
            return {
              customerId: o.customerId,
              ruleCode: o.ruleCode,
              ruleVersion: versions.get(o.ruleCode) ?? 1,
              key: o.key,
              severity: rule.severity,
              department: rule.department,
              title: rule.name,
              measuredValue: o.value,
              threshold: o.threshold,
              baseline: o.baseline,
              lastValue: o.value,
              recommendedAction: rule.action,
              evidence: [
                { label: "credit file", href: `/customers/${encodeURIComponent(code)}/credit-file` },
                { label: "customer", href: `/customers/${encodeURIComponent(code)}` },
              ],
              asOf,
              firstRunId: runId,
            };
          }),
        )
        .returning();
      created.push(...rows);
    }

    // Critical alerts put the customer on credit hold (set-wise; one hold per alert).
    const holdsPlaced = await placeCreditHoldsForRun(
      tx.db,
      runId,
      options.triggeredBy ?? `monitoring:${options.trigger}`,
    );
    if (created.length > 0) {
      await tx.db.execute(sql`
        insert into domain_events (type, customer_id, payload)
        select 'monitoring.alert_raised', a.customer_id,
          jsonb_build_object('alertId', a.id, 'rule', a.rule_code, 'severity', a.severity)
        from alerts a where a.first_run_id = ${runId}`);
    }
    await enqueueAlertNotifications(tx.db, created);
    await pullReviewsForward(tx.db, { alerts: created, asOf });
    await tx.db
      .update(monitoringRuns)
      .set({
        status: "finished",
        customers: facts.size,
        alertsOpened: created.length,
        alertsUpdated: seenOpen.length,
        conditionsCleared: cleared.length,
        notes,
        finishedAt: sql`now()`,
      })
      .where(eq(monitoringRuns.id, runId));
    return {
      runId,
      breaches,
      opened: created.length,
      updated: seenOpen.length,
      cleared: cleared.length,
      holdsPlaced,
    };
  });
  const t3 = performance.now();
  if (options.notify) {
    try {
      await dispatchNotifications({ handle, config: options.notify, mode: "immediate" });
    } catch (error) {
      notes.push(`notification dispatch failed: ${(error as Error).message}`);
    }
  }
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    runId: result.runId,
    asOf,
    customers: facts.size,
    evaluated: outcomes.length,
    breaches: result.breaches,
    alertsOpened: result.opened,
    alertsUpdated: result.updated,
    conditionsCleared: result.cleared,
    holdsPlaced: result.holdsPlaced,
    notes,
    seconds: { load: s(t1 - t0), evaluate: s(t2 - t1), write: s(t3 - t2), total: s(performance.now() - t0) },
  };
}

/** The newest alert per customer + rule + key (any state), set-wise. */
async function loadLatestAlerts(db: Db, customerIds?: readonly number[]): Promise<Map<string, LatestAlert>> {
  const only = customerIds ? sql`where customer_id = any(${sql.param([...customerIds])}::bigint[])` : sql``;
  const list = await queryRows<LatestAlert>(
    db,
    sql`
    select distinct on (customer_id, rule_code, key) id, customer_id, rule_code, key, state, condition_active
    from alerts ${only}
    order by customer_id, rule_code, key, id desc`,
  );
  return new Map(
    list.map((r) => [`${Number(r.customer_id)}|${r.rule_code}|${r.key}`, { ...r, id: Number(r.id) }]),
  );
}

function* chunks(ids: readonly number[]): Generator<number[]> {
  for (let i = 0; i < ids.length; i += BATCH) {
    yield ids.slice(i, i + BATCH);
  }
}
