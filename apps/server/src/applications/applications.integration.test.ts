import { usccCheckSymbol } from "@creditdesk/core/identifiers";
import { configureRolePermissions, DEFAULT_ROLE_PERMISSIONS } from "@creditdesk/core/identity";
import { externalRatings, financialStatements } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { pdfText } from "@creditdesk/lib/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let admin: TestServer;
let sales: TestServer;
let manager: TestServer;
let analyst: TestServer;
const uscc = (first17: string) => first17 + usccCheckSymbol(first17);
const pdf = Buffer.from("%PDF-1.4\n%licence\n").toString("base64");

const application = {
  legalName: "佛山市某某陶瓷有限公司",
  registrationType: "uscc",
  registrationId: uscc("91440600MA4UXXXX1"),
  foundedOn: "2015-05-20",
  address: "佛山市南海区桂城街道",
  phone: "0757-8600 1234",
  email: "fin@fs-ceramic.cn",
  bankAccount: "4400 1234 5678 9012",
  references: [{ kind: "bank", name: "佛山农商银行" }],
  currency: "CNY",
  requestedLimitMinor: 30_000_000,
  requestedTermsDays: 45,
  statedMonthlyNeedMinor: 10_000_000,
};

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await startTestServer(t);
  [sales, manager, analyst] = await Promise.all([
    admin.as("sales"),
    admin.as("credit_manager"),
    admin.as("credit_analyst"),
  ]);
});
afterAll(async () => {
  await admin?.close();
  await t?.close();
});

