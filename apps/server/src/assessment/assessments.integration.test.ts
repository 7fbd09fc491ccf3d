import { DEFAULT_SCORECARD_INPUT } from "@creditdesk/core/assessment";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let s: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await startTestServer(t);
  const c = await s.request("POST", "/customers", {
    code: "A-1",
    legalName: "杭州华信精密机械有限公司",
    industry: "C",
    foundedOn: "2008-01-01",
    identifiers: [{ type: "uscc", value: "91330100799655058B" }],
  });
  expect(c.status).toBe(201);
  const inv = await s.request("POST", "/invoices", {
    invoiceNumber: "INV-1",
    customerId: c.body.id,
    issuedOn: "2025-01-05",
    dueOn: "2025-02-04",
    currency: "CNY",
    amountMinor: 1_000_000,
  });
  expect(inv.status).toBe(201);
});
afterAll(async () => {
  await s.close();
  await t.close();
});

describe("assessment API over HTTP", () => {
  it("assesses a customer by code and returns score, PD, grade, reasons in both languages and policy", async () => {
    const r = await s.request("POST", "/customers/A-1/assessments", { asOf: "2025-06-30" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ asOf: "2025-06-30", scorecardVersion: DEFAULT_SCORECARD_INPUT.version });
    expect(["low", "medium", "high"]).toContain(r.body.grade);
    expect(r.body.pd).toBeGreaterThan(0);
    expect(r.body.pd).toBeLessThan(1);
    expect(r.body.reasons[0].text).toEqual({ en: expect.any(String), zh: expect.any(String) });
    // The one invoice is 146 days overdue at the as-of date.
    expect(r.body.behaviour.maxDaysPastDue).toBe(146);
  });

  it("serves the credit file with the score history and one assessment with its inputs", async () => {
    const file = await s.request("GET", "/customers/A-1/credit-file");
    expect(file.status).toBe(200);
    expect(file.body.scoreHistory).toHaveLength(1);
    const one = await s.request("GET", `/assessments/${file.body.latest.id}`);
    expect(one.status).toBe(200);
    expect(one.body.inputs).toMatchObject({ reportingCurrency: "CNY" });
    const history = await s.request("GET", "/customers/A-1/assessments?limit=10");
    expect(history.body.items).toHaveLength(1);
  });

  it("answers 404 problems for unknown customers and assessments", async () => {
    const r = await s.request("POST", "/customers/NOPE/assessments", {});
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect((await s.request("GET", "/assessments/999999")).status).toBe(404);
  });

  it("refuses an invalid scorecard with the failing path, and an existing version with 409", async () => {
    const bad = structuredClone(DEFAULT_SCORECARD_INPUT) as {
      version: string;
      characteristics: { source: string }[];
    };
    bad.version = "bad-1";
    bad.characteristics[0]!.source = "financial.noSuchRatio";
    const r = await s.request("POST", "/scorecards", bad);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toMatch(/^characteristics\[0\]/);
    const dup = await s.request("POST", "/scorecards", DEFAULT_SCORECARD_INPUT);
    expect(dup.status).toBe(409);
  });

  it("stores and activates a new scorecard version that then scores new assessments", async () => {
    const next = { ...structuredClone(DEFAULT_SCORECARD_INPUT), version: "custom-2", basePoints: 520 };
    const r = await s.request("POST", "/scorecards?activate=true", next);
    expect(r.status).toBe(201);
    const list = await s.request("GET", "/scorecards");
    expect(list.body.find((x: { version: string }) => x.version === "custom-2").status).toBe("active");
    const a = await s.request("POST", "/customers/A-1/assessments", { asOf: "2025-06-30" });
    expect(a.body.scorecardVersion).toBe("custom-2");
  });

  it("runs the whole portfolio in one call", async () => {
    const r = await s.request("POST", "/assessment-runs", { asOf: "2025-06-30" });
    expect(r.status).toBe(201);
    expect(r.body.customers).toBe(1);
  });
});
