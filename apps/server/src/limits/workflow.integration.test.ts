import { creditSegments, limitRequests } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { createUser } from "@creditdesk/lib/identity";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let admin: TestServer;
let sales: TestServer;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await startTestServer(t);
  sales = await admin.as("sales");
  await createUser({ handle: t, actor: "test", input: { login: "wang", role: "sales", team: "north" } });
  for (const [code, salesOwner] of [
    ["SEG-1", "test-sales"],
    ["MINE-1", "test-sales"],
    ["THEIRS-1", "wang"],
  ] as const) {
    expect(
      (await admin.request("POST", "/customers", { code, legalName: `${code} 公司`, salesOwner })).status,
    ).toBe(201);
  }
});
afterAll(async () => {
  await admin?.close();
  await t?.close();
});

const limit = (customer: string, segment: string | undefined, amountMinor: number) =>
  admin.request("POST", `/customers/${customer}/limits`, {
    ...(segment ? { segment } : {}),
    currency: "CNY",
    amountMinor,
    validFrom: today,
  });

describe("credit segments", () => {
  const export_ = {
    name: "出口业务",
    config: {
      steps: [
        { step: "credit_status" },
        { step: "static_limit" },
        { step: "max_document_value", maxMinor: 50_000_00 },
      ],
      watchUtilisation: 0.8,
      reservationTtlMinutes: 60,
    },
  };

  it("creates a segment whose check steps the next credit check of that segment runs", async () => {
    const created = await admin.request("PUT", "/credit-segments/export", export_);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "export", stored: true, config: export_.config });
    expect((await limit("SEG-1", "export", 1_000_000_00)).status).toBe(201);
    const check = (orderReference: string, amountMinor: number) =>
      admin.request("POST", "/credit-checks", {
        customer: "SEG-1",
        segment: "export",
        amountMinor,
        currency: "CNY",
        orderReference,
      });
    expect((await check("SEG-O1", 40_000_00)).body.outcome).toBe("approved");
    const big = await check("SEG-O2", 60_000_00);
    expect(big.body.outcome).toBe("blocked");
    expect(big.body.reasons.map((r: { code: string }) => r.code)).toContain("DOCUMENT_VALUE_EXCEEDED");
    // Replacing it (200) raises the document maximum; the audit trail holds before and after.
    const raised = {
      ...export_,
      config: {
        ...export_.config,
        steps: [{ step: "static_limit" }, { step: "max_document_value", maxMinor: 100_000_00 }],
      },
    };
    expect((await admin.request("PUT", "/credit-segments/export", raised)).status).toBe(200);
    expect((await check("SEG-O3", 60_000_00)).body.outcome).toBe("approved");
    const audit = await admin.request("GET", "/audit?entity=credit_segment&entityId=export");
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      "credit_segment.update",
      "credit_segment.create",
    ]);
    expect(audit.body.items[0].before.config.steps).toHaveLength(3);
    expect(audit.body.items[0].after.config.steps).toHaveLength(2);
  });

  it("lists the shipped default until it is configured, and reads one segment", async () => {
    const list = await admin.request("GET", "/credit-segments");
    expect(list.body.items.map((s: { code: string; stored: boolean }) => [s.code, s.stored])).toEqual([
      ["default", false],
      ["export", true],
    ]);
    expect((await admin.request("GET", "/credit-segments/default")).body.config.steps.length).toBeGreaterThan(
      0,
    );
    expect((await admin.request("GET", "/credit-segments/nope")).status).toBe(404);
  });

  it.each([
    ["a step twice", { steps: [{ step: "static_limit" }, { step: "static_limit" }] }],
    ["an unknown step", { steps: [{ step: "horoscope" }] }],
    ["a negative threshold", { steps: [{ step: "max_document_value", maxMinor: -1 }] }],
    ["no steps", { steps: [] }],
    ["a zero reservation lifetime", { reservationTtlMinutes: 0 }],
  ])("refuses %s with 400 and changes nothing", async (_, patch) => {
    const before = await t.db.select().from(creditSegments);
    const response = await admin.request("PUT", "/credit-segments/export", {
      ...export_,
      config: { ...export_.config, ...patch },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect(await t.db.select().from(creditSegments)).toEqual(before);
  });

  it("lets only a role with limits:configure edit segments", async () => {
    const manager = await admin.as("credit_manager");
    expect((await manager.request("GET", "/credit-segments")).status).toBe(200);
    expect((await manager.request("PUT", "/credit-segments/export", export_)).status).toBe(403);
  });
});

