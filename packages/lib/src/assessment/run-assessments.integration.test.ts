import {
  customers,
  domainEvents,
  externalEvents,
  financialStatements,
  invoices,
  paymentAllocations,
  payments,
} from "@creditdesk/db";
import { assessmentRuns, assessments } from "@creditdesk/db/assessment";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessCustomerNow } from "./assess-customer-now.ts";
import { getAssessment, getCreditFile } from "./get-credit-file.ts";
import { runAssessments } from "./run-assessments.ts";

let t: TestDatabase;
const ids: Record<string, number> = {};

/** A solid manufacturer: strong balance sheet, pays on time. */
async function addSolid(code: string) {
  const [c] = await t.db
    .insert(customers)
    .values({
      code,
      legalName: `${code} 精密机械有限公司`,
      industry: "C",
      foundedOn: "2005-03-01",
      registeredCapitalMinor: 50_000_000_00,
      tier: "core",
    })
    .returning();
  ids[code] = c!.id;
  await t.db.insert(financialStatements).values({
    customerId: c!.id,
    periodEnd: "2024-12-31",
    currency: "CNY",
    cash: 20_000_000_00,
    receivables: 15_000_000_00,
    inventory: 10_000_000_00,
    currentAssets: 50_000_000_00,
    totalAssets: 100_000_000_00,
    intangibleAssets: 2_000_000_00,
    currentLiabilities: 20_000_000_00,
    totalLiabilities: 35_000_000_00,
    equity: 65_000_000_00,
    retainedEarnings: 30_000_000_00,
    revenue: 120_000_000_00,
    costOfSales: 90_000_000_00,
    ebit: 12_000_000_00,
    interestExpense: 1_000_000_00,
    netIncome: 8_000_000_00,
    operatingCashFlow: 10_000_000_00,
  });
  for (let m = 1; m <= 12; m++) {
    const issued = `2024-${String(m).padStart(2, "0")}-05`;
    const due = `2024-${String(m).padStart(2, "0")}-28`;
    const [inv] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: `${code}-${m}`,
        customerId: c!.id,
        issuedOn: issued,
        dueOn: due,
        currency: "CNY",
        amountMinor: 1_000_000_00,
      })
      .returning();
    const [p] = await t.db
      .insert(payments)
      .values({
        reference: `${code}-P${m}`,
        customerId: c!.id,
        receivedOn: due,
        currency: "CNY",
        amountMinor: 1_000_000_00,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: p!.id, invoiceId: inv!.id, amountMinor: 1_000_000_00 });
  }
}

/** A weak retailer: thin equity, pays months late, sued twice. */
async function addWeak(code: string) {
  const [c] = await t.db
    .insert(customers)
    .values({
      code,
      legalName: `${code} 商贸有限公司`,
      industry: "F",
      foundedOn: "2022-01-01",
      companyType: "non_manufacturer",
    })
    .returning();
  ids[code] = c!.id;
  await t.db.insert(financialStatements).values({
    customerId: c!.id,
    periodEnd: "2024-12-31",
    currency: "CNY",
    cash: 100_000_00,
    receivables: 3_000_000_00,
    inventory: 4_000_000_00,
    currentAssets: 7_500_000_00,
    totalAssets: 10_000_000_00,
    intangibleAssets: 0,
    currentLiabilities: 8_500_000_00,
    totalLiabilities: 9_500_000_00,
    equity: 500_000_00,
    retainedEarnings: -1_000_000_00,
    revenue: 12_000_000_00,
    costOfSales: 11_000_000_00,
    ebit: -200_000_00,
    interestExpense: 400_000_00,
    netIncome: -600_000_00,
    operatingCashFlow: -300_000_00,
  });
  for (let m = 1; m <= 10; m++) {
    const issued = `2024-${String(m).padStart(2, "0")}-05`;
    const due = `2024-${String(m).padStart(2, "0")}-20`;
    const [inv] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: `${code}-${m}`,
        customerId: c!.id,
        issuedOn: issued,
        dueOn: due,
        currency: "CNY",
        amountMinor: 500_000_00,
      })
      .returning();
    if (m <= 6) {
      const paidOn = `2024-${String(m + 3).padStart(2, "0")}-25`;
      const [p] = await t.db
        .insert(payments)
        .values({
          reference: `${code}-P${m}`,
          customerId: c!.id,
          receivedOn: paidOn,
          currency: "CNY",
          amountMinor: 500_000_00,
        })
        .returning();
      await t.db
        .insert(paymentAllocations)
        .values({ paymentId: p!.id, invoiceId: inv!.id, amountMinor: 500_000_00 });
    }
  }
  for (const [i, type] of ["lawsuit", "enforcement"].entries()) {
    await t.db.insert(externalEvents).values({
      customerId: c!.id,
      reference: `${code}-E${i}`,
      type,
      occurredOn: "2024-11-01",
      severity: "high",
      source: "court",
    });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await addSolid("SOLID");
  await addWeak("WEAK");
  const [empty] = await t.db
    .insert(customers)
    .values({ code: "NEW", legalName: "新客户有限公司" })
    .returning();
  ids.NEW = empty!.id;
});
afterAll(async () => {
  await t.close();
});

