import { assessments, creditAccounts, creditLimits, customers, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
const AS_OF = "2025-06-30";

// Three customers, open receivables 6,000.00 / 3,000.00 / 1,000.00 CNY → customer HHI 60² + 30² + 10²
// = 4,600; industries M (A, B) 90 %, C 10 %.
beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(customers)
    .values([
      { code: "A", legalName: "甲", industry: "M", region: "East" },
      { code: "B", legalName: "乙", industry: "M", region: "West" },
      { code: "C", legalName: "丙", industry: "C", region: "West" },
    ])
    .returning();
  const amounts = [600_000, 300_000, 100_000];
  await t.db.insert(invoices).values(
    rows.map((c, i) => ({
      invoiceNumber: `I-${c.code}`,
      customerId: c.id,
      issuedOn: "2025-06-01",
      dueOn: "2025-07-01",
      currency: "CNY",
      amountMinor: amounts[i]!,
    })),
  );
  await t.db.insert(assessments).values(
    rows.map((c, i) => ({
      customerId: c.id,
      asOf: "2025-06-01",
      scorecardVersion: "test",
      score: 650,
      pd: [0.02, 0.01, 0.1][i]!,
      grade: ["medium", "low", "high"][i]!,
      reasons: [],
      policy: {},
      result: {},
      inputs: {},
      trigger: "manual",
      triggeredBy: "test",
    })),
  );
  const [acc] = await t.db.insert(creditAccounts).values({ customerId: rows[0]!.id }).returning();
  await t.db.insert(creditLimits).values({
    accountId: acc!.id,
    customerId: rows[0]!.id,
    currency: "CNY",
    amountMinor: 500_000,
    validFrom: "2025-01-01",
    createdBy: "test",
    createdAt: new Date("2025-01-01T00:00:00Z"),
  });
  server = await startTestServer(t);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe("portfolio risk API", () => {
  it("serves the view grouped by industry with utilisation", async () => {
    const r = await server.request("GET", `/portfolio/view?asOf=${AS_OF}&groupBy=industry&months=2`);
    expect(r.status).toBe(200);
    expect(r.body.total.exposureMinor).toBe(1_000_000);
    expect(
      r.body.groups.map((g: { key: string; exposureMinor: number }) => [g.key, g.exposureMinor]),
    ).toEqual([
      ["M", 900_000],
      ["C", 100_000],
    ]);
    expect(r.body.groups[0].utilisation).toBeCloseTo(600_000 / 500_000, 12);
    expect(r.body.total.trend).toHaveLength(2);
    const trend = await server.request("GET", `/portfolio/trend?asOf=${AS_OF}&months=3`);
    expect(trend.status).toBe(200);
    expect(trend.body.items.map((m: { period: string }) => m.period)).toEqual([
      "2025-04-30",
      "2025-05-31",
      AS_OF,
    ]);
    // June: all 10,000.00 invoiced and open, none due: DSO = 30 days, best DSO 30, ADDB 0.
    expect(trend.body.items[2]).toMatchObject({
      creditSalesMinor: 1_000_000,
      closingArMinor: 1_000_000,
      dso: 30,
      addb: 0,
    });
  });

  it("computes concentration and raises alerts once through the monitoring alerts", async () => {
    const c = await server.request("GET", `/portfolio/concentration?asOf=${AS_OF}`);
    expect(c.status).toBe(200);
    expect(c.body.dimensions.customer.hhi).toBeCloseTo(4_600, 6);
    expect(c.body.dimensions.customer.band).toBe("high");
    expect(c.body.dimensions.industry.top1Share).toBeCloseTo(0.9, 12);
    expect((await server.request("POST", "/portfolio/concentration/check", {})).status).toBe(400);
    const first = await server.request("POST", "/portfolio/concentration/check", { asOf: AS_OF });
    expect(first.status).toBe(200);
    expect(first.body.alertsOpened).toBe(first.body.breaches.length);
    const again = await server.request("POST", "/portfolio/concentration/check", { asOf: AS_OF });
    expect(again.body).toMatchObject({ alertsOpened: 0, alertsUpdated: first.body.alertsOpened });
    const alerts = await server.request("GET", "/alerts?rule=portfolio.concentration.industry");
    expect(alerts.body.items.map((a: { key: string }) => a.key)).toEqual(["industry:M"]);
  });

  it("lets only portfolio:configure change limits, LGD and scenarios, and keeps sales out", async () => {
    const analyst = await server.as("credit_analyst");
    expect((await analyst.request("GET", `/portfolio/expected-loss?asOf=${AS_OF}`)).status).toBe(200);
    expect(
      (
        await analyst.request("PUT", "/portfolio/lgd", {
          unsecuredBps: 5_000,
          collateralBps: 3_500,
          guaranteeBps: 4_500,
        })
      ).status,
    ).toBe(403);
    expect(
      (await analyst.request("PUT", "/portfolio/concentration-limits/customer", { maxShareBps: 2_000 }))
        .status,
    ).toBe(403);
    const sales = await server.as("sales");
    expect((await sales.request("GET", `/portfolio/view?asOf=${AS_OF}`)).status).toBe(403);
    const manager = await server.as("credit_manager");
    const limit = await manager.request("PUT", "/portfolio/concentration-limits/customer", {
      maxShareBps: 7_000,
    });
    expect(limit.status).toBe(200);
    expect(limit.body).toMatchObject({ dimension: "customer", maxShareBps: 7_000, version: 2 });
    expect(
      (await manager.request("PUT", "/portfolio/concentration-limits/planet", { maxShareBps: 1 })).status,
    ).toBe(400);
  });

  it("computes EL with the saved LGD and runs a stored stress scenario", async () => {
    expect((await server.request("PUT", "/portfolio/lgd", {})).status).toBe(400);
    const lgd = await server.request("PUT", "/portfolio/lgd", {
      unsecuredBps: 5_000,
      collateralBps: 3_500,
      guaranteeBps: 4_500,
    });
    expect(lgd.status).toBe(200);
    const el = await server.request("GET", `/portfolio/expected-loss?asOf=${AS_OF}`);
    // 0.5 × (600,000 × 0.02 + 300,000 × 0.01 + 100,000 × 0.1) = 12,500.
    expect(el.body.elMinor).toBe(12_500);
    const bad = await server.request("PUT", "/portfolio/stress-scenarios", {
      name: "x",
      shocks: [{ kind: "meteor" }],
    });
    expect(bad.status).toBe(400);
    const saved = await server.request("PUT", "/portfolio/stress-scenarios", {
      name: "Top 1 default",
      shocks: [{ kind: "top_n_default", n: 1 }],
    });
    expect(saved.status).toBe(200);
    const run = await server.request(
      "GET",
      `/portfolio/stress-scenarios/${encodeURIComponent("Top 1 default")}/result?asOf=${AS_OF}`,
    );
    expect(run.status).toBe(200);
    // A defaults: 600,000 × 0.5 × (1 − 0.02) more.
    expect(run.body.deltaElMinor).toBe(294_000);
    const whatIf = await server.request("POST", `/portfolio/stress-test?asOf=${AS_OF}`, {
      name: "double",
      shocks: [{ kind: "pd_factor", factor: 2 }],
    });
    expect(whatIf.body.deltaElMinor).toBe(12_500);
    expect((await server.request("GET", "/portfolio/stress-scenarios")).body.items).toHaveLength(1);
  });

  it("serves migration, back-test and the report in HTML, PDF and XLSX", async () => {
    const m = await server.request("GET", `/portfolio/migration?from=2025-05-31&to=${AS_OF}`);
    expect(m.status).toBe(200);
    expect(m.body.rows.at(-1)).toBe("new");
    expect(m.body.rowTotals.at(-1)).toBe(3);
    expect((await server.request("GET", `/portfolio/migration?from=${AS_OF}&to=2025-01-01`)).status).toBe(
      400,
    );
    const b = await server.request("GET", "/portfolio/backtest?start=2025-06-01&horizonMonths=12");
    expect(b.status).toBe(200);
    expect(b.body.total.obligors).toBe(3);
    const html = await server.request("GET", `/portfolio/report?asOf=${AS_OF}`);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.body).toContain("组合风险报告");
    expect(html.body).toContain("Top 1 default");
    const pdf = await fetch(`${server.base}/portfolio/report?asOf=${AS_OF}&format=pdf`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const xlsx = await fetch(`${server.base}/portfolio/report?asOf=${AS_OF}&format=xlsx`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet("By industry 行业")?.getRow(2).values).toContain("M");
  });
});