describe("sales data scope on limits", () => {
  const request = (customer: string) => ({
    customer,
    kind: "new",
    currency: "CNY",
    requestedMinor: 10_000_00,
    validFrom: today,
    justification: "新客户",
  });

  it("lets a sales user request limits only for their own customers, refusing others before writing", async () => {
    const count = async () =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(limitRequests))[0]?.n;
    const before = await count();
    expect((await sales.request("POST", "/limit-requests", request("THEIRS-1"))).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await sales.request("POST", "/limit-requests", request("MINE-1"))).status).toBe(201);
    expect((await admin.request("POST", "/limit-requests", request("THEIRS-1"))).status).toBe(201);
  });

  it("shows a sales user only their customers' limits, requests and blocked orders", async () => {
    for (const customer of ["MINE-1", "THEIRS-1"]) {
      // No limit yet in the default segment: both orders block.
      const check = await admin.request("POST", "/credit-checks", {
        customer,
        amountMinor: 1_00,
        currency: "CNY",
        orderReference: `SC-${customer}`,
      });
      expect(check.body.outcome).toBe("blocked");
    }
    const [theirs] = await t.db
      .select()
      .from(limitRequests)
      .where(eq(limitRequests.requestedBy, "test-admin"));
    const mineIds = new Set(
      (await admin.request("GET", "/customers/MINE-1")).body.id
        ? [(await admin.request("GET", "/customers/MINE-1")).body.id]
        : [],
    );
    const requests = await sales.request("GET", "/limit-requests");
    expect(requests.body.items.length).toBeGreaterThan(0);
    expect(requests.body.items.every((r: { customerId: number }) => mineIds.has(r.customerId))).toBe(true);
    expect((await sales.request("GET", `/limit-requests/${theirs?.id}`)).status).toBe(404);
    expect((await admin.request("GET", `/limit-requests/${theirs?.id}`)).status).toBe(200);
    const blocked = await sales.request("GET", "/blocked-orders");
    // SEG-1 (its blocked order SEG-O2 above) is the sales user's customer too; THEIRS-1 is not.
    expect(blocked.body.items.map((b: { orderReference: string }) => b.orderReference).sort()).toEqual([
      "SC-MINE-1",
      "SEG-O2",
    ]);
    expect((await admin.request("GET", "/blocked-orders")).body.items.length).toBeGreaterThanOrEqual(2);
    expect((await sales.request("GET", "/customers/THEIRS-1/limits")).status).toBe(404);
    expect((await sales.request("GET", "/customers/MINE-1/limits")).status).toBe(200);
    expect((await sales.request("GET", "/customers/THEIRS-1/exposure")).status).toBe(404);
  });
});

describe("multi-level approval over HTTP", () => {
  it("takes a 5 m request from sales through level 1 (an analyst) and level 2 (a manager), each signed by another person", async () => {
    const created = await sales.request("POST", "/limit-requests", {
      customer: "MINE-1",
      kind: "raise",
      currency: "CNY",
      requestedMinor: 5_000_000_00,
      validFrom: today,
      justification: "大项目",
    });
    expect(created.body).toMatchObject({ approvalLevels: [1, 2], currentLevel: 1 });
    const id = created.body.id;
    // Level 1 ("credit_analyst up to 1 m" in the default matrix) is signed by an analyst, who may
    // not sign level 2 as well (above their authority, and four eyes per level).
    const analyst = await admin.as("credit_analyst");
    const first = await analyst.request("POST", `/limit-requests/${id}/decision`, { decision: "approve" });
    expect(first.body, JSON.stringify(first.body)).toMatchObject({ status: "pending", currentLevel: 2 });
    const again = await analyst.request("POST", `/limit-requests/${id}/decision`, { decision: "approve" });
    expect(again.status).toBe(403);
    expect(
      (await sales.request("POST", `/limit-requests/${id}/decision`, { decision: "approve" })).status,
    ).toBe(403);
    const manager = await admin.as("credit_manager");
    const done = await manager.request("POST", `/limit-requests/${id}/decision`, { decision: "approve" });
    expect(done.body, JSON.stringify(done.body)).toMatchObject({
      status: "approved",
      currentLevel: null,
      decidedBy: "test-credit-manager",
    });
    expect(
      done.body.steps.map((s: { action: string; actorId: string; level: number | null }) => [
        s.action,
        s.actorId,
        s.level,
      ]),
    ).toEqual([
      ["submitted", "test-sales", null],
      ["approved", "test-credit-analyst", 1],
      ["approved", "test-credit-manager", 2],
    ]);
  });

  it("lets an analyst approve within their authority but never their own request", async () => {
    const analyst = await admin.as("credit_analyst");
    const own = await analyst.request("POST", "/limit-requests", {
      customer: "MINE-1",
      kind: "raise",
      currency: "CNY",
      requestedMinor: 500_000_00,
      validFrom: today,
      justification: "季节性备货",
    });
    expect(own.body).toMatchObject({ approvalLevels: [1], currentLevel: 1 });
    const self = await analyst.request("POST", `/limit-requests/${own.body.id}/decision`, {
      decision: "approve",
    });
    expect(self.status).toBe(403);
    const fromSales = await sales.request("POST", "/limit-requests", {
      customer: "MINE-1",
      kind: "raise",
      currency: "CNY",
      requestedMinor: 600_000_00,
      validFrom: today,
      justification: "新合同",
    });
    const signed = await analyst.request("POST", `/limit-requests/${fromSales.body.id}/decision`, {
      decision: "approve",
    });
    expect(signed.body, JSON.stringify(signed.body)).toMatchObject({
      status: "approved",
      decidedBy: "test-credit-analyst",
    });
  });
});
