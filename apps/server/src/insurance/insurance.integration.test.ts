import { auditLog, customers, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let s: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await startTestServer(t);
  await t.db.insert(customers).values([
    { code: "HTTP-INS", legalName: "保险买方有限公司", salesOwner: "someone-else" },
    { code: "HTTP-MINE", legalName: "Mine Ltd", salesOwner: "test-sales" },
  ]);
  const [c] = await t.db.select().from(customers).where(eq(customers.code, "HTTP-INS"));
  await t.db.insert(invoices).values([
    {
      invoiceNumber: "HI-1",
      customerId: c!.id,
      issuedOn: "2025-01-02",
      dueOn: "2025-03-10",
      currency: "CNY",
      amountMinor: 300_000_00,
    },
    {
      invoiceNumber: "HI-2",
      customerId: c!.id,
      issuedOn: "2025-01-02",
      dueOn: "2025-09-10",
      currency: "CNY",
      amountMinor: 50_000_00,
    },
  ]);
});
afterAll(async () => {
  await s?.close();
  await t.close();
});

describe("insurance and factoring over HTTP", () => {
  it("records a policy, an insurer decision, a notification and a claim, and shows the customer's file", async () => {
    const policy = await s.request("POST", "/insurance/policies", {
      policyNumber: "HTTP-POL",
      insurer: "Sinosure",
      currency: "CNY",
      indemnityBps: 9_000,
      notificationDeadlineDays: 60,
      warnDaysBefore: 7,
      waitingPeriodDays: 150,
      validFrom: "2025-01-01",
    });
    expect(policy.status).toBe(201);
    expect((await s.request("POST", "/insurance/policies", { policyNumber: "X" })).status).toBe(400);

    const request = await s.request("POST", "/insurance/limits/requests", {
      policy: "HTTP-POL",
      customer: "HTTP-INS",
      requestedMinor: 400_000_00,
      requestedOn: "2025-01-10",
    });
    expect(request.status).toBe(201);
    expect(request.body.decision).toBe("pending");
    const decision = await s.request("POST", "/insurance/limits/decisions", {
      requestId: request.body.id,
      requestedMinor: 400_000_00,
      decidedMinor: 250_000_00,
      decidedOn: "2025-01-20",
      conditions: "max 90 days terms",
    });
    expect(decision.status).toBe(201);
    expect(decision.body).toMatchObject({
      decision: "partial",
      decidedMinor: 250_000_00,
      decisionRecordedBy: s.login,
    });
    const again = await s.request("POST", "/insurance/limits/decisions", {
      requestId: request.body.id,
      requestedMinor: 400_000_00,
      decidedMinor: 0,
      decidedOn: "2025-01-21",
    });
    expect(again.status).toBe(409);

    const deadlines = await s.request("GET", "/insurance/deadlines?asOf=2025-05-03");
    expect(deadlines.status).toBe(200);
    expect(deadlines.body.items).toEqual([
      expect.objectContaining({
        invoiceNumber: "HI-1",
        state: "warning",
        deadline: "2025-05-09",
        daysLeft: 6,
      }),
    ]);
    const check = await s.request("POST", "/insurance/check", { asOf: "2025-05-03" });
    expect(check.status).toBe(200);
    // 350,000 exposure over a 250,000 insured limit, and HI-1 inside its warning window.
    expect(check.body).toMatchObject({ deadlineWarnings: 1, overLimit: 1, alertsOpened: 2 });
    const alerts = await s.request("GET", "/alerts?customer=HTTP-INS");
    expect(alerts.body.items.map((a: { ruleCode: string }) => a.ruleCode).sort()).toEqual([
      "insurance_notification_deadline",
      "insurance_over_limit",
    ]);

    const notified = await s.request("POST", "/insurance/notifications", {
      policy: "HTTP-POL",
      customer: "HTTP-INS",
      invoices: ["HI-1"],
      filedOn: "2025-05-05",
    });
    expect(notified.status).toBe(201);
    const claim = await s.request("POST", "/insurance/claims", {
      reference: "HTTP-CLAIM",
      policy: "HTTP-POL",
      customer: "HTTP-INS",
      claimedMinor: 250_000_00,
      filedOn: "2025-08-01",
      notificationId: notified.body.id,
    });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ expectedIndemnityMinor: 225_000_00, payableFrom: "2025-10-02" });
    expect(
      (
        await s.request("POST", "/insurance/claims/HTTP-CLAIM/status", {
          status: "paid",
          indemnityPaidMinor: 1,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await s.request("POST", "/insurance/claims/HTTP-CLAIM/status", {
          status: "under_review",
          on: "2025-08-05",
        })
      ).status,
    ).toBe(200);

    const file = await s.request("GET", "/customers/HTTP-INS/insurance?asOf=2025-06-01");
    expect(file.status).toBe(200);
    // Gross 350,000; insured share min(350,000, 250,000) × 90 % = 225,000.
    expect(file.body.exposure).toMatchObject({
      grossMinor: 350_000_00,
      insuredMinor: 225_000_00,
      netMinor: 125_000_00,
    });
    expect(file.body.positions[0]).toMatchObject({ overLimit: true, excessMinor: 100_000_00 });
    expect(file.body.claims[0]).toMatchObject({ reference: "HTTP-CLAIM", status: "under_review" });

    const audited = await t.db.select().from(auditLog).where(like(auditLog.action, "insurance.%"));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "insurance.policy.create",
        "insurance.limit.request",
        "insurance.limit.decision",
        "insurance.claim.under_review",
      ]),
    );
    expect(audited.find((a) => a.action === "insurance.limit.decision")?.actor).toBe(s.login);
  });

  it("sells an invoice without recourse and takes it out of the customer's exposure", async () => {
    const agreement = await s.request("POST", "/factoring/agreements", {
      reference: "HTTP-FA",
      factor: "Ping An Factoring",
      currency: "CNY",
      withRecourse: false,
      advanceRateBps: 8_500,
      feeBps: 100,
      validFrom: "2025-01-01",
    });
    expect(agreement.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const before = await s.request("GET", "/customers/HTTP-INS/exposure");
    const sold = await s.request("POST", "/factoring/receivables", {
      agreement: "HTTP-FA",
      mode: "sold",
      invoices: ["HI-2"],
      assignedOn: today,
    });
    expect(sold.status).toBe(201);
    expect(sold.body.items[0]).toMatchObject({ advanceMinor: 42_500_00, removedFromExposure: true });
    const after = await s.request("GET", "/customers/HTTP-INS/exposure");
    expect(before.body.parts.openReceivablesMinor - after.body.parts.openReceivablesMinor).toBe(50_000_00);
    const listed = await s.request("GET", "/factoring/receivables?customer=HTTP-INS");
    expect(listed.body.items).toHaveLength(1);
  });

  it("needs insurance permissions and keeps sales users out", async () => {
    const sales = await s.as("sales");
    expect((await sales.request("GET", "/insurance/policies")).status).toBe(403);
    expect((await sales.request("GET", "/customers/HTTP-MINE/insurance")).status).toBe(403);
    const viewer = await s.as("viewer");
    expect((await viewer.request("GET", "/insurance/limits")).status).toBe(200);
    expect((await viewer.request("POST", "/insurance/check", {})).status).toBe(403);
    const anonymous = await s.as(null);
    expect((await anonymous.request("GET", "/insurance/claims")).status).toBe(401);
    const ar = await s.as("finance_ar");
    expect((await ar.request("POST", "/insurance/check", {})).status).toBe(200);
  });
});
