import { currencyExponent } from "@creditdesk/core/money";
import { type Db, queryRows } from "@creditdesk/db";
import { alerts } from "@creditdesk/db/monitoring";
import { sql } from "drizzle-orm";
import { claimJobSlot, finishJobSlot } from "../monitoring/job-slots.ts";
import { enqueueAlertNotifications } from "../notifications/enqueue-alert-notifications.ts";
import type { DatabaseHandle } from "./insurance-common.ts";
import { listInsuredPositions } from "./list-insured-limits.ts";
import { listNotificationDeadlines } from "./list-notification-deadlines.ts";

/**
 * The alerts the insurance check raises (through the monitoring capability's `alerts` table, with
 * its one-open-alert-per-customer+rule+key deduplication). Not rows of `monitoring_rules`: their
 * thresholds are the policy terms themselves (deadline days, warning days, insured limits).
 */
export const INSURANCE_ALERT_RULES = {
  insurance_notification_deadline: {
    severity: "warning",
    department: "finance",
    action: "File the overdue notification with the insurer before the deadline, or the cover is lost.",
  },
  insurance_cover_lost: {
    severity: "critical",
    department: "finance",
    action:
      "The notification deadline passed: the insurer no longer covers this invoice. Escalate collection.",
  },
  insurance_over_limit: {
    severity: "warning",
    department: "credit",
    action: "Exposure exceeds the insured limit: stop shipping above it or request a higher insured limit.",
  },
} as const;
export type InsuranceAlertRule = keyof typeof INSURANCE_ALERT_RULES;
const RULE_CODES = Object.keys(INSURANCE_ALERT_RULES) as InsuranceAlertRule[];

interface Breach {
  customerId: number;
  customerCode: string;
  rule: InsuranceAlertRule;
  key: string;
  title: string;
  value: number;
  threshold: number;
}

export interface InsuranceCheckSummary {
  asOf: string;
  deadlineWarnings: number;
  coverLost: number;
  overLimit: number;
  alertsOpened: number;
  alertsUpdated: number;
  conditionsCleared: number;
}

const major = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency);

/**
 * The insurance check (nightly with the monitoring scheduler, or `creditdesk insurance check`):
 * - per overdue invoice of an insured buyer, a warning from `warnDaysBefore` days before its
 *   notification deadline through the deadline day, and a cover-lost alert once it passed
 *   unnotified (core `notificationStatus`);
 * - per buyer and policy, an alert while the exposure exceeds the insured limit in force.
 * Alerts are written like the monitoring run writes them: a condition that persists updates its
 * open alert (no duplicate across runs), a resolved alert re-opens only after the condition
 * cleared, and a condition no longer seen is marked cleared. New alerts go to the inbox/channels.
 */
