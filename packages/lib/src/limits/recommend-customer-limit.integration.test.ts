import {
  customers,
  financialStatements,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
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
});
