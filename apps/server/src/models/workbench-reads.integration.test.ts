import { syntheticCreditTable, trainModel } from "@creditdesk/core/models";
import { creditReviews } from "@creditdesk/db/reviews";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { registerModel } from "@creditdesk/lib/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

// The read routes the web workbench added: settings, models page, credit-file audit and reviews.
let t: TestDatabase;
let s: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await startTestServer(t);
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

describe("GET /assessment-config", () => {
  it("answers the grade bands and the policy table every assessment uses", async () => {
    const r = await s.request("GET", "/assessment-config");
    expect(r.status).toBe(200);
    expect(r.body.bands).toEqual([
      { grade: "low", minScore: 700 },
      { grade: "medium", minScore: 600 },
      { grade: "high", minScore: null },
    ]);
    expect(r.body.policyTable.high).toMatchObject({ creditSales: "restricted", prepaymentBps: 5000 });
    expect(r.body.masterScale).toHaveLength(10);
  });
});

describe("model registry", () => {
  it("lists nothing and has no comparison before a model is registered", async () => {
    expect((await s.request("GET", "/models")).body).toEqual({ items: [] });
    const compare = await s.request("GET", "/models/comparison?asOf=2025-06-30");
    expect(compare.status).toBe(404);
    expect(compare.body.detail).toContain("champion");
  });

  it("lists a registered scorecard model with its metrics and serves its bins and points", async () => {
    const { artefact } = trainModel({
      table: syntheticCreditTable({ rows: 1500, seed: 3 }),
      target: "default",
      exclude: ["id"],
      method: "scorecard",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const model = await registerModel({
      handle: t,
      artefact,
      name: "pd-test",
      role: "champion",
      createdBy: "t",
    });
    const list = await s.request("GET", "/models");
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: model.id, name: "pd-test", version: "1", role: "champion" }),
    ]);
    expect(list.body.items[0].metrics.train.auc).toBeCloseTo(artefact.metrics.train.auc ?? 0, 10);
    const one = await s.request("GET", `/models/${model.id}`);
    expect(one.status).toBe(200);
    expect(one.body.importance).toBeNull();
    const first = artefact.method === "scorecard" ? artefact.model.features[0] : undefined;
    expect(one.body.scorecard[0]).toMatchObject({ name: first?.name, bins: expect.any(Array) });
    expect(one.body.scorecard[0].bins[0].points).toBe(first?.bins[0]?.points);
    // The ROC and KS curves stored at training, as the charts draw them.
    const validation = one.body.curves.validation;
    expect(validation.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(validation.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(validation.roc.length).toBeLessThanOrEqual(200);
    expect(validation.ks.statistic).toBeCloseTo(artefact.metrics.validation?.ks ?? -1, 10);
    expect(one.body.curves.train.ks.points.length).toBeGreaterThan(10);
    const openapi = await s.request("GET", "/openapi.json");
    expect(openapi.body.components.schemas.EvaluationCurves.properties.ks).toBeDefined();
    expect((await s.request("GET", "/models/999999")).status).toBe(404);
  });
});

describe("a customer's audit trail and reviews", () => {
  it("lists the entries about one customer only, newest first, for audit:read", async () => {
    await s.request("POST", "/customers", { code: "AUD-1", legalName: "审计一号" });
    await s.request("POST", "/customers", { code: "AUD-2", legalName: "审计二号" });
    await s.request("PATCH", "/customers/AUD-1", { legalName: "审计一号有限公司" });
    await s.request("POST", "/customers/AUD-1/contacts", { name: "张三" });
    const r = await s.request("GET", "/customers/AUD-1/audit");
    expect(r.status).toBe(200);
    const actions = r.body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(-2)).toEqual(["customer.update", "customer.create"]);
    expect(actions.length).toBe(3);
    expect(JSON.stringify(r.body.items)).not.toContain("AUD-2");
    const page = await s.request("GET", "/customers/AUD-1/audit?limit=1");
    expect(page.body.items).toHaveLength(1);
    const next = await s.request("GET", `/customers/AUD-1/audit?limit=5&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(actions.slice(1));
    expect((await (await s.as("viewer")).request("GET", "/customers/AUD-1/audit")).status).toBe(403);
    expect((await s.request("GET", "/customers/NOPE/audit")).status).toBe(404);
  });

  it("lists a customer's reviews of every status", async () => {
    const id = (await s.request("GET", "/customers/AUD-1")).body.id;
    await t.db.insert(creditReviews).values([
      { customerId: id, dueOn: "2026-01-31", reason: "scheduled", status: "completed", conclusion: "keep" },
      { customerId: id, dueOn: "2026-07-31", reason: "manual", status: "open" },
    ]);
    const r = await s.request("GET", "/customers/AUD-1/reviews");
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: { dueOn: string; status: string }) => [x.dueOn, x.status])).toEqual([
      ["2026-07-31", "open"],
      ["2026-01-31", "completed"],
    ]);
    expect((await s.request("GET", "/customers/AUD-2/reviews")).body.items).toEqual([]);
  });
});
