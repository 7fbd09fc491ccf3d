import {
  assessments,
  creditAccounts,
  creditLimits,
  creditSecurities,
  customerDefaults,
  customers,
  fxRates,
  insurancePolicies,
  insuredLimits,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConcentrationLimits } from "./check-concentration-limits.ts";
import { getConcentration } from "./get-concentration.ts";
import { getExpectedLoss } from "./get-expected-loss.ts";
import { getGradeMigration } from "./get-grade-migration.ts";
import { getPortfolioView } from "./get-portfolio-view.ts";
import { setConcentrationLimit, setLgdConfig } from "./portfolio-settings.ts";
import { runPdBacktest } from "./run-pd-backtest.ts";
import { runStressTest, saveStressScenario } from "./stress-scenarios.ts";

let t: TestDatabase;
const AS_OF = "2025-06-30";
const base = { asOf: AS_OF, baseCurrency: "CNY" } as const;
const ids: Record<string, number> = {};

function assessment(customerId: number, asOf: string, grade: string, pd: number) {
  return {
    customerId,
    asOf,
    scorecardVersion: "test",
    score: 650,
    pd,
    grade,
    reasons: [],
    policy: {},
    result: {},
    inputs: {},
    trigger: "manual",
    triggeredBy: "test",
  };
}

// Portfolio as of 2025-06-30 (CNY base, USD at 7.2 on 2025-06-28):
// A (industry M, East, parent —): open 60,000.00 CNY (invoice 100,000.00 less 40,000.00 paid),
//   undelivered 10,000.00, delivered-not-invoiced 5,000.00 → exposure 75,000.00; limit 70,000.00.
// B (industry M, East, parent A): open 100.01 USD → 720.07 CNY (720.072 half-even); insured limit
//   50,000.00 at 90 % under a policy.
// C (industry C, West): open 20,000.00 CNY, 45 days overdue; collateral 5,000.00.
// D (industry C, —): nothing open; never assessed.
beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(customers)
    .values([
      { code: "A", legalName: "甲", industry: "M", region: "East", tier: "core", salesOwner: "li" },
      { code: "B", legalName: "乙", industry: "M", region: "East", parentCode: "A", salesOwner: "li" },
      { code: "C", legalName: "丙", industry: "C", region: "West", salesOwner: "wang" },
      { code: "D", legalName: "丁", industry: "C" },
    ])
    .returning();
  for (const r of rows) {
    ids[r.code] = r.id;
  }
  await t.db.insert(fxRates).values([
    { rateDate: "2025-06-28", fromCurrency: "USD", toCurrency: "CNY", rate: "7.2000000000" },
    { rateDate: "2025-07-15", fromCurrency: "USD", toCurrency: "CNY", rate: "9.0000000000" },
  ]);
  const inv = await t.db
    .insert(invoices)
    .values([
      {
        invoiceNumber: "A1",
        customerId: ids.A!,
        issuedOn: "2025-06-10",
        dueOn: "2025-07-10",
        currency: "CNY",
        amountMinor: 10_000_000,
      },
      {
        invoiceNumber: "B1",
        customerId: ids.B!,
        issuedOn: "2025-06-15",
        dueOn: "2025-07-15",
        currency: "USD",
        amountMinor: 10_001,
      },
      {
        invoiceNumber: "C1",
        customerId: ids.C!,
        issuedOn: "2025-04-16",
        dueOn: "2025-05-16",
        currency: "CNY",
        amountMinor: 2_000_000,
      },
      // Issued after as-of: not part of the view.
      {
        invoiceNumber: "C2",
        customerId: ids.C!,
        issuedOn: "2025-07-02",
        dueOn: "2025-08-01",
        currency: "CNY",
        amountMinor: 9_900_000,
      },
    ])
    .returning();
  const [p] = await t.db
    .insert(payments)
    .values({
      reference: "PA",
      customerId: ids.A!,
      receivedOn: "2025-06-20",
      currency: "CNY",
      amountMinor: 4_000_000,
    })
    .returning();
  await t.db
    .insert(paymentAllocations)
    .values({ paymentId: p!.id, invoiceId: inv[0]!.id, amountMinor: 4_000_000 });
  await t.db.insert(salesOrders).values({
    orderNumber: "SO-A",
    customerId: ids.A!,
    orderedOn: "2025-06-01",
    currency: "CNY",
    orderedMinor: 3_000_000,
    deliveredMinor: 2_000_000,
    invoicedMinor: 1_500_000,
    status: "partially_delivered",
  });
  const [acc] = await t.db
    .insert(creditAccounts)
    .values({ customerId: ids.A!, segment: "default" })
    .returning();
  await t.db.insert(creditLimits).values({
    accountId: acc!.id,
    customerId: ids.A!,
    currency: "CNY",
    amountMinor: 7_000_000,
    validFrom: "2025-01-01",
    createdBy: "test",
    createdAt: new Date("2025-01-01T00:00:00Z"),
  });
  await t.db.insert(creditSecurities).values({
    customerId: ids.C!,
    type: "collateral",
    reference: "COL-C",
    currency: "CNY",
    amountMinor: 500_000,
    validFrom: "2025-01-01",
  });
  const [policy] = await t.db
    .insert(insurancePolicies)
    .values({
      policyNumber: "POL-1",
      insurer: "Sinosure",
      currency: "CNY",
      indemnityBps: 9_000,
      notificationDeadlineDays: 60,
      validFrom: "2025-01-01",
      createdBy: "test",
    })
    .returning();
  await t.db.insert(insuredLimits).values({
    policyId: policy!.id,
    customerId: ids.B!,
    currency: "CNY",
    requestedMinor: 5_000_000,
    requestedOn: "2025-02-01",
    decision: "full",
    decidedMinor: 5_000_000,
    decidedOn: "2025-02-10",
    requestedBy: "test",
  });
  await t.db
    .insert(assessments)
    .values([
      assessment(ids.A!, "2024-12-31", "low", 0.01),
      assessment(ids.B!, "2024-12-31", "medium", 0.04),
      assessment(ids.C!, "2024-12-31", "medium", 0.05),
      assessment(ids.A!, "2025-06-30", "medium", 0.02),
      assessment(ids.B!, "2025-06-30", "medium", 0.05),
      assessment(ids.C!, "2025-06-30", "high", 0.1),
    ]);
  await t.db
    .insert(customerDefaults)
    .values({ customerId: ids.C!, defaultedOn: "2025-09-01", kind: "past_due_90" });
});
afterAll(async () => {
  await t.close();
});