export async function checkInsurance(options: {
  handle: DatabaseHandle;
  asOf: string;
  customerIds?: readonly number[] | undefined;
}): Promise<InsuranceCheckSummary> {
  const { handle, asOf } = options;
  const deadlines = await listNotificationDeadlines({
    handle,
    asOf,
    customerIds: options.customerIds,
    states: ["warning", "missed"],
  });
  const positions = await listInsuredPositions({ handle, asOf, customerIds: options.customerIds });
  const breaches: Breach[] = [];
  for (const d of deadlines) {
    const warning = d.state === "warning";
    breaches.push({
      customerId: d.customerId,
      customerCode: d.customerCode,
      rule: warning ? "insurance_notification_deadline" : "insurance_cover_lost",
      key: `${d.policyNumber}:${d.invoiceNumber}`,
      title: warning
        ? `Notify insurer by ${d.deadline}: invoice ${d.invoiceNumber} (policy ${d.policyNumber})`
        : `Insurance cover lost: invoice ${d.invoiceNumber} not notified by ${d.deadline} (policy ${d.policyNumber})`,
      value: d.daysLeft,
      threshold: warning ? d.warnDaysBefore : 0,
    });
  }
  for (const p of positions.filter((x) => x.overLimit)) {
    breaches.push({
      customerId: p.customerId,
      customerCode: p.customerCode,
      rule: "insurance_over_limit",
      key: p.policyNumber,
      title: `Exposure above insured limit (policy ${p.policyNumber}, ${p.currency})`,
      value: major(p.exposureMinor, p.currency),
      threshold: major(p.inForce?.limitMinor ?? 0, p.currency),
    });
  }

  const written = await handle.transaction(async (tx) => {
    const latest = await loadLatestInsuranceAlerts(tx.db, options.customerIds);
    const keyOf = (c: number, rule: string, key: string) => `${c}|${rule}|${key}`;
    const breachedKeys = new Set(breaches.map((b) => keyOf(b.customerId, b.rule, b.key)));
    const toInsert: Breach[] = [];
    const seenOpen: { id: number; value: number }[] = [];
    for (const b of breaches) {
      const prev = latest.get(keyOf(b.customerId, b.rule, b.key));
      if (prev && (prev.state === "open" || prev.state === "acknowledged")) {
        seenOpen.push({ id: prev.id, value: b.value });
      } else if (!prev?.conditionActive) {
        toInsert.push(b);
      }
      // Resolved or dismissed while the condition persists: no new alert until it clears.
    }
    const cleared = [...latest.entries()]
      .filter(([k, a]) => a.conditionActive && !breachedKeys.has(k))
      .map(([, a]) => a.id);
    for (const s of seenOpen) {
      await tx.db.execute(sql`update alerts set last_value = ${s.value}, last_seen_at = now(),
        condition_active = true, updated_at = now() where id = ${s.id}`);
    }
    if (cleared.length > 0) {
      await tx.db.execute(sql`update alerts set condition_active = false, cleared_at = now(), updated_at = now()
        where id = any(${sql.param(cleared)}::bigint[])`);
    }
    const created =
      toInsert.length === 0
        ? []
        : await tx.db
            .insert(alerts)
            .values(
              toInsert.map((b) => {
                const rule = INSURANCE_ALERT_RULES[b.rule];
                return {
                  customerId: b.customerId,
                  ruleCode: b.rule,
                  ruleVersion: 1,
                  key: b.key,
                  severity: rule.severity,
                  department: rule.department,
                  title: b.title,
                  measuredValue: b.value,
                  threshold: b.threshold,
                  lastValue: b.value,
                  recommendedAction: rule.action,
                  evidence: [
                    { label: "insurance", href: "/insurance" },
                    {
                      label: "credit file",
                      href: `/customers/${encodeURIComponent(b.customerCode)}/credit-file`,
                    },
                  ],
                  asOf,
                };
              }),
            )
            .returning();
    if (created.length > 0) {
      await tx.db.execute(sql`
        insert into domain_events (type, customer_id, payload)
        select 'monitoring.alert_raised', a.customer_id,
          jsonb_build_object('alertId', a.id, 'rule', a.rule_code, 'severity', a.severity)
        from alerts a where a.id = any(${sql.param(created.map((a) => a.id))}::bigint[])`);
    }
    await enqueueAlertNotifications(tx.db, { alertIds: created.map((a) => a.id) });
    return { opened: created.length, updated: seenOpen.length, cleared: cleared.length };
  });
  return {
    asOf,
    deadlineWarnings: breaches.filter((b) => b.rule === "insurance_notification_deadline").length,
    coverLost: breaches.filter((b) => b.rule === "insurance_cover_lost").length,
    overLimit: breaches.filter((b) => b.rule === "insurance_over_limit").length,
    alertsOpened: written.opened,
    alertsUpdated: written.updated,
    conditionsCleared: written.cleared,
  };
}

/** The newest insurance alert per customer + rule + key (any state). */
async function loadLatestInsuranceAlerts(db: Db, customerIds?: readonly number[]) {
  const only = customerIds ? sql`and customer_id = any(${sql.param([...customerIds])}::bigint[])` : sql``;
  const rows = await queryRows<{
    id: number;
    customerId: number;
    ruleCode: string;
    key: string;
    state: string;
    conditionActive: boolean;
  }>(
    db,
    sql`select distinct on (customer_id, rule_code, key) id, customer_id as "customerId", rule_code as "ruleCode",
        key, state, condition_active as "conditionActive"
      from alerts where rule_code = any(${sql.param(RULE_CODES)}::text[]) ${only}
      order by customer_id, rule_code, key, id desc`,
  );
  return new Map(
    rows.map((r) => [`${Number(r.customerId)}|${r.ruleCode}|${r.key}`, { ...r, id: Number(r.id) }]),
  );
}

/**
 * The insurance check of one night, run by the monitoring scheduler after its nightly run, guarded
 * by its own `job_runs` slot ("insurance.nightly", as-of) so two processes never run it twice.
 */
export async function runNightlyInsuranceCheck(
  handle: DatabaseHandle,
  asOf: string,
  owner: string,
  log: (line: string) => void,
): Promise<void> {
  if (!(await claimJobSlot(handle, "insurance.nightly", asOf, owner))) {
    return;
  }
  try {
    const summary = await checkInsurance({ handle, asOf });
    await finishJobSlot(handle, "insurance.nightly", asOf, { status: "finished", result: summary });
    log(
      `nightly insurance check ${asOf}: ${summary.deadlineWarnings} deadline warnings, ${summary.coverLost} cover lost, ${summary.overLimit} over insured limit`,
    );
  } catch (error) {
    await finishJobSlot(handle, "insurance.nightly", asOf, {
      status: "failed",
      result: { error: (error as Error).message },
    });
    log(`nightly insurance check ${asOf} failed: ${(error as Error).message}`);
  }
}