describe("assessment runs", () => {
  it("assesses the whole portfolio set-wise and records every result with its inputs", async () => {
    const s = await runAssessments({
      handle: t,
      asOf: "2025-01-31",
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
      keepResults: true,
    });
    expect(s.customers).toBe(3);
    const solid = s.results.get(ids.SOLID!)!.result;
    const weak = s.results.get(ids.WEAK!)!.result;
    expect(solid.grade).toBe("low");
    expect(weak.grade).toBe("high");
    expect(solid.score).toBeGreaterThan(weak.score);
    // The weak customer's top reasons speak of its real problems.
    expect(weak.reasons.length).toBeGreaterThan(0);
    const rows = await t.db.select().from(assessments).where(eq(assessments.runId, s.runId));
    expect(rows).toHaveLength(3);
    const [run] = await t.db.select().from(assessmentRuns).where(eq(assessmentRuns.id, s.runId));
    expect(run).toMatchObject({
      status: "finished",
      customers: 3,
      scorecardVersion: "default-2",
      triggeredBy: "test",
    });
  });

  it("gives the same score for the same inputs and scorecard version", async () => {
    const a = await runAssessments({
      handle: t,
      asOf: "2025-01-31",
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
      keepResults: true,
    });
    const b = await runAssessments({
      handle: t,
      asOf: "2025-01-31",
      baseCurrency: "CNY",
      trigger: "bulk",
      triggeredBy: "test",
      keepResults: true,
    });
    expect(a.results.size).toBe(3);
    for (const [id, r] of a.results) {
      expect(b.results.get(id)!.result).toEqual(r.result);
    }
  });

  it("records a grade change as a domain event", async () => {
    // Ten more unpaid, long-overdue invoices for the solid customer.
    for (let k = 0; k < 10; k++) {
      await t.db.insert(invoices).values({
        invoiceNumber: `SOLID-X${k}`,
        customerId: ids.SOLID!,
        issuedOn: "2024-06-01",
        dueOn: "2024-07-01",
        currency: "CNY",
        amountMinor: 9_000_000_00,
      });
    }
    const before = await t.db.$count(domainEvents);
    const { assessment } = await assessCustomerNow({
      handle: t,
      customer: "SOLID",
      asOf: "2025-01-31",
      baseCurrency: "CNY",
      trigger: "api",
      triggeredBy: "test",
    });
    expect(assessment.grade).not.toBe("low");
    expect(assessment.previousGrade).toBe("low");
    const events = await t.db.select().from(domainEvents).where(eq(domainEvents.customerId, ids.SOLID!));
    expect(await t.db.$count(domainEvents)).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({
      type: "assessment.grade_changed",
      payload: { from: "low", to: assessment.grade },
    });
  });

  it("keeps the inputs snapshot so a past decision can be reproduced", async () => {
    const file = await getCreditFile(t, "WEAK");
    const full = await getAssessment(t, file.latest!.id);
    expect(full?.inputs).toMatchObject({ profile: { isManufacturer: false }, events: [{}, {}] });
    // Re-running the engine on the stored inputs gives the stored decision.
    expect(full?.reproduced).toBe(true);
    expect(full?.behaviour).toMatchObject({ asOf: "2025-01-31" });
    expect(full?.characteristics).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "BEH_OVERDUE_SHARE" })]),
    );
    expect(file.scoreHistory.length).toBeGreaterThanOrEqual(3);
  });

  it("notices when a stored decision no longer reproduces from its inputs", async () => {
    const file = await getCreditFile(t, "WEAK");
    await t.db
      .update(assessments)
      .set({ score: file.latest!.score + 1 })
      .where(eq(assessments.id, file.latest!.id));
    expect((await getAssessment(t, file.latest!.id))?.reproduced).toBe(false);
  });

  it("assesses a customer with no statements and no ledger without failing", async () => {
    const { assessment } = await assessCustomerNow({
      handle: t,
      customer: ids.NEW!,
      asOf: "2025-01-31",
      baseCurrency: "CNY",
      trigger: "api",
      triggeredBy: "test",
    });
    expect(Number.isFinite(assessment.score)).toBe(true);
    expect(["low", "medium", "high"]).toContain(assessment.grade);
  });
});
