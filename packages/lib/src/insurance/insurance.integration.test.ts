import {
  alerts,
  auditLog,
  customers,
  fxRates,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { insuranceClaimEvents, loadInsuredCover } from "@creditdesk/db/insurance";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredit } from "../limits/check-credit.ts";
import { getExposure } from "../limits/get-exposure.ts";
import { setCreditLimit } from "../limits/set-credit-limit.ts";
import { assignReceivables } from "./assign-receivables.ts";
import { checkInsurance, runNightlyInsuranceCheck } from "./check-insurance.ts";
import { createFactoringAgreement } from "./create-factoring-agreement.ts";
import { createInsurancePolicy } from "./create-insurance-policy.ts";
import { endFactoredReceivable } from "./end-factored-receivable.ts";
import { fileInsuranceClaim } from "./file-insurance-claim.ts";
import { fileOverdueNotification } from "./file-overdue-notification.ts";
import { getInsuranceClaim } from "./list-insurance-claims.ts";
import { listInsuredPositions } from "./list-insured-limits.ts";
import { listNotificationDeadlines } from "./list-notification-deadlines.ts";
import { moveInsuranceClaim } from "./move-insurance-claim.ts";
import { recordInsurerDecision } from "./record-insurer-decision.ts";
import { requestInsuredLimit } from "./request-insured-limit.ts";

let t: TestDatabase;
const actor = { id: "credit.mgr", role: "credit_manager" };
const at = (date: string) => new Date(`${date}T12:00:00Z`);

