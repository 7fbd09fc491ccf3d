import { queryRows } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAssessments } from "../assessment/run-assessments.ts";
import { writeDemoPortfolio } from "../demo/write-demo-portfolio.ts";
import { runMonitoring } from "./run-monitoring.ts";

/**
 * The default rules on the demo generator's portfolio (what `npm start` shows a credit manager):
 * a useful early-warning list names a minority of customers — not nine in ten — and puts only a
 * few on credit hold, while the showcase customers keep their stories (the deteriorating retailer
 * is flagged, the healthy ones are not).
 */
const AS_OF = "2025-06-30";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await writeDemoPortfolio({ handle: t, options: { seed: 42, customers: 300, years: 3, asOf: AS_OF } });
  // Two assessments, so the score and grade rules have a previous one to compare with.
  for (const asOf of ["2025-03-31", AS_OF]) {
    await runAssessments({ handle: t, asOf, baseCurrency: "CNY", trigger: "bulk", triggeredBy: "test" });
  }
}, 300_000);
afterAll(() => t.close());

const share = async (where: ReturnType<typeof sql>) => {
  const [row] = await queryRows<{ n: number; of: number }>(
    t.db,
    sql`select count(distinct a.customer_id) filter (where ${where})::int as n,
          (select count(*) from customers where status <> 'closed')::int as of
        from alerts a`,
  );
  return row!.n / row!.of;
};

describe("default rules on the demo portfolio (seed 42, 300 customers)", () => {
  it("alert a plausible minority of customers, few of them critically", async () => {
    const run = await runMonitoring({ handle: t, asOf: AS_OF, trigger: "schedule" });
    expect(run.customers).toBeGreaterThan(250);
    const alerted = await share(sql`true`);
    const warned = await share(sql`a.severity <> 'info'`);
    const critical = await share(sql`a.severity = 'critical'`);
    expect(alerted).toBeGreaterThanOrEqual(0.05);
    expect(alerted).toBeLessThanOrEqual(0.2);
    expect(warned).toBeLessThanOrEqual(alerted);
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThanOrEqual(0.04);
    // Critical alerts put customers on hold: as few holds as critical customers.
    const [holds] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(distinct customer_id)::int as n from credit_holds where released_at is null`,
    );
    expect(holds!.n / run.customers).toBeLessThanOrEqual(0.04);
  }, 120_000);

  it("still flag the deteriorating retailer and leave the healthy showcase customers alone", async () => {
    const rows = await queryRows<{ code: string; severity: string }>(
      t.db,
      sql`select c.code, a.severity from alerts a join customers c on c.id = a.customer_id
          where c.code in ('DEMO-0001', 'DEMO-0002', 'DEMO-0003', 'DEMO-0006', 'DEMO-0007')`,
    );
    const of = (code: string) => rows.filter((r) => r.code === code).map((r) => r.severity);
    expect(of("DEMO-0006").filter((s) => s !== "info").length).toBeGreaterThan(0);
    for (const healthy of ["DEMO-0001", "DEMO-0002", "DEMO-0003", "DEMO-0007"]) {
      expect(of(healthy), healthy).toEqual([]);
    }
  });
});
