import { customers, domainEvents, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../identity/create-user.ts";
import { resolveBlockedOrder } from "./blocked-orders.ts";
import { checkCredit } from "./check-credit.ts";
import { decideLimitRequest, requestLimitChange, resubmitLimitRequest } from "./limit-requests.ts";
import { getCustomerLimits, listCurrentLimits } from "./list-limits.ts";
import { setCreditLimit } from "./set-credit-limit.ts";

let t: TestDatabase;
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const analyst = { id: "zhang", role: "credit_analyst" };
const analyst2 = { id: "zhao", role: "credit_analyst" };
const manager = { id: "wang", role: "credit_manager" };

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(customers).values([
    { code: "REQ", legalName: "申请客户" },
    { code: "LOW", legalName: "降额客户" },
    { code: "TMP", legalName: "临时额度客户" },
    { code: "MLV", legalName: "多级审批客户" },
    { code: "OWN", legalName: "个人权限客户" },
  ]);
  // A manager whose own approval limit (1,000,000.00) is far below the role's 10,000,000.00.
  await createUser({
    handle: t,
    actor: "test",
    input: {
      login: "qian",
      role: "credit_manager",
      approvalLimitMinor: 1_000_000_00,
      approvalLimitCurrency: "CNY",
    },
  });
});
afterAll(() => t.close());