async function customer(code: string): Promise<number> {
  const [row] = await t.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司` })
    .returning();
  return row!.id;
}

async function invoice(
  customerId: number,
  number: string,
  dueOn: string,
  amountMinor: number,
  currency = "CNY",
) {
  const [row] = await t.db
    .insert(invoices)
    .values({ invoiceNumber: number, customerId, issuedOn: "2025-01-02", dueOn, currency, amountMinor })
    .returning();
  return row!.id;
}

async function policy(number: string, overrides: Record<string, unknown> = {}) {
  return createInsurancePolicy({
    handle: t,
    actor,
    input: {
      policyNumber: number,
      insurer: "China Export & Credit Insurance",
      currency: "CNY",
      indemnityBps: 9_000,
      maxLiabilityMinor: 50_000_000_00,
      waitingPeriodDays: 150,
      notificationDeadlineDays: 60,
      warnDaysBefore: 7,
      premiumRate: "0.0015",
      validFrom: "2025-01-01",
      validTo: "2025-12-31",
      ...overrides,
    },
  });
}

const alertsOf = (customerId: number, rule: string) =>
  t.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.customerId, customerId), eq(alerts.ruleCode, rule)))
    .orderBy(alerts.id);

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("overdue-notification deadline warning", () => {
  it("fires on the first day of the warning window, not the day before, and turns into cover lost after the deadline", async () => {
    const id = await customer("INS-DL");
    await policy("POL-DL");
    await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-DL",
        customer: "INS-DL",
        requestedMinor: 500_000_00,
        decidedMinor: 500_000_00,
        decidedOn: "2025-01-15",
      },
    });
    // Due 2025-03-10 → deadline 2025-05-09 (60 days), warning window from 2025-05-02 (7 days before).
    await invoice(id, "DL-1", "2025-03-10", 120_000_00);

    await checkInsurance({ handle: t, asOf: "2025-05-01", customerIds: [id] });
    expect(await alertsOf(id, "insurance_notification_deadline")).toHaveLength(0);

    const onWindowDay = await checkInsurance({ handle: t, asOf: "2025-05-02", customerIds: [id] });
    expect(onWindowDay.deadlineWarnings).toBe(1);
    const [warning] = await alertsOf(id, "insurance_notification_deadline");
    expect(warning).toMatchObject({ key: "POL-DL:DL-1", state: "open", measuredValue: 7, threshold: 7 });
    expect(warning!.title).toContain("2025-05-09");

    // The next run (and the deadline day itself) updates the same alert: no duplicate.
    const again = await checkInsurance({ handle: t, asOf: "2025-05-09", customerIds: [id] });
    expect(again).toMatchObject({ alertsOpened: 0, alertsUpdated: 1 });
    expect(await alertsOf(id, "insurance_notification_deadline")).toHaveLength(1);
    expect((await alertsOf(id, "insurance_notification_deadline"))[0]!.lastValue).toBe(0);

    // The day after the deadline: the invoice lost its cover.
    const [state] = await listNotificationDeadlines({ handle: t, asOf: "2025-05-10", customerIds: [id] });
    expect(state).toMatchObject({ state: "missed", deadline: "2025-05-09", daysLeft: -1 });
    const after = await checkInsurance({ handle: t, asOf: "2025-05-10", customerIds: [id] });
    expect(after).toMatchObject({ coverLost: 1, deadlineWarnings: 0, alertsOpened: 1, conditionsCleared: 1 });
    const [lost] = await alertsOf(id, "insurance_cover_lost");
    expect(lost).toMatchObject({ severity: "critical", key: "POL-DL:DL-1" });
    expect((await alertsOf(id, "insurance_notification_deadline"))[0]!.conditionActive).toBe(false);
  });

  it("stops warning once the invoice is notified in time, and ignores paid invoices", async () => {
    const id = await customer("INS-NOTE");
    await policy("POL-NOTE", { warnDaysBefore: 10 });
    await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-NOTE",
        customer: id,
        requestedMinor: 100_000_00,
        decidedMinor: 80_000_00,
        decidedOn: "2025-01-15",
      },
    });
    await invoice(id, "NOTE-1", "2025-03-10", 10_000_00);
    const paidId = await invoice(id, "NOTE-PAID", "2025-03-10", 5_000_00);
    const [pay] = await t.db
      .insert(payments)
      .values({
        reference: "NOTE-PAY",
        customerId: id,
        receivedOn: "2025-03-20",
        currency: "CNY",
        amountMinor: 5_000_00,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: pay!.id, invoiceId: paidId, amountMinor: 5_000_00 });

    const first = await checkInsurance({ handle: t, asOf: "2025-04-30", customerIds: [id] });
    expect(first.deadlineWarnings).toBe(1);
    const note = await fileOverdueNotification({
      handle: t,
      actor,
      policy: "POL-NOTE",
      customer: "INS-NOTE",
      invoices: ["NOTE-1"],
      filedOn: "2025-05-02",
      reference: "NOA-7",
    });
    expect(note.overdueMinor).toBe(10_000_00);
    const [row] = await listNotificationDeadlines({ handle: t, asOf: "2025-05-20", customerIds: [id] });
    expect(row).toMatchObject({ invoiceNumber: "NOTE-1", state: "notified", notifiedOn: "2025-05-02" });
    const later = await checkInsurance({ handle: t, asOf: "2025-05-20", customerIds: [id] });
    expect(later).toMatchObject({ deadlineWarnings: 0, coverLost: 0, conditionsCleared: 1 });
    expect(await alertsOf(id, "insurance_cover_lost")).toHaveLength(0);
  });
});

describe("factoring in exposure", () => {
  it("removes invoices sold without recourse, keeps those with recourse and pledged, and restores a repurchase", async () => {
    const id = await customer("FAC");
    await setCreditLimit({
      handle: t,
      input: { customer: "FAC", currency: "CNY", amountMinor: 1_000_000_00, validFrom: "2025-01-01" },
      actorId: "admin",
    });
    await invoice(id, "FAC-NR", "2025-06-30", 100_000_00);
    await invoice(id, "FAC-R", "2025-06-30", 30_000_00);
    await invoice(id, "FAC-P", "2025-06-30", 7_000_00);
    await createFactoringAgreement({
      handle: t,
      actor,
      input: {
        reference: "FA-NR",
        factor: "ICBC Factoring",
        currency: "CNY",
        withRecourse: false,
        advanceRateBps: 8_000,
        feeBps: 120,
        validFrom: "2025-01-01",
      },
    });
    await createFactoringAgreement({
      handle: t,
      actor,
      input: {
        reference: "FA-R",
        factor: "Bank of Ningbo",
        currency: "CNY",
        withRecourse: true,
        advanceRateBps: 9_000,
        validFrom: "2025-01-01",
      },
    });
    const gross = async (date: string) =>
      (await getExposure({ handle: t, customer: "FAC", now: at(date) })).parts.openReceivablesMinor;
    expect(await gross("2025-05-01")).toBe(137_000_00);

    const sold = await assignReceivables({
      handle: t,
      actor,
      agreement: "FA-NR",
      mode: "sold",
      invoices: ["FAC-NR"],
      assignedOn: "2025-05-10",
    });
    expect(sold.items[0]).toMatchObject({
      withRecourse: false,
      advanceMinor: 80_000_00,
      feesMinor: 1_200_00,
      removedFromExposure: true,
    });
    await assignReceivables({
      handle: t,
      actor,
      agreement: "FA-R",
      mode: "sold",
      invoices: ["FAC-R"],
      assignedOn: "2025-05-10",
    });
    await assignReceivables({
      handle: t,
      actor,
      agreement: "FA-NR",
      mode: "pledged",
      invoices: ["FAC-P"],
      assignedOn: "2025-05-10",
    });

    // Before the sale nothing changes (history); after it only the non-recourse invoice leaves.
    expect(await gross("2025-05-09")).toBe(137_000_00);
    expect(await gross("2025-05-10")).toBe(37_000_00);
    // The credit check (same exposure SQL) sees the same.
    const check = await checkCredit({
      handle: t,
      input: { customer: "FAC", amountMinor: 1_00, currency: "CNY", orderReference: "SO-FAC-1" },
      now: at("2025-05-12"),
    });
    expect(check.exposure?.openReceivablesMinor).toBe(37_000_00);

    // Handed back (repurchased) on 2025-07-15: in exposure again from that day.
    await endFactoredReceivable({
      handle: t,
      actor,
      id: sold.items[0]!.id,
      outcome: "repurchased",
      endedOn: "2025-07-15",
    });
    expect(await gross("2025-07-14")).toBe(37_000_00);
    expect(await gross("2025-07-15")).toBe(137_000_00);
    // Selling an invoice that is already with a factor is refused (one active assignment).
    await expect(
      assignReceivables({
        handle: t,
        actor,
        agreement: "FA-NR",
        mode: "sold",
        invoices: ["FAC-R"],
        assignedOn: "2025-07-20",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("exposure net of cover", () => {
  it("deducts the insured share (limit × indemnity) in net exposure and in the portfolio cover, as of each date", async () => {
    const id = await customer("NETC");
    await setCreditLimit({
      handle: t,
      input: { customer: "NETC", currency: "CNY", amountMinor: 2_000_000_00, validFrom: "2025-01-01" },
      actorId: "admin",
    });
    await t.db
      .insert(fxRates)
      .values({ rateDate: "2025-01-02", fromCurrency: "USD", toCurrency: "CNY", rate: "7.2" });
    await invoice(id, "NETC-1", "2025-08-30", 800_000_00);
    await policy("POL-USD", { currency: "USD", indemnityBps: 8_500 });
    await policy("POL-CNY");
    // 50,000.00 USD × 7.2 = 360,000.00 CNY insured at 85 %; 200,000.00 CNY at 90 %.
    await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-USD",
        customer: id,
        requestedMinor: 80_000_00,
        decidedMinor: 50_000_00,
        decidedOn: "2025-02-01",
      },
    });
    await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-CNY",
        customer: id,
        requestedMinor: 200_000_00,
        decidedMinor: 200_000_00,
        decidedOn: "2025-02-01",
        expiresOn: "2025-09-30",
      },
    });
    const e = await getExposure({ handle: t, customer: "NETC", now: at("2025-06-01") });
    // 360,000 × 85 % = 306,000; 200,000 × 90 % = 180,000 → insured 486,000; net 314,000.
    expect(e.net).toMatchObject({ grossMinor: 800_000_00, insuredMinor: 486_000_00, netMinor: 314_000_00 });

    const [cover] = await loadInsuredCover(t.db, {
      asOf: "2025-06-01",
      baseCurrency: "CNY",
      customerIds: [id],
    });
    expect(cover).toMatchObject({
      customerId: id,
      insuredLimitMinor: 560_000_00,
      maxCoverMinor: 486_000_00,
      policies: 2,
    });
    expect(cover!.indemnityBps).toBe(Math.round((486_000 * 10_000) / 560_000));

    // Before any decision there is no cover; after the CNY limit expires only the USD one remains.
    expect(
      await loadInsuredCover(t.db, { asOf: "2025-01-31", baseCurrency: "CNY", customerIds: [id] }),
    ).toEqual([]);
    const [october] = await loadInsuredCover(t.db, {
      asOf: "2025-10-01",
      baseCurrency: "CNY",
      customerIds: [id],
    });
    expect(october).toMatchObject({ insuredLimitMinor: 360_000_00, maxCoverMinor: 306_000_00 });

    // The insurer withdraws the USD limit on 2025-07-01 (a refusal): no cover from then on, the
    // June figure stays as it was.
    await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-USD",
        customer: id,
        requestedMinor: 50_000_00,
        decidedMinor: 0,
        decidedOn: "2025-07-01",
        conditions: "buyer downgraded",
      },
    });
    expect(
      (await loadInsuredCover(t.db, { asOf: "2025-07-01", baseCurrency: "CNY", customerIds: [id] }))[0],
    ).toMatchObject({
      insuredLimitMinor: 200_000_00,
    });
    expect(
      (await loadInsuredCover(t.db, { asOf: "2025-06-30", baseCurrency: "CNY", customerIds: [id] }))[0],
    ).toMatchObject({
      insuredLimitMinor: 560_000_00,
    });
  });
});

describe("maximum liability and the nightly check", () => {
  it("scales the buyers' cover down pro rata when a policy's maximum liability is smaller than their sum", async () => {
    const a = await customer("CAP-A");
    const b = await customer("CAP-B");
    await policy("POL-CAP", { maxLiabilityMinor: 100_000_00 });
    for (const [c, limit] of [
      [a, 150_000_00],
      [b, 50_000_00],
    ] as const) {
      await recordInsurerDecision({
        handle: t,
        actor,
        input: {
          policy: "POL-CAP",
          customer: c,
          requestedMinor: limit,
          decidedMinor: limit,
          decidedOn: "2025-02-01",
        },
      });
    }
    // Max covers 135,000 + 45,000 = 180,000 > 100,000 liability: each × 100/180.
    const rows = await loadInsuredCover(t.db, {
      asOf: "2025-03-01",
      baseCurrency: "CNY",
      customerIds: [a, b],
    });
    expect(rows.map((r) => [r.customerId, r.insuredLimitMinor, r.maxCoverMinor])).toEqual([
      [a, 150_000_00, 75_000_00],
      [b, 50_000_00, 25_000_00],
    ]);
  });

  it("runs the nightly insurance check once per day, whatever the number of schedulers", async () => {
    const lines: string[] = [];
    await runNightlyInsuranceCheck(t, "2025-03-02", "one", (l) => lines.push(l));
    await runNightlyInsuranceCheck(t, "2025-03-02", "two", (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nightly insurance check 2025-03-02/);
  });
});

describe("shipping above the insured limit", () => {
  it("warns while exposure with open orders exceeds the insured limit, once, and not for a buyer within it", async () => {
    const over = await customer("OVER");
    const within = await customer("WITHIN");
    await policy("POL-OVER");
    for (const c of [over, within]) {
      const req = await requestInsuredLimit({
        handle: t,
        actor,
        policy: "POL-OVER",
        customer: c,
        requestedMinor: 300_000_00,
        requestedOn: "2025-02-01",
      });
      await recordInsurerDecision({
        handle: t,
        actor,
        input: {
          requestId: req.id,
          requestedMinor: 300_000_00,
          decidedMinor: 200_000_00,
          decidedOn: "2025-02-10",
          conditions: "payment terms ≤ 90 days",
        },
      });
    }
    await invoice(over, "OVER-1", "2025-07-30", 150_000_00);
    await t.db.insert(salesOrders).values({
      orderNumber: "SO-OVER",
      customerId: over,
      orderedOn: "2025-06-01",
      currency: "CNY",
      orderedMinor: 90_000_00,
      status: "open",
    });
    await invoice(within, "WITHIN-1", "2025-07-30", 150_000_00);

    const positions = await listInsuredPositions({
      handle: t,
      asOf: "2025-06-15",
      customerIds: [over, within],
    });
    const o = positions.find((p) => p.customerId === over)!;
    expect(o).toMatchObject({
      exposureMinor: 240_000_00,
      excessMinor: 40_000_00,
      overLimit: true,
      coverMinor: 180_000_00,
    });
    expect(o.latest.decision).toBe("partial");
    expect(positions.find((p) => p.customerId === within)).toMatchObject({
      overLimit: false,
      excessMinor: 0,
    });

    const run = await checkInsurance({ handle: t, asOf: "2025-06-15", customerIds: [over, within] });
    expect(run.overLimit).toBe(1);
    await checkInsurance({ handle: t, asOf: "2025-06-16", customerIds: [over, within] });
    const raised = await alertsOf(over, "insurance_over_limit");
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      key: "POL-OVER",
      measuredValue: 240_000,
      threshold: 200_000,
      department: "credit",
    });
    expect(await alertsOf(within, "insurance_over_limit")).toHaveLength(0);
  });
});

describe("insurer decisions and claims", () => {
  it("records each decision with its audit entry and refuses a decision that contradicts its amounts", async () => {
    await customer("DEC");
    await policy("POL-DEC");
    const d = await recordInsurerDecision({
      handle: t,
      actor,
      input: {
        policy: "POL-DEC",
        customer: "DEC",
        requestedMinor: 100_000_00,
        decidedMinor: 60_000_00,
        decidedOn: "2025-03-01",
        insurerReference: "CL-123",
      },
    });
    expect(d.decision).toBe("partial");
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "insurance.limit.decision"), eq(auditLog.entityId, String(d.id))));
    expect(entry).toMatchObject({ actor: "credit.mgr" });
    expect(entry!.after).toMatchObject({
      decision: "partial",
      decidedMinor: 60_000_00,
      requestedMinor: 100_000_00,
      insurerReference: "CL-123",
    });
    await expect(
      recordInsurerDecision({
        handle: t,
        actor,
        input: {
          policy: "POL-DEC",
          customer: "DEC",
          requestedMinor: 100_000_00,
          decidedMinor: 60_000_00,
          decision: "full",
          decidedOn: "2025-03-01",
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("takes a claim from filed through review to paid, refusing moves out of order", async () => {
    await customer("CLM");
    await policy("POL-CLM");
    const claim = await fileInsuranceClaim({
      handle: t,
      actor,
      input: {
        reference: "CLAIM-1",
        policy: "POL-CLM",
        customer: "CLM",
        claimedMinor: 100_000_00,
        filedOn: "2025-06-01",
      },
    });
    expect(claim).toMatchObject({
      status: "filed",
      expectedIndemnityMinor: 90_000_00,
      payableFrom: "2025-10-29",
    });
    await expect(
      moveInsuranceClaim({ handle: t, actor, claim: "CLAIM-1", to: "paid", indemnityPaidMinor: 90_000_00 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await moveInsuranceClaim({ handle: t, actor, claim: "CLAIM-1", to: "under_review", on: "2025-06-10" });
    await expect(
      moveInsuranceClaim({
        handle: t,
        actor,
        claim: "CLAIM-1",
        to: "paid",
        on: "2025-11-01",
        indemnityPaidMinor: 200_000_00,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const paid = await moveInsuranceClaim({
      handle: t,
      actor,
      claim: "CLAIM-1",
      to: "paid",
      on: "2025-11-01",
      indemnityPaidMinor: 90_000_00,
    });
    expect(paid).toMatchObject({
      status: "paid",
      indemnityPaidMinor: 90_000_00,
      paidOn: "2025-11-01",
      reviewStartedOn: "2025-06-10",
    });
    await expect(
      moveInsuranceClaim({ handle: t, actor, claim: "CLAIM-1", to: "rejected", reason: "late" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const full = await getInsuranceClaim({ handle: t, claim: "CLAIM-1" });
    expect(full.events.map((e) => e.status)).toEqual(["filed", "under_review", "paid"]);
    const audits = await t.db.select().from(auditLog).where(like(auditLog.action, "insurance.claim.%"));
    expect(audits.filter((a) => a.entityId === "CLAIM-1").map((a) => a.action)).toEqual([
      "insurance.claim.file",
      "insurance.claim.under_review",
      "insurance.claim.paid",
    ]);

    await fileInsuranceClaim({
      handle: t,
      actor,
      input: {
        reference: "CLAIM-2",
        policy: "POL-CLM",
        customer: "CLM",
        claimedMinor: 5_000_00,
        filedOn: "2025-06-01",
      },
    });
    await expect(
      moveInsuranceClaim({ handle: t, actor, claim: "CLAIM-2", to: "rejected" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const rejected = await moveInsuranceClaim({
      handle: t,
      actor,
      claim: "CLAIM-2",
      to: "rejected",
      on: "2025-06-05",
      reason: "not notified in time",
    });
    expect(rejected).toMatchObject({
      status: "rejected",
      rejectionReason: "not notified in time",
      decidedOn: "2025-06-05",
    });
    const events = await t.db
      .select()
      .from(insuranceClaimEvents)
      .where(eq(insuranceClaimEvents.claimId, rejected.id));
    expect(events.map((e) => e.status)).toEqual(["filed", "rejected"]);
  });
});