describe("portfolio view", () => {
  it("sums exposure parts per customer in the base currency, half-even, at the rate of as-of", async () => {
    const v = await getPortfolioView({ handle: t, ...base, groupBy: "customer" });
    const byCode = Object.fromEntries(v.groups.map((g) => [g.key, g]));
    expect(byCode.A).toMatchObject({
      openReceivablesMinor: 6_000_000,
      undeliveredOrdersMinor: 1_000_000,
      deliveredNotInvoicedMinor: 500_000,
      exposureMinor: 7_500_000,
      limitMinor: 7_000_000,
      overLimit: 1,
    });
    expect(byCode.A!.utilisation).toBeCloseTo(7_500_000 / 7_000_000, 12);
    // 100.01 USD × 7.2 = 720.072 CNY → 72,007 fen.
    expect(byCode.B!.openReceivablesMinor).toBe(72_007);
    expect(byCode.C).toMatchObject({ openReceivablesMinor: 2_000_000, overdueMinor: 2_000_000 });
    expect(byCode.C!.aging.d31_60).toBe(2_000_000);
    expect(v.total.exposureMinor).toBe(7_500_000 + 72_007 + 2_000_000);
    expect(v.total.grades).toEqual({ medium: 2, high: 1, unassessed: 1 });
  });

  it("counts an invoice paid after as-of as open on as-of", async () => {
    await t.db.execute(sql`update invoices set status = 'paid' where invoice_number = 'A1'`);
    try {
      // A1 is paid now; on 2025-06-15 the 40,000.00 of 2025-06-20 had not arrived: all 100,000.00 open.
      const v = await getPortfolioView({
        handle: t,
        asOf: "2025-06-15",
        baseCurrency: "CNY",
        groupBy: "customer",
      });
      expect(v.groups.find((g) => g.key === "A")?.openReceivablesMinor).toBe(10_000_000);
    } finally {
      await t.db.execute(sql`update invoices set status = 'open' where invoice_number = 'A1'`);
    }
  });

  it("groups by industry with a monthly DSO / ADDB / CEI trend ending at as-of", async () => {
    const v = await getPortfolioView({ handle: t, ...base, groupBy: "industry", months: 3 });
    expect(v.groups.map((g) => [g.key, g.exposureMinor, g.customers])).toEqual([
      ["M", 7_572_007, 2],
      ["C", 2_000_000, 2],
    ]);
    const june = v.total.trend.at(-1)!;
    expect(june.monthEnd).toBe(AS_OF);
    // June: sales 100,000.00 + 720.07; closing AR 60,000.00 + 720.07 + 20,000.00, of which
    // 60,720.07 not yet due; opening AR (end of May) 20,000.00.
    expect(june.creditSalesMinor).toBe(10_072_007);
    expect(june.closingArMinor).toBe(8_072_007);
    expect(june.dso).toBeCloseTo((8_072_007 / 10_072_007) * 30, 9);
    expect(june.addb).toBeCloseTo((2_000_000 / 10_072_007) * 30, 9);
    expect(june.cei).toBeCloseTo(
      ((2_000_000 + 10_072_007 - 8_072_007) / (2_000_000 + 10_072_007 - 6_072_007)) * 100,
      9,
    );
    const m = v.groups.find((g) => g.key === "M")!;
    expect(m.trend?.at(-1)?.closingArMinor).toBe(6_072_007);
  });
});