describe("limit requests", () => {
  it("routes by amount, refuses the requester and too small an authority, and approves with history", async () => {
    const request = await requestLimitChange({
      handle: t,
      actor: analyst,
      input: {
        customer: "REQ",
        kind: "new",
        currency: "CNY",
        requestedMinor: 2_000_000_00, // above the analyst's 1,000,000.00
        validFrom: today,
        justification: "年度框架合同",
      },
    });
    expect(request).toMatchObject({ status: "pending", requiredRole: "credit_manager", requiredLevel: 2 });
    expect(request.steps.map((s) => s.action)).toEqual(["submitted"]);
    await expect(
      decideLimitRequest({
        handle: t,
        id: request.id,
        decision: "approve",
        actor: { ...analyst, role: "admin" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("four eyes") });
    await expect(
      decideLimitRequest({ handle: t, id: request.id, decision: "approve", actor: analyst2 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const sentBack = await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "send_back",
      comment: "请附财务报表",
      actor: analyst2,
    });
    expect(sentBack.status).toBe("sent_back");
    await resubmitLimitRequest({ handle: t, id: request.id, actor: analyst, justification: "已附报表" });
    const approved = await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "approve",
      actor: manager,
    });
    expect(approved.status).toBe("approved");
    expect(approved.steps.map((s) => [s.action, s.actorId])).toEqual([
      ["submitted", "zhang"],
      ["sent_back", "zhao"],
      ["resubmitted", "zhang"],
      ["approved", "wang"],
    ]);
    const limits = await getCustomerLimits({ handle: t, customer: "REQ" });
    expect(limits.effective).toMatchObject({ amountMinor: 2_000_000_00, requestId: request.id });
    await expect(
      decideLimitRequest({ handle: t, id: request.id, decision: "reject", comment: "x", actor: manager }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const events = await t.db.select().from(domainEvents).where(eq(domainEvents.type, "limit.changed"));
    expect(events).toHaveLength(1);
  });

  it("flags lowering below the current exposure and keeps the superseded limit", async () => {
    const [c] = await t.db.select().from(customers).where(eq(customers.code, "LOW"));
    await setCreditLimit({
      handle: t,
      input: { customer: "LOW", currency: "CNY", amountMinor: 500_000_00, validFrom: today },
      actorId: "admin",
    });
    await t.db.insert(invoices).values({
      invoiceNumber: "LOW-1",
      customerId: c!.id,
      issuedOn: today,
      dueOn: day(30),
      currency: "CNY",
      amountMinor: 300_000_00,
    });
    const lower = await requestLimitChange({
      handle: t,
      actor: analyst,
      input: {
        customer: "LOW",
        kind: "lower",
        currency: "CNY",
        requestedMinor: 100_000_00,
        validFrom: today,
        justification: "付款恶化",
      },
    });
    expect(lower).toMatchObject({ belowExposure: true, exposureMinor: 300_000_00, currentMinor: 500_000_00 });
    await decideLimitRequest({ handle: t, id: lower.id, decision: "approve", actor: analyst2 });
    const limits = await getCustomerLimits({ handle: t, customer: "LOW" });
    expect(limits.effective?.amountMinor).toBe(100_000_00);
    expect(limits.history).toHaveLength(2);
    expect(limits.history[1]).toMatchObject({
      amountMinor: 500_000_00,
      supersededById: limits.effective?.id,
    });
  });

  it("lets a temporary limit lapse on its own", async () => {
    await setCreditLimit({
      handle: t,
      input: { customer: "TMP", currency: "CNY", amountMinor: 100_00, validFrom: day(-10) },
      actorId: "admin",
    });
    await setCreditLimit({
      handle: t,
      input: {
        customer: "TMP",
        kind: "temporary",
        currency: "CNY",
        amountMinor: 1_000_00,
        validFrom: day(-1),
        validTo: day(2),
      },
      actorId: "admin",
    });
    const [c] = await t.db.select().from(customers).where(eq(customers.code, "TMP"));
    const now = await listCurrentLimits({ handle: t, customerId: c!.id, segment: "default", asOf: today });
    expect(now.effective).toMatchObject({ kind: "temporary", amountMinor: 1_000_00 });
    const later = await listCurrentLimits({ handle: t, customerId: c!.id, segment: "default", asOf: day(3) });
    expect(later.effective).toMatchObject({ kind: "standard", amountMinor: 100_00 });
    const checkToday = await checkCredit({
      handle: t,
      input: { customer: "TMP", amountMinor: 500_00, currency: "CNY", orderReference: "TMP-1" },
    });
    expect(checkToday).toMatchObject({ outcome: "approved", limitMinor: 1_000_00 });
    const inThreeDays = await checkCredit({
      handle: t,
      input: { customer: "TMP", amountMinor: 50_00, currency: "CNY", orderReference: "TMP-2" },
      now: new Date(Date.now() + 3 * 86_400_000),
    });
    expect(inThreeDays).toMatchObject({ outcome: "blocked", limitMinor: 100_00 });
  });

  it("passes a 5 m request from sales through level 1 and level 2, each approved by another person", async () => {
    const sales = { id: "xiao", role: "sales" };
    const request = await requestLimitChange({
      handle: t,
      actor: sales,
      input: {
        customer: "MLV",
        kind: "new",
        currency: "CNY",
        requestedMinor: 5_000_000_00,
        validFrom: today,
        justification: "新项目",
      },
    });
    expect(request).toMatchObject({ approvalLevels: [1, 2], currentLevel: 1, requiredLevel: 2 });
    const first = await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "approve",
      actor: analyst,
    });
    expect(first).toMatchObject({ status: "pending", currentLevel: 2, limitId: null });
    expect((await getCustomerLimits({ handle: t, customer: "MLV" })).effective).toBeNull();
    // Level 2: not the level-1 approver again (even were they a manager), not an analyst.
    await expect(
      decideLimitRequest({
        handle: t,
        id: request.id,
        decision: "approve",
        actor: { ...analyst, role: "credit_manager" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("already approved") });
    await expect(
      decideLimitRequest({ handle: t, id: request.id, decision: "approve", actor: analyst2 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("level 2") });
    const done = await decideLimitRequest({ handle: t, id: request.id, decision: "approve", actor: manager });
    expect(done).toMatchObject({ status: "approved", currentLevel: null, decidedBy: "wang" });
    expect(done.steps.map((s) => [s.action, s.actorId, s.level])).toEqual([
      ["submitted", "xiao", null],
      ["approved", "zhang", 1],
      ["approved", "wang", 2],
    ]);
    expect((await getCustomerLimits({ handle: t, customer: "MLV" })).effective?.amountMinor).toBe(
      5_000_000_00,
    );
  });

  it("restarts the chain when a sent-back request is resubmitted", async () => {
    const sales = { id: "xiao", role: "sales" };
    const request = await requestLimitChange({
      handle: t,
      actor: sales,
      input: {
        customer: "MLV",
        kind: "raise",
        currency: "CNY",
        requestedMinor: 6_000_000_00,
        validFrom: today,
        justification: "追加",
      },
    });
    await decideLimitRequest({ handle: t, id: request.id, decision: "approve", actor: analyst });
    await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "send_back",
      comment: "补充材料",
      actor: manager,
    });
    const again = await resubmitLimitRequest({
      handle: t,
      id: request.id,
      actor: sales,
      justification: "已补充",
    });
    expect(again).toMatchObject({ status: "pending", currentLevel: 1 });
    // The level-1 approval before the send-back no longer counts: zhang may approve level 1 again.
    const first = await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "approve",
      actor: analyst,
    });
    expect(first.currentLevel).toBe(2);
  });

  it("holds a manager to their own 1 m approval limit for a 5 m request and a 5 m blocked order", async () => {
    const request = await requestLimitChange({
      handle: t,
      actor: analyst,
      input: {
        customer: "OWN",
        kind: "new",
        currency: "CNY",
        requestedMinor: 5_000_000_00,
        validFrom: today,
        justification: "大额",
      },
    });
    expect(request).toMatchObject({ approvalLevels: [2], currentLevel: 2 });
    const qian = { id: "qian", role: "credit_manager" };
    await expect(
      decideLimitRequest({ handle: t, id: request.id, decision: "approve", actor: qian }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("own approval limit") });
    // Rejecting needs no authority over the amount.
    const rejected = await decideLimitRequest({
      handle: t,
      id: request.id,
      decision: "reject",
      comment: "超出权限",
      actor: qian,
    });
    expect(rejected.status).toBe("rejected");

    // The same limit binds releasing a blocked order (OWN has no credit limit: every order blocks).
    const blocked = await checkCredit({
      handle: t,
      input: { customer: "OWN", amountMinor: 5_000_000_00, currency: "CNY", orderReference: "OWN-1" },
      actorId: "sales-li",
    });
    expect(blocked.outcome).toBe("blocked");
    const release = (actor: { id: string; role: string }) =>
      resolveBlockedOrder({
        handle: t,
        id: blocked.id,
        action: "release",
        condition: "prepayment_received",
        comment: "预付款已到",
        actor,
      });
    await expect(release(qian)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("own approval limit"),
    });
    expect(await release(manager)).toMatchObject({ blockStatus: "released" });
  });
});
