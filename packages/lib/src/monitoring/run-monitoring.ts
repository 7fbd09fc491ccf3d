import {
  evaluateRules,
  type MonitoringFacts,
  type MonitoringRule,
  type RuleOutcome,
} from "@creditdesk/core/monitoring";
import { csvLine, type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { monitoringRuns } from "@creditdesk/db/monitoring";
import { eq, sql } from "drizzle-orm";
import { type DispatchConfig, dispatchNotifications } from "../notifications/dispatch-notifications.ts";
import { enqueueAlertNotifications } from "../notifications/enqueue-alert-notifications.ts";
import { pullReviewsForwardForRun } from "../reviews/pull-reviews-forward.ts";
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
  /** Months after a recorded default during which a customer is not monitored (default 24; null: always). */
  recoveryMonths?: number | null;
}

export interface RunMonitoringSummary {
  runId: number;
  asOf: string;
  /** Customers evaluated. */
  customers: number;
  /** Customers left out: closed, or in recovery after a recorded default. */
  skipped: { closed: number; recovering: number };
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

/** Columns written by COPY for a new alert (the rest take their defaults). */
const ALERT_COLUMNS = [
  "id",
  "customer_id",
  "rule_code",
  "rule_version",
  "key",
  "severity",
  "department",
  "title",
  "measured_value",
  "threshold",
  "baseline",
  "last_value",
  "recommended_action",
  "evidence",
  "as_of",
  "first_run_id",
] as const;

const keyOf = (customerId: number, rule: string, key: string) => `${customerId}|${rule}|${key}`;

/**
 * The monitoring run: loads the portfolio's facts set-wise, evaluates every active rule and the
 * break detectors in memory, then writes in one transaction with deduplication — a rule that stays
 * breached updates its open alert's last value; a resolved or dismissed alert re-opens (as a new
 * alert) only after a run saw the condition clear. New alerts are written by COPY; new critical
 * alerts place a credit hold; new alerts are routed to the inbox and the outbound channels and
 * pull reviews forward — each of these one set-wise statement over the run's alerts.
 * Closed customers and customers in recovery after a recorded default are not monitored.
 */
export async function runMonitoring(options: RunMonitoringOptions): Promise<RunMonitoringSummary> {
  const t0 = performance.now();
  const { handle, asOf } = options;
  const baseCurrency = options.baseCurrency ?? "CNY";
  const stored = await listActiveRules(handle);
  const rules = stored.map((s) => s.rule);
  const versions = new Map(stored.map((s) => [s.code, s.version]));
  const eventRules = rules.filter((r) => r.enabled && r.indicator === "external_events");
  const [{ facts, notes, skipped }, before] = await Promise.all([
    loadMonitoringFacts({
      handle,
      asOf,
      baseCurrency,
      windows: rules.filter((r) => r.indicator === "payment_cycle_days").map((r) => r.windowDays),
      eventTypes: [...new Set(eventRules.flatMap((r) => r.eventTypes ?? []))],
      eventDays: Math.max(0, ...eventRules.map((r) => r.windowDays)),
      ...(options.customerIds ? { customerIds: options.customerIds } : {}),
      ...(options.recoveryMonths !== undefined ? { recoveryMonths: options.recoveryMonths } : {}),
    }),
    loadLatestAlerts(handle.db, options.customerIds),
  ]);
  const t1 = performance.now();
  // Keep what the write needs: breaches, and clear outcomes of conditions that were active
  // (a clear outcome of every other customer × rule would only cost memory).
  const active = new Set(
    [...before.values()]
      .filter((a) => a.condition_active)
      .map((a) => keyOf(a.customer_id, a.rule_code, a.key)),
  );
  const outcomes: RuleOutcome[] = [];
  let evaluated = 0;
  for (const part of batches(facts.values(), 1_000)) {
    for (const o of evaluateRules({ rules, facts: part, asOf })) {
      evaluated++;
      if (o.breached || active.has(keyOf(o.customerId, o.ruleCode, o.key))) {
        outcomes.push(o);
      }
    }
  }
  const t2 = performance.now();
  const ruleByCode = new Map(rules.map((r) => [r.code, r]));
  const codes = new Map([...facts.values()].map((f) => [f.customerId, f.code]));

  const result = await handle.transaction(async (tx) => {
    // One writer at a time: two runs deciding on the same alerts would both open one.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('creditdesk:monitoring-run'))`);
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
    // Re-read under the lock: the decisions rest on the alerts as they are now.
    const latest = await loadLatestAlerts(tx.db, options.customerIds);

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
      await tx.db.execute(sql`
        update alerts a set last_value = v.val, last_seen_at = now(), condition_active = true, updated_at = now()
        from (select unnest(${sql.param(seenOpen.map((p) => p.id))}::bigint[]) as id,
                     unnest(${sql.param(seenOpen.map((p) => p.value))}::float8[]) as val) v
        where a.id = v.id`);
    }
    if (seenClosed.length > 0) {
      await tx.db.execute(
        sql`update alerts set last_seen_at = now() where id = any(${sql.param(seenClosed)}::bigint[])`,
      );
    }
    if (cleared.length > 0) {
      await tx.db.execute(
        sql`update alerts set condition_active = false, cleared_at = now(), updated_at = now() where id = any(${sql.param(cleared)}::bigint[])`,
      );
    }

    if (toInsert.length > 0) {
      // Ids from the alerts' own sequence, so COPY can write the rows in one stream.
      const ids = await queryRows<{ id: number }>(
        tx.db,
        sql`select nextval(pg_get_serial_sequence('alerts', 'id')) as id from generate_series(1, ${toInsert.length})`,
      );
      const lines = toInsert.map(({ outcome: o, rule }, i) => {
        const code = codes.get(o.customerId) ?? String(o.customerId);
        return csvLine([
          Number(ids[i]!.id),
          o.customerId,
          o.ruleCode,
          versions.get(o.ruleCode) ?? 1,
          o.key,
          rule.severity,
          rule.department,
          rule.name,
          o.value,
          o.threshold,
          o.baseline,
          o.value,
          rule.action,
          [
            { label: "credit file", href: `/customers/${encodeURIComponent(code)}/credit-file` },
            { label: "customer", href: `/customers/${encodeURIComponent(code)}` },
          ],
          asOf,
          runId,
        ]);
      });
      await tx.copyFrom(sql`alerts (${sql.raw(ALERT_COLUMNS.join(", "))})`, chunkText(lines));
    }

    // Critical alerts put the customer on credit hold (set-wise; one hold per alert).
    const holdsPlaced = await placeCreditHoldsForRun(
      tx.db,
      runId,
      options.triggeredBy ?? `monitoring:${options.trigger}`,
    );
    if (toInsert.length > 0) {
      await tx.db.execute(sql`
        insert into domain_events (type, customer_id, payload)
        select 'monitoring.alert_raised', a.customer_id,
          jsonb_build_object('alertId', a.id, 'rule', a.rule_code, 'severity', a.severity)
        from alerts a where a.first_run_id = ${runId}`);
      await enqueueAlertNotifications(tx.db, { runId });
      await pullReviewsForwardForRun(tx.db, { runId, asOf });
    }
    await tx.db
      .update(monitoringRuns)
      .set({
        status: "finished",
        customers: facts.size,
        alertsOpened: toInsert.length,
        alertsUpdated: seenOpen.length,
        conditionsCleared: cleared.length,
        notes,
        finishedAt: sql`now()`,
      })
      .where(eq(monitoringRuns.id, runId));
    return {
      runId,
      breaches,
      opened: toInsert.length,
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
    skipped,
    evaluated,
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
    list.map((r) => [
      keyOf(Number(r.customer_id), r.rule_code, r.key),
      { ...r, id: Number(r.id), customer_id: Number(r.customer_id) },
    ]),
  );
}

function* batches(items: Iterable<MonitoringFacts>, size: number): Generator<MonitoringFacts[]> {
  let part: MonitoringFacts[] = [];
  for (const item of items) {
    part.push(item);
    if (part.length === size) {
      yield part;
      part = [];
    }
  }
  if (part.length > 0) {
    yield part;
  }
}

/** CSV lines joined into ~64 kB chunks (few, large writes to COPY). */
function* chunkText(lines: readonly string[]): Generator<string> {
  let current = "";
  for (const line of lines) {
    current += line;
    if (current.length > 65_536) {
      yield current;
      current = "";
    }
  }
  if (current) {
    yield current;
  }
}
