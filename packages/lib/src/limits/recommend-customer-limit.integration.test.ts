import {
  customers,
  financialStatements,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { insurancePolicies, insuredLimits } from "@creditdesk/db/insurance";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAssessments } from "../assessment/run-assessments.ts";
import { recommendCustomerLimit } from "./recommend-customer-limit.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const [c] = await t.db
    .insert(customers)
    .values({ code: "REC", legalName: "推荐额度有限公司", industry: "C", paymentTermsDays: 30 })
    .returning();
  await t.db.insert(financialStatements).values({
    customerId: c!.id,
    periodEnd: "2024-12-31",
    currency: "CNY",
    currentAssets: 60_000_000_00,
    currentLiabilities: 30_000_000_00,
    totalAssets: 100_000_000_00,
    totalLiabilities: 40_000_000_00,
    equity: 60_000_000_00,
    intangibleAssets: 10_000_000_00,
    revenue: 90_000_000_00,
    ebit: 9_000_000_00,
    netIncome: 6_000_000_00,
  });
  // Twelve monthly invoices of CNY 100,000, each paid exactly 15 days after its due date.
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, "0");
    await t.db.insert(salesOrders).values({
      orderNumber: `REC-O${m}`,
      customerId: c!.id,
      orderedOn: `2024-${mm}-01`,
      currency: "CNY",
      orderedMinor: 100_000_00,
      deliveredMinor: 100_000_00,
      invoicedMinor: 100_000_00,
      status: "invoiced",
    });
    const [inv] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: `REC-I${m}`,
        customerId: c!.id,
        issuedOn: `2024-${mm}-01`,
        dueOn: `2024-${mm}-10`,
        currency: "CNY",
        amountMinor: 100_000_00,
        status: "paid",
      })
      .returning();
    const [p] = await t.db
      .insert(payments)
      .values({
        reference: `REC-P${m}`,
        customerId: c!.id,
        receivedOn: `2024-${mm}-25`,
        currency: "CNY",
        amountMinor: 100_000_00,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: p!.id, invoiceId: inv!.id, amountMinor: 100_000_00 });
  }
  await runAssessments({
    handle: t,
    asOf: "2024-12-31",
    baseCurrency: "CNY",
    trigger: "bulk",
    triggeredBy: "test",
  });
});
afterAll(() => t.close());

describe("limit recommendation fed from the database", () => {
  it("takes statements, the latest assessment's days beyond terms and the customer's own purchases", async () => {
    const r = await recommendCustomerLimit({
      handle: t,
      customer: "REC",
      currency: "CNY",
      asOf: "2024-12-31",
    });
    expect(r.inputs).toMatchObject({
      statementPeriodEnd: "2024-12-31",
      tangibleNetWorthMinor: 50_000_000_00,
      workingCapitalMinor: 30_000_000_00,
      termsDays: 30,
      expectedDaysBeyondTerms: 15,
    });
    expect(r.inputs.grade).not.toBeNull();
    expect(r.methods.tangible_net_worth).toMatchObject({ status: "ok" });
    expect(r.recommendedMinor).toBeGreaterThan(0);
    expect(r.boundBy).not.toBeNull();
  });

  it("never recommends above the insurer's current decision plus the uninsured tolerance", async () => {
    const base = await recommendCustomerLimit({
      handle: t,
      customer: "REC",
      currency: "CNY",
      asOf: "2024-12-31",
    });
    expect(base.boundBy).not.toBe("insured_plus_tolerance");
    // Worked example: the methods give 90,000.00 (see the test above for their inputs).
    expect(base.recommendedMinor).toBe(90_000_00);
    const [c] = await t.db.select().from(customers).where(eq(customers.code, "REC"));
    const [policy] = await t.db
      .insert(insurancePolicies)
      .values({
        policyNumber: "POL-REC",
        insurer: "中国出口信用保险公司",
        currency: "CNY",
        indemnityBps: 9000,
        notificationDeadlineDays: 60,
        validFrom: "2024-01-01",
        createdBy: "test",
      })
      .returning();
    // Requested 100,000.00, the insurer granted 50,000.00 on 2024-06-30 (a later refusal is dated
    // after asOf).
    await t.db.insert(insuredLimits).values([
      {
        policyId: policy!.id,
        customerId: c!.id,
        currency: "CNY",
        requestedMinor: 100_000_00,
        requestedOn: "2024-06-01",
        decision: "partial",
        decidedMinor: 50_000_00,
        decidedOn: "2024-06-30",
        requestedBy: "test",
      },
      {
        policyId: policy!.id,
        customerId: c!.id,
        currency: "CNY",
        requestedMinor: 100_000_00,
        requestedOn: "2025-01-10",
        decision: "refused",
        decidedMinor: 0,
        decidedOn: "2025-01-15",
        requestedBy: "test",
      },
    ]);
    const insured = await recommendCustomerLimit({
      handle: t,
      customer: "REC",
      currency: "CNY",
      asOf: "2024-12-31",
      uninsuredToleranceMinor: 10_000_00,
    });
    // The methods are unchanged; insured 50,000.00 + tolerance 10,000.00 = 60,000.00 < 90,000.00 binds.
    expect(insured.methods).toEqual(base.methods);
    expect(insured.inputs.insuredLimitMinor).toBe(50_000_00);
    expect(insured.recommendedMinor).toBe(60_000_00);
    expect(insured.boundBy).toBe("insured_plus_tolerance");
    // A tolerance that lifts the cap above the methods' figure: the method binds again.
    const tolerant = await recommendCustomerLimit({
      handle: t,
      customer: "REC",
      currency: "CNY",
      asOf: "2024-12-31",
      uninsuredToleranceMinor: 50_000_00,
    });
    expect(tolerant.recommendedMinor).toBe(90_000_00);
    expect(tolerant.boundBy).toBe(base.boundBy);
    // After the refusal the buyer is uninsured: the tolerance alone is the ceiling.
    const refused = await recommendCustomerLimit({
      handle: t,
      customer: "REC",
      currency: "CNY",
      asOf: "2025-01-31",
      uninsuredToleranceMinor: 10_000_00,
    });
    expect(refused.inputs.insuredLimitMinor).toBe(0);
    expect(refused.recommendedMinor).toBe(10_000_00);
    expect(refused.boundBy).toBe("insured_plus_tolerance");
  });
});
