import { customers, queryRows } from "@creditdesk/db";
import { alerts, creditHolds } from "@creditdesk/db/monitoring";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAssessments } from "../assessment/run-assessments.ts";
import { writeDemoPortfolio } from "../demo/write-demo-portfolio.ts";
import { actOnAlert, listAlerts } from "./alert-actions.ts";
import { isOnCreditHold } from "./credit-holds.ts";
import { claimJobSlot } from "./job-slots.ts";
import { listActiveRules, listRuleVersions, saveRule } from "./rules.ts";
import { runMonitoring } from "./run-monitoring.ts";
import { runMonitoringForEvents } from "./run-monitoring-for-events.ts";

const AS_OF = "2025-06-30";
let t: TestDatabase;
const idOf: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  await writeDemoPortfolio({ handle: t, options: { seed: 42, customers: 24, years: 3, asOf: AS_OF } });
  for (const c of await t.db.select({ id: customers.id, code: customers.code }).from(customers)) {
    idOf[c.code] = c.id;
  }
}, 120_000);
afterAll(() => t.close());

const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, q))[0]?.n);

describe("runMonitoring on the demo portfolio", () => {
  it("warns about the failing retailer DEMO-0004 before its default", async () => {
    const [d] = await queryRows<{ d: string }>(
      t.db,
      sql`select defaulted_on::text as d from customer_defaults where customer_id = ${idOf["DEMO-0004"]!} order by defaulted_on limit 1`,
    );
    expect(d?.d).toBeDefined();
    // Two months before the default is recorded.
    const warnOn = new Date(Date.parse(`${d!.d}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
    const run = await runMonitoring({
      handle: t,
      asOf: warnOn,
      trigger: "manual",
      customerIds: [idOf["DEMO-0004"]!],
    });
    expect(run.customers).toBe(1);
    const raised = await listAlerts(t, { customer: "DEMO-0004" });
    const rules = raised.items.map((a) => a.ruleCode);
    expect(rules.length).toBeGreaterThan(0);
    // The early-warning signals of the story: orders fall and/or payments lengthen.
    expect(
      rules.some((r) =>
        [
          "order_volume_drop",
          "order_volume_break",
          "days_beyond_terms_rising",
          "payment_days_break",
          "payment_cycle_long",
          "overdue_days_high",
        ].includes(r),
      ),
    ).toBe(true);
  }, 60_000);

  it("flags DEMO-0006 (deteriorating now) at as-of and keeps healthy DEMO-0001 free of warnings", async () => {
    await t.db.delete(alerts);
    await t.db.delete(creditHolds);
    const run = await runMonitoring({ handle: t, asOf: AS_OF, trigger: "schedule" });
    // Closed customers and those in recovery after a recorded default (DEMO-0004, DEMO-0005 by
    // as-of) are collections' business, not early warning's.
    expect(run.customers + run.skipped.closed + run.skipped.recovering).toBe(24);
    expect(run.skipped.closed + run.skipped.recovering).toBeGreaterThan(0);
    expect(await listAlerts(t, { customer: "DEMO-0005" })).toEqual({ items: [], nextCursor: null });
    expect(run.alertsOpened).toBeGreaterThan(0);
    expect(run.notes).toEqual([]);
    const six = await listAlerts(t, { customer: "DEMO-0006" });
    expect(six.items.filter((a) => a.severity !== "info").length).toBeGreaterThan(0);
    const one = await listAlerts(t, { customer: "DEMO-0001" });
    expect(one.items.filter((a) => a.severity !== "info")).toEqual([]);
  }, 60_000);

  it("does not raise duplicate alerts across runs, and updates the open one", async () => {
    const before = await count(sql`select count(*)::int as n from alerts`);
    const again = await runMonitoring({ handle: t, asOf: AS_OF, trigger: "manual" });
    expect(again.alertsOpened).toBe(0);
    expect(again.alertsUpdated).toBe(before);
    expect(await count(sql`select count(*)::int as n from alerts`)).toBe(before);
  }, 60_000);

  it("re-opens a resolved alert only after its condition cleared", async () => {
    const [a] = (await listAlerts(t, { state: ["open"] })).items;
    expect(a).toBeDefined();
    await actOnAlert({ handle: t, id: a!.id, action: { kind: "acknowledge" }, by: "u1" });
    await actOnAlert({
      handle: t,
      id: a!.id,
      action: { kind: "comment", body: "called the customer" },
      by: "u1",
    });
    const resolved = await actOnAlert({ handle: t, id: a!.id, action: { kind: "resolve" }, by: "u1" });
    expect(resolved.state).toBe("resolved");
    expect(resolved.comments.map((c) => c.body)).toEqual(["called the customer"]);
    await expect(
      actOnAlert({ handle: t, id: a!.id, action: { kind: "acknowledge" }, by: "u1" }),
    ).rejects.toThrow(/resolved/);
    const countFor = () =>
      count(
        sql`select count(*)::int as n from alerts where customer_id = ${a!.customerId} and rule_code = ${a!.ruleCode}`,
      );
    await runMonitoring({ handle: t, asOf: AS_OF, trigger: "manual" });
    expect(await countFor()).toBe(1);
    // Simulate a run that saw the condition clear; the next breach opens a new alert.
    await t.db.update(alerts).set({ conditionActive: false }).where(eq(alerts.id, a!.id));
    await runMonitoring({ handle: t, asOf: AS_OF, trigger: "manual" });
    expect(await countFor()).toBe(2);
  }, 60_000);

  it("puts customers with a critical alert on credit hold and records the event", async () => {
    const critical = await listAlerts(t, { severity: "critical" });
    expect(critical.items.length).toBeGreaterThan(0);
    const c = critical.items[0]!;
    expect(await isOnCreditHold(t.db, c.customerId)).toBe(true);
    expect(await isOnCreditHold(t.db, idOf["DEMO-0001"]!)).toBe(false);
    expect(
      await count(
        sql`select count(*)::int as n from domain_events where type = 'monitoring.credit_hold_placed' and customer_id = ${c.customerId}`,
      ),
    ).toBeGreaterThan(0);
    expect(c.evidence).toContainEqual({
      label: "credit file",
      href: `/customers/${c.customer.code}/credit-file`,
    });
  });
});

describe("rules as data", () => {
  it("installs the defaults and versions every save", async () => {
    const active = await listActiveRules(t);
    expect(active.map((r) => r.code)).toContain("payment_cycle_long");
    const base = active.find((r) => r.code === "payment_cycle_long")!.rule;
    const saved = await saveRule({
      handle: t,
      input: { ...base, threshold: { type: "absolute", value: 120 } },
      by: "u1",
    });
    expect(saved.version).toBe(2);
    const versions = await listRuleVersions(t, "payment_cycle_long");
    expect(versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it("rejects an invalid rule naming the path", async () => {
    await expect(
      saveRule({
        handle: t,
        input: { code: "x_rule", threshold: { type: "absolute", value: "high" } },
        by: "u1",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      errors: expect.arrayContaining([{ path: "threshold.value", message: expect.any(String) }]),
    });
  });
});

describe("scheduling and incremental runs", () => {
  it("lets only one process claim a nightly slot", async () => {
    const claims = await Promise.all([
      claimJobSlot(t, "monitoring.nightly", AS_OF, "a"),
      claimJobSlot(t, "monitoring.nightly", AS_OF, "b"),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("re-monitors customers whose grade changed, once", async () => {
    await runAssessments({
      handle: t,
      asOf: "2024-06-30",
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
    });
    await runAssessments({
      handle: t,
      asOf: AS_OF,
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
    });
    const changed = await count(
      sql`select count(distinct customer_id)::int as n from domain_events where type = 'assessment.grade_changed'`,
    );
    const first = await runMonitoringForEvents({ handle: t, asOf: AS_OF, baseCurrency: "CNY" });
    if (changed === 0) {
      expect(first).toBeNull();
    } else {
      expect((first?.customers ?? 0) + (first?.skipped.closed ?? 0) + (first?.skipped.recovering ?? 0)).toBe(
        changed,
      );
    }
    expect(await runMonitoringForEvents({ handle: t, asOf: AS_OF, baseCurrency: "CNY" })).toBeNull();
  }, 90_000);
});