describe("concentration", () => {
  it("computes shares and HHI by customer, group, industry and region", async () => {
    const c = await getConcentration({ handle: t, ...base });
    const total = 9_572_007;
    expect(c.dimensions.customer.totalMinor).toBe(total);
    expect(c.dimensions.customer.top1Share).toBeCloseTo(7_500_000 / total, 12);
    const hhi = [7_500_000, 72_007, 2_000_000].reduce((a, x) => a + ((x / total) * 100) ** 2, 0);
    expect(c.dimensions.customer.hhi).toBeCloseTo(hhi, 6);
    // B belongs to A's group.
    expect(c.dimensions.group.shares.map((s) => [s.key, s.amountMinor])).toEqual([
      ["A", 7_572_007],
      ["C", 2_000_000],
    ]);
    expect(c.dimensions.region.shares.map((s) => s.key)).toEqual(["East", "West"]);
    expect(c.breaches.map((b) => `${b.dimension}:${b.key}`)).toEqual([
      "customer:A",
      "customer:C",
      "group:A",
      "group:C",
      "industry:M",
      "region:East",
    ]);
  });

  it("raises one alert per breach, updates it while the breach persists and clears it after", async () => {
    const first = await checkConcentrationLimits({ handle: t, ...base });
    expect(first.alertsOpened).toBe(6);
    const second = await checkConcentrationLimits({ handle: t, ...base });
    expect(second).toMatchObject({ alertsOpened: 0, alertsUpdated: 6 });
    const open = await t.db.execute(
      sql`select customer_id, key from alerts where rule_code like 'portfolio.concentration.%' and state = 'open' order by key`,
    );
    const keys = (open as unknown as { rows: { customer_id: number; key: string }[] }).rows;
    expect(keys).toHaveLength(6);
    // The industry alert is filed under the industry's largest exposure.
    expect(keys.find((k) => k.key === "industry:M")?.customer_id).toBe(ids.A);
    await setConcentrationLimit({
      handle: t,
      actor: "test",
      limit: { dimension: "region", maxShareBps: 10_000 },
    });
    const third = await checkConcentrationLimits({ handle: t, ...base });
    expect(third).toMatchObject({ alertsOpened: 0, alertsUpdated: 5, conditionsCleared: 1 });
  });

  it("refuses an invalid concentration limit", async () => {
    await expect(
      setConcentrationLimit({ handle: t, actor: "test", limit: { dimension: "planet", maxShareBps: 0 } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("expected loss", () => {
  it("is PD × LGD × EAD with the insured share losing (1 − indemnity) and collateral at its LGD", async () => {
    const el = await getExpectedLoss({ handle: t, ...base });
    const by = Object.fromEntries(el.customers.map((c) => [c.code, c]));
    // A: 7,500,000 × 0.45 × 0.02 = 67,500.
    expect(by.A!.elMinor).toBe(67_500);
    // B: insured 72,007 (cover 50,000.00 ≥ EAD) at 0.45 × 0.1 × 0.05 = 162.0… → 162.
    expect(by.B!.insuredMinor).toBe(72_007);
    expect(by.B!.elMinor).toBe(Math.round(72_007 * 0.45 * 0.1 * 0.05));
    // C: collateral 500,000 at 35 % + 1,500,000 at 45 % = 850,000 × 0.1 = 85,000.
    expect(by.C!.elMinor).toBe(85_000);
    expect(el.elMinor).toBe(67_500 + by.B!.elMinor + 85_000);
    expect(el.byDimension.industry?.[0]).toMatchObject({ key: "C", elMinor: 85_000 });
  });

  it("costs the uninsured LGD without insurance, and follows a saved LGD configuration", async () => {
    await t.db.execute(sql`update insured_limits set expires_on = '2025-06-29'`);
    const el = await getExpectedLoss({ handle: t, ...base });
    expect(el.customers.find((c) => c.code === "B")!.elMinor).toBe(Math.round(72_007 * 0.45 * 0.05));
    await t.db.execute(sql`update insured_limits set expires_on = null`);
    await setLgdConfig({ handle: t, actor: "test", config: { unsecuredBps: 6_000, collateralBps: 6_000 } });
    const high = await getExpectedLoss({ handle: t, ...base });
    expect(high.customers.find((c) => c.code === "C")!.elMinor).toBe(120_000);
    expect(high.lgd.version).toBe(1);
    await setLgdConfig({ handle: t, actor: "test", config: {} });
  });
});

describe("migration and back-test", () => {
  it("builds a migration matrix whose rows sum to the population at the first date", async () => {
    const m = await getGradeMigration({ handle: t, from: "2024-12-31", to: AS_OF });
    const cell = (r: string, c: string) => m.counts[m.rows.indexOf(r)]![m.columns.indexOf(c)];
    expect(cell("low", "medium")).toBe(1);
    expect(cell("medium", "medium")).toBe(1);
    expect(cell("medium", "high")).toBe(1);
    // D never traded nor was assessed: not in either population.
    expect(m.population).toBe(3);
    expect(m.rowTotals.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(m.population);
    const later = await getGradeMigration({ handle: t, from: AS_OF, to: "2025-12-31" });
    expect(later.counts[later.rows.indexOf("high")]![later.columns.indexOf("default")]).toBe(1);
  });

  it("tests predicted PD against realised defaults per grade", async () => {
    const b = await runPdBacktest({ handle: t, start: AS_OF, horizonMonths: 12 });
    expect(b.rows.map((r) => [r.grade, r.obligors, r.defaults])).toEqual([
      ["medium", 2, 0],
      ["high", 1, 1],
    ]);
    // One default of one obligor at PD 10 %: P(X ≥ 1) = 0.1.
    expect(b.rows[1]!.pValue).toBeCloseTo(0.1, 12);
  });
});

describe("stress tests", () => {
  it("stores a scenario and runs it: ΔEL and the limits that break", async () => {
    await saveStressScenario({
      handle: t,
      actor: "test",
      scenario: {
        name: "Manufacturing shock",
        shocks: [
          { kind: "industry_shock", value: "M", pdMultiplier: 2, lgdAddBps: 0, exposureMultiplier: 1 },
        ],
      },
    });
    const r = await runStressTest({ handle: t, ...base, scenario: "Manufacturing shock" });
    const el = await getExpectedLoss({ handle: t, ...base });
    const mEl = el.customers
      .filter((c) => c.code === "A" || c.code === "B")
      .reduce((a, c) => a + c.elMinor, 0);
    expect(r.baseElMinor).toBe(el.elMinor);
    // PD doubles for A and B: their EL doubles (± one fen of rounding each).
    expect(Math.abs(r.deltaElMinor - mEl)).toBeLessThanOrEqual(2);
    expect(r.limitBreaches.map((b) => b.code)).toEqual(["A"]);
    await expect(runStressTest({ handle: t, ...base, scenario: "missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
