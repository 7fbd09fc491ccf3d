import type { BehaviourAggregates } from "@creditdesk/core/assessment";
import { loadBehaviourAggregates } from "@creditdesk/db/assessment";
import { loadMonitoringLedger } from "@creditdesk/db/monitoring";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoPortfolio } from "../demo/write-demo-portfolio.ts";

/**
 * The monitoring run's one-pass ledger statement must compute the same behaviour sums as the
 * assessment's `loadBehaviourAggregates` (the definitions of core's behaviour metrics), for every
 * customer and every DSO window, and its monthly series must add up to the same order volumes.
 */
const AS_OF = "2025-06-30";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await writeDemoPortfolio({ handle: t, options: { seed: 7, customers: 30, years: 3, asOf: AS_OF } });
}, 120_000);
afterAll(() => t.close());

/** Every number of the aggregates, by path, for a tolerant comparison (float8 vs numeric sums). */
function numbers(a: BehaviourAggregates, prefix = ""): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    if (typeof v === "number") {
      out[prefix + k] = v;
    } else if (v && typeof v === "object") {
      Object.assign(out, numbers(v as BehaviourAggregates, `${prefix}${k}.`));
    }
  }
  return out;
}

describe("loadMonitoringLedger", () => {
  it.each([[[90]], [[90, 180]]])("equals the assessment's behaviour sums for windows %j", async (windows) => {
    const ledger = await loadMonitoringLedger(t.db, { asOf: AS_OF, baseCurrency: "CNY", windows });
    expect(ledger.size).toBe(30);
    for (const w of windows) {
      const reference = await loadBehaviourAggregates(t.db, {
        asOf: AS_OF,
        baseCurrency: "CNY",
        periodDays: w,
      });
      for (const [id, expected] of reference) {
        const got = numbers(ledger.get(id)!.aggregates.get(w)!);
        for (const [path, value] of Object.entries(numbers(expected))) {
          expect(got[path], `customer ${id} window ${w} ${path}`).toBeCloseTo(value, 3);
        }
      }
    }
  });

  it("gives monthly order series that add up to the 3-month and trailing order volumes", async () => {
    const ledger = await loadMonitoringLedger(t.db, { asOf: AS_OF, baseCurrency: "CNY" });
    let customersWithOrders = 0;
    for (const l of ledger.values()) {
      const a = l.aggregates.get(90)!;
      expect(l.orders).toHaveLength(24);
      expect(l.paymentDays).toHaveLength(24);
      const sum = (from: number, to: number) => l.orders.slice(from, to).reduce((x, y) => x + y, 0);
      expect(sum(21, 24)).toBeCloseTo(a.orderVolume3mMinor, 3);
      expect(sum(9, 21)).toBeCloseTo(a.orderTrailing12mMinor, 3);
      customersWithOrders += a.orderVolume3mMinor > 0 ? 1 : 0;
      for (const d of l.paymentDays) {
        expect(d === null || (Number.isFinite(d) && d >= 0)).toBe(true);
      }
    }
    expect(customersWithOrders).toBeGreaterThan(10);
  });
});