describe("credit applications over HTTP", () => {
  it("takes an application from sales, screens it, and lets a manager (not sales) decide it", async () => {
    const created = await sales.request("POST", "/applications", {
      ...application,
      documents: [
        {
          kind: "business_licence",
          fileName: "营业执照.pdf",
          contentType: "application/pdf",
          contentBase64: pdf,
        },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({
      status: "submitted",
      createdBy: "test-sales",
      customerStatus: "prospect",
    });
    // Sales see their own application in the list and its document.
    const listed = await sales.request("GET", "/applications");
    expect(listed.body.items.map((a: { id: number }) => a.id)).toContain(id);
    const doc = await fetch(`${admin.base}/applications/${id}/documents/${created.body.documents[0].id}`, {
      headers: { authorization: `Bearer ${sales.token}` },
    });
    expect(doc.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await doc.arrayBuffer()).toString("base64")).toBe(pdf);

    const checked = await analyst.request("POST", `/applications/${id}/check`);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: "in_review", signals: [], duplicates: [] });
    expect(checked.body.approvalBlockers.map((b: { code: string }) => b.code)).toEqual([
      "CHECKLIST_INCOMPLETE",
    ]);

    // Sales may not decide (no applications:decide); an incomplete checklist blocks the manager.
    expect(
      (await sales.request("POST", `/applications/${id}/decision`, { decision: "approve" })).status,
    ).toBe(403);
    const blocked = await manager.request("POST", `/applications/${id}/decision`, { decision: "approve" });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain("checklist incomplete");

    const customerId = created.body.customerId as number;
    await t.db.insert(financialStatements).values({
      customerId,
      periodEnd: "2024-12-31",
      currency: "CNY",
      currentAssets: 90_000_000,
      totalAssets: 200_000_000,
      currentLiabilities: 50_000_000,
      totalLiabilities: 100_000_000,
      equity: 100_000_000,
      intangibleAssets: 0,
      revenue: 300_000_000,
      ebit: 20_000_000,
      netIncome: 12_000_000,
    });
    await t.db
      .insert(externalRatings)
      .values({ customerId, agency: "creditreform", rating: "BBB", ratedOn: "2025-01-10" });
    expect((await analyst.request("POST", `/applications/${id}/statement-analysis`, {})).status).toBe(201);
    const rating = await analyst.request("POST", `/applications/${id}/rating-pulls`, {});
    expect(rating.status).toBe(201);
    expect(rating.body).toMatchObject({ plan: "pull", report: { agency: "creditreform" } });
    for (const evidence of [
      { item: "registration", note: "公示系统已查", registryName: "佛山市某某陶瓷有限公司" },
      { item: "references", note: "银行确认账户正常", documentId: created.body.documents[0].id },
    ]) {
      expect((await analyst.request("POST", `/applications/${id}/evidence`, evidence)).status).toBe(201);
    }
    const approved = await manager.request("POST", `/applications/${id}/decision`, {
      decision: "approve",
      reason: "评估通过",
      limitMinor: 25_000_000,
      termsDays: 30,
      reviewOn: "2026-06-30",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: "approved",
      decidedBy: "test-credit-manager",
      customerStatus: "active",
      approvedLimitMinor: 25_000_000,
      reviewOn: "2026-06-30",
    });
    const limits = await manager.request("GET", `/customers/${customerId}/limits`);
    expect(JSON.stringify(limits.body)).toContain("25000000");

    const pdfAnswer = await fetch(`${admin.base}/applications/${id}/case-file`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(pdfAnswer.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdfAnswer.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const json = await manager.request("GET", `/applications/${id}/case-file?format=json`);
    expect(json.body.application.decision).toBe("approve");
    expect(json.body.trail.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["application.create", "application.check", "application.decide"]),
    );
  });

  it("lets a prospect submit the public form once, without signing in", async () => {
    const link = await sales.request("POST", "/applications/links", { prospectName: "某某客户" });
    expect(link.status).toBe(201);
    const anonymous = await admin.as(null);
    const token = link.body.token as string;
    expect((await anonymous.request("GET", `/public/applications/${token}`)).body.state).toBe("open");
    const tooBig = await anonymous.request("POST", `/public/applications/${token}`, {
      ...application,
      legalName: "东莞某某五金有限公司",
      registrationId: uscc("91441900MA4WXXXX2"),
      documents: [
        {
          kind: "other",
          fileName: "big.pdf",
          contentType: "application/pdf",
          contentBase64: Buffer.alloc(6 * 1024 * 1024, 37).toString("base64"),
        },
      ],
    });
    expect(tooBig.status).toBe(413);
    const submitted = await anonymous.request("POST", `/public/applications/${token}`, {
      ...application,
      legalName: "东莞某某五金有限公司",
      registrationId: uscc("91441900MA4WXXXX2"),
    });
    expect(submitted.status).toBe(201);
    expect(Object.keys(submitted.body).sort()).toEqual(["id", "reference"]);
    expect((await anonymous.request("GET", `/public/applications/${token}`)).body.state).toBe("used");
    const again = await anonymous.request("POST", `/public/applications/${token}`, {
      ...application,
      legalName: "再来一次有限公司",
    });
    expect(again.status).toBe(409);
    // The link's issuer owns the prospect and sees the application; four eyes count them as creator.
    const view = await sales.request("GET", `/applications/${submitted.body.id}`);
    expect(view.body).toMatchObject({ source: "public_form", createdBy: "test-sales" });
  });

  it("tells sales that other parties share the applicant's details, and their kind, but not who; credit staff see who", async () => {
    const other = await admin.request("POST", "/customers", {
      code: "HIDDEN-7731",
      legalName: "江门市隐名贸易有限公司",
      countryCode: "CN",
      salesOwner: "someone-else",
      bankAccounts: ["6217 0000 7777 8888"],
      phone: "0750-3300 1122",
    });
    expect(other.status).toBe(201);
    const created = await sales.request("POST", "/applications", {
      ...application,
      legalName: "中山市某某灯饰有限公司",
      registrationId: uscc("91442000MA5XXXX13"),
      bankAccount: "6217000077778888",
      phone: "0750 33001122",
      email: "ap@zs-lighting.cn",
      address: "中山市古镇镇同兴路8号",
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await analyst.request("POST", `/applications/${id}/check`)).status).toBe(200);
    // (The other customer's id is checked structurally: `id: null` below.)
    const secrets = ["江门市隐名贸易", "HIDDEN-7731"];

    // Credit staff judge the match: they see the other customer.
    const full = await manager.request("GET", `/applications/${id}`);
    expect(full.body.duplicates).toEqual([
      expect.objectContaining({ kind: "customer", id: other.body.id, name: "江门市隐名贸易有限公司" }),
    ]);
    const fullSignal = (full.body.signals as { code: string; explanation: { en: string } }[]).find(
      (x) => x.code === "shared_details",
    );
    expect(fullSignal?.explanation.en).toContain("江门市隐名贸易有限公司");

    // Sales learn that a customer shares the bank account and phone — not which one.
    const masked = await sales.request("GET", `/applications/${id}`);
    expect(masked.status).toBe(200);
    expect(masked.body.duplicates).toEqual([
      {
        kind: "customer",
        id: null,
        name: null,
        sameEntity: false,
        redacted: true,
        reasons: expect.arrayContaining([
          expect.objectContaining({ field: "bank_account" }),
          expect.objectContaining({ field: "phone" }),
        ]),
      },
    ]);
    const signal = (
      masked.body.signals as { code: string; severity: string; explanation: { en: string } }[]
    ).find((x) => x.code === "shared_details");
    expect(signal).toMatchObject({ severity: "high" });
    expect(signal?.explanation.en).toBe(
      "Shares bank account, phone with 1 other party (1 customer; names withheld)",
    );
    const json = await sales.request("GET", `/applications/${id}/case-file?format=json`);
    expect(json.status).toBe(200);
    const pdfAnswer = await fetch(`${admin.base}/applications/${id}/case-file?lang=en`, {
      headers: { authorization: `Bearer ${sales.token}` },
    });
    const pdfText_ = pdfText(Buffer.from(await pdfAnswer.arrayBuffer())).replace(/\s+/g, " ");
    expect(pdfText_).toContain("customer (name withheld): bank account, phone");
    for (const secret of secrets) {
      expect(JSON.stringify(masked.body)).not.toContain(secret);
      expect(JSON.stringify(json.body)).not.toContain(secret);
      expect(pdfText_).not.toContain(secret);
    }
    const managerPdf = await fetch(`${admin.base}/applications/${id}/case-file?lang=en`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(pdfText(Buffer.from(await managerPdf.arrayBuffer()))).toContain("江门市隐名贸易有限公司");
  });

  it("shows the other parties to a sales role given a credit permission of the screening", async () => {
    const table = configureRolePermissions({
      sales: [...DEFAULT_ROLE_PERMISSIONS.sales, "applications:clear-signals"],
    });
    const server = await startTestServer(t, { rolePermissions: table, as: "sales" });
    try {
      const { items } = (await server.request("GET", "/applications")).body as {
        items: { id: number; legalName: string }[];
      };
      const mine = items.find((a) => a.legalName === "中山市某某灯饰有限公司");
      expect(mine).toBeDefined();
      const view = await server.request("GET", `/applications/${mine!.id}`);
      expect(view.body.duplicates).toEqual([
        expect.objectContaining({ kind: "customer", name: "江门市隐名贸易有限公司" }),
      ]);
    } finally {
      await server.close();
    }
  });

  it("keeps a risk register per customer", async () => {
    const list = await admin.request("GET", "/applications");
    const customerId = list.body.items[0].customerId;
    const added = await analyst.request("POST", `/customers/${customerId}/risks`, {
      category: "reputation",
      description: "媒体报道产品质量问题",
      likelihood: 2,
      impact: 4,
      owner: "test-credit-analyst",
      mitigation: "跟踪整改",
      reviewOn: "2026-03-31",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ rating: 8, level: "medium" });
    const risks = await analyst.request("GET", `/customers/${customerId}/risks`);
    expect(risks.body.items.map((r: { description: string }) => r.description)).toEqual([
      "媒体报道产品质量问题",
    ]);
    const bad = await analyst.request("POST", `/customers/${customerId}/risks`, {
      category: "weather",
      description: "x",
      likelihood: 9,
      impact: 1,
      owner: "a",
      reviewOn: "2026-01-01",
    });
    expect(bad.status).toBe(400);
  });

  it("updates and closes a risk with who, when and why, audited; a closed risk stays listed and frozen", async () => {
    const list = await admin.request("GET", "/applications");
    const customerId = list.body.items[0].customerId;
    const added = await analyst.request("POST", `/customers/${customerId}/risks`, {
      category: "operational",
      description: "单一供应商",
      likelihood: 2,
      impact: 2,
      owner: "test-credit-analyst",
      reviewOn: "2026-04-30",
    });
    const riskId = added.body.id as number;
    const base = `/customers/${customerId}/risks/${riskId}`;
    expect((await analyst.request("PATCH", base, {})).status).toBe(400);
    const updated = await analyst.request("PATCH", base, {
      likelihood: 4,
      impact: 5,
      mitigation: "开发第二供应商",
      reason: "供应商停产",
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      likelihood: 4,
      impact: 5,
      rating: 20,
      level: "high",
      status: "open",
    });

    expect((await analyst.request("POST", `${base}/close`, {})).status).toBe(400);
    expect((await analyst.request("POST", `${base}/close`, { reason: "  " })).status).toBe(400);
    const closed = await manager.request("POST", `${base}/close`, { reason: "第二供应商已签约" });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: "closed",
      closedBy: "test-credit-manager",
      closeReason: "第二供应商已签约",
    });
    expect(Date.now() - Date.parse(closed.body.closedAt)).toBeLessThan(60_000);
    expect((await manager.request("POST", `${base}/close`, { reason: "again" })).status).toBe(409);
    expect((await analyst.request("PATCH", base, { impact: 1 })).status).toBe(409);
    const risks = await analyst.request("GET", `/customers/${customerId}/risks`);
    const listed = risks.body.items as { id: number; status: string }[];
    expect(listed.find((r) => r.id === riskId)?.status).toBe("closed");
    // Open entries first.
    expect(listed.at(-1)?.id).toBe(riskId);

    const audit = await admin.request("GET", `/audit?entity=customer&entityId=${customerId}`);
    const entries = audit.body.items as {
      action: string;
      actor: string;
      reason: string | null;
      before: { likelihood?: number; status?: string } | null;
      after: { likelihood?: number; status?: string } | null;
    }[];
    expect(entries.find((e) => e.action === "risk.update")).toMatchObject({
      actor: "test-credit-analyst",
      reason: "供应商停产",
      before: { likelihood: 2 },
      after: { likelihood: 4 },
    });
    expect(entries.find((e) => e.action === "risk.close")).toMatchObject({
      actor: "test-credit-manager",
      reason: "第二供应商已签约",
      before: { status: "open" },
      after: { status: "closed" },
    });
    // One entry per change: the use cases audit, the generic route entry does not double them.
    expect(entries.filter((e) => e.action.startsWith("api."))).toEqual([]);
    // Another customer's risk id is not found under this customer.
    const other = await admin.request("POST", "/customers", {
      code: "RISK-OTHER",
      legalName: "无关客户有限公司",
      countryCode: "CN",
    });
    expect(other.status).toBe(201);
    expect(
      (await manager.request("POST", `/customers/RISK-OTHER/risks/${riskId}/close`, { reason: "x" })).status,
    ).toBe(404);
  });
});
