import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
let customerId: number;
let invoiceId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t, {
    capabilities: [
      (app) => {
        // A route that fails the way a bug would: the 500 problem must not leak this.
        app.get("/test/explode", { schema: { hide: true }, config: { public: true } }, async () => {
          throw new Error("secret internal detail at /srv/creditdesk/db.ts:42");
        });
      },
    ],
  });
  customerId = (await server.request("POST", "/customers", { code: "S-1", legalName: "服务器测试" })).body.id;
  invoiceId = (
    await server.request("POST", "/invoices", {
      invoiceNumber: "S-INV",
      customerId,
      issuedOn: "2025-01-01",
      dueOn: "2025-01-31",
      currency: "CNY",
      amountMinor: 100,
    })
  ).body.id;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const ROUTES: Array<[string, string]> = [
  ["/health", "get"],
  ["/insurance/policies", "get"],
  ["/insurance/policies", "post"],
  ["/insurance/policies/{policy}", "get"],
  ["/insurance/policies/{policy}/cancel", "post"],
  ["/insurance/limits", "get"],
  ["/insurance/limits/history", "get"],
  ["/insurance/limits/requests", "post"],
  ["/insurance/limits/decisions", "post"],
  ["/insurance/deadlines", "get"],
  ["/insurance/notifications", "get"],
  ["/insurance/notifications", "post"],
  ["/insurance/claims", "get"],
  ["/insurance/claims", "post"],
  ["/insurance/claims/{claim}", "get"],
  ["/insurance/claims/{claim}/status", "post"],
  ["/insurance/check", "post"],
  ["/customers/{idOrCode}/insurance", "get"],
  ["/factoring/agreements", "get"],
  ["/factoring/agreements", "post"],
  ["/factoring/receivables", "get"],
  ["/factoring/receivables", "post"],
  ["/factoring/receivables/{id}/end", "post"],
  ["/collections/worklist", "get"],
  ["/collections/assignments", "post"],
  ["/collections/dunning-runs", "post"],
  ["/collections/customers/{idOrCode}/history", "get"],
  ["/collections/customers/{idOrCode}/actions", "post"],
  ["/collections/actions/{id}/letter", "get"],
  ["/collections/promises", "get"],
  ["/collections/customers/{idOrCode}/promises", "post"],
  ["/collections/promises/{id}/cancel", "post"],
  ["/collections/promise-evaluations", "post"],
  ["/collections/customers/{idOrCode}/interest-statement", "get"],
  ["/collections/settings", "get"],
  ["/collections/settings", "put"],
  ["/alerts", "get"],
  ["/alerts/{id}", "get"],
  ["/alerts/{id}/acknowledge", "post"],
  ["/alerts/{id}/assign", "post"],
  ["/alerts/{id}/comments", "post"],
  ["/alerts/{id}/resolve", "post"],
  ["/alerts/{id}/dismiss", "post"],
  ["/monitoring/rules", "get"],
  ["/monitoring/rules", "post"],
  ["/monitoring/rules/{code}", "get"],
  ["/monitoring/runs", "post"],
  ["/monitoring/runs", "get"],
  ["/credit-holds", "get"],
  ["/credit-holds/{id}/release", "post"],
  ["/notification-channels", "get"],
  ["/notification-channels", "post"],
  ["/notification-channels/{id}", "get"],
  ["/notification-channels/{id}", "patch"],
  ["/notification-channels/{id}/disable", "post"],
  ["/notification-channels/{id}/test", "post"],
  ["/notification-channels/{id}/deliveries", "get"],
  ["/inbox", "get"],
  ["/inbox/{id}/read", "post"],
  ["/customers", "get"],
  ["/customers", "post"],
  ["/customers/{idOrCode}", "get"],
  ["/customers/{idOrCode}", "patch"],
  ["/customers/{idOrCode}/contacts", "get"],
  ["/customers/{idOrCode}/contacts", "post"],
  ["/payments/{id}/allocations", "post"],
  ["/customers/{idOrCode}/assessments", "get"],
  ["/customers/{idOrCode}/assessments", "post"],
  ["/customers/{idOrCode}/credit-file", "get"],
  ["/customers/{idOrCode}/behaviour-trend", "get"],
  ["/assessments/{id}", "get"],
  ["/assessment-runs", "post"],
  ["/portfolio/summary", "get"],
  ["/portfolio/view", "get"],
  ["/portfolio/trend", "get"],
  ["/portfolio/concentration", "get"],
  ["/portfolio/concentration/check", "post"],
  ["/portfolio/concentration-limits", "get"],
  ["/portfolio/concentration-limits/{dimension}", "put"],
  ["/portfolio/lgd", "get"],
  ["/portfolio/lgd", "put"],
  ["/portfolio/expected-loss", "get"],
  ["/portfolio/migration", "get"],
  ["/portfolio/backtest", "get"],
  ["/portfolio/stress-scenarios", "get"],
  ["/portfolio/stress-scenarios", "put"],
  ["/portfolio/stress-scenarios/{idOrName}", "delete"],
  ["/portfolio/stress-scenarios/{idOrName}/result", "get"],
  ["/portfolio/stress-test", "post"],
  ["/portfolio/report", "get"],
  ["/reviews", "get"],
  ["/reviews/schedule", "post"],
  ["/reviews/{id}/complete", "post"],
  ["/reviews/{id}/assign", "post"],
  ["/reviews/{id}/report", "get"],
  ["/scorecards", "get"],
  ["/scorecards", "post"],
  ["/scorecards/{version}", "get"],
  ["/scorecards/{version}/activate", "post"],
  ["/credit-checks", "post"],
  ["/credit-checks/{id}", "get"],
  ["/credit-checks/release", "post"],
  ["/customers/{idOrCode}/limits", "get"],
  ["/customers/{idOrCode}/limits", "post"],
  ["/customers/{idOrCode}/exposure", "get"],
  ["/customers/{idOrCode}/limit-recommendation", "get"],
  ["/limit-requests", "post"],
  ["/limit-requests", "get"],
  ["/limit-requests/{id}", "get"],
  ["/limit-requests/{id}/decision", "post"],
  ["/limit-requests/{id}/resubmit", "post"],
  ["/limit-authorities", "get"],
  ["/limit-authorities", "put"],
  ["/blocked-orders", "get"],
  ["/blocked-orders/{id}/resolution", "post"],
  ["/credit-segments", "get"],
  ["/credit-segments/{code}", "get"],
  ["/credit-segments/{code}", "put"],
  ["/customers/{idOrCode}/contracts", "get"],
  ["/customers/{idOrCode}/contracts", "post"],
  ["/customers/{idOrCode}/securities", "post"],
  ["/customers/{idOrCode}/late-interest", "get"],
  ["/fx-rates", "get"],
  ["/fx-rates", "post"],
  ["/fx-rates/{rateDate}/{fromCurrency}/{toCurrency}", "get"],
  ["/fx-rates/{rateDate}/{fromCurrency}/{toCurrency}", "patch"],
  ["/auth/login", "post"],
  ["/auth/logout", "post"],
  ["/auth/me", "get"],
  ["/users", "get"],
  ["/users", "post"],
  ["/users/{login}", "get"],
  ["/users/{login}", "patch"],
  ["/users/{login}/tokens", "get"],
  ["/users/{login}/tokens", "post"],
  ["/users/{login}/tokens/{id}", "delete"],
  ["/audit", "get"],
  ["/audit/verify", "get"],
  ["/applications", "get"],
  ["/applications", "post"],
  ["/applications/config", "get"],
  ["/applications/config", "put"],
  ["/applications/links", "post"],
  ["/applications/{id}", "get"],
  ["/applications/{id}/check", "post"],
  ["/applications/{id}/documents", "post"],
  ["/applications/{id}/documents/{documentId}", "get"],
  ["/applications/{id}/evidence", "post"],
  ["/applications/{id}/rating-pulls", "post"],
  ["/applications/{id}/statement-analysis", "post"],
  ["/applications/{id}/signals/{code}/clear", "post"],
  ["/applications/{id}/comments", "post"],
  ["/applications/{id}/decision", "post"],
  ["/applications/{id}/case-file", "get"],
  ["/reviews/{id}/case-file", "get"],
  ["/applications/{id}/conditions/{kind}/met", "post"],
  ["/customers/{idOrCode}/risks", "get"],
  ["/customers/{idOrCode}/risks", "post"],
  ["/customers/{idOrCode}/risks/{riskId}", "patch"],
  ["/customers/{idOrCode}/risks/{riskId}/close", "post"],
  ["/public/applications/{token}", "get"],
  ["/public/applications/{token}", "post"],
  ["/customers/{idOrCode}/audit", "get"],
  ["/customers/{idOrCode}/reviews", "get"],
  ["/assessment-config", "get"],
  ["/models", "get"],
  ["/models/comparison", "get"],
  ["/models/{id}", "get"],
  ...["archive", "ledger"].flatMap(
    (g): Array<[string, string]> => [
      [`/imports/${g}/files`, "post"],
      [`/imports/${g}/files/{id}/preview`, "post"],
      [`/imports/${g}/files/{id}/commit`, "post"],
      [`/imports/${g}/jobs/{jobId}`, "get"],
    ],
  ),
  ...[
    "contacts",
    "financial-statements",
    "external-ratings",
    "external-events",
    "complaints",
    "customer-defaults",
    "invoices",
    "payments",
    "sales-orders",
    "credit-notes",
    "disputes",
  ].flatMap(
    (r): Array<[string, string]> => [
      [`/${r}`, "get"],
      [`/${r}`, "post"],
      [`/${r}/{id}`, "get"],
      [`/${r}/{id}`, "patch"],
    ],
  ),
];

describe("OpenAPI", () => {
  it("is a structurally valid OpenAPI 3 document listing every route", async () => {
    const r = await server.request("GET", "/openapi.json");
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(ROUTES.map(([p, m]) => `${m.toUpperCase()} ${p}`).sort());
    const tagNames = new Set((doc.tags as Array<{ name: string }>).map((tag) => tag.name));
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toBeTypeOf("object");
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        expect(
          op.tags?.every((tag) => tagNames.has(tag)),
          `${method} ${path} tags`,
        ).toBe(true);
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const param = op.parameters?.find((p) => p.in === "path" && `{${p.name}}` === name);
          expect(param?.required, `${method} ${path} ${name}`).toBe(true);
        }
      }
    }
    // Every $ref points at a defined component.
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/([^"]+)"/g) ?? [];
    for (const ref of refs) {
      const name = ref.split("/").pop()?.replace('"', "") ?? "";
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });

  it("documents money as integers and the customer list filters", async () => {
    const doc = (await server.request("GET", "/openapi.json")).body;
    const invoiceCreate = doc.components.schemas.InvoiceCreate;
    expect(invoiceCreate.properties.amountMinor.type).toBe("integer");
    expect(invoiceCreate.properties.currency.pattern).toBe("^[A-Z]{3}$");
    const params = doc.paths["/customers"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["q", "industry", "sort", "cursor", "limit"]));
  });

  it("can be built twice in one process (schemas registered once, no id clash)", async () => {
    const second = await startTestServer(t);
    try {
      const doc = (await second.request("GET", "/openapi.json")).body;
      expect(Object.keys(doc.paths)).toContain("/customers");
      expect(doc.components.schemas.Customer).toBeDefined();
    } finally {
      await second.close();
    }
  });

  it("refuses to build a server with a route that declares no permission", async () => {
    await expect(
      startTestServer(t, {
        capabilities: [
          (app) => {
            app.post("/test/unprotected", async () => ({ ok: true }));
          },
        ],
      }),
    ).rejects.toThrow(/POST \/test\/unprotected declares no permission/);
  });

  it("serves Swagger UI at /docs", async () => {
    const r = await fetch(`${server.base}/docs/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("swagger");
  });
});

interface Operation {
  responses: Record<string, unknown>;
  tags?: string[];
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
}

describe("problems and headers", () => {
  it("answers unknown routes with a 404 problem", async () => {
    const r = await server.request("GET", "/no/such/route?x=1");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body).toEqual({
      type: "urn:creditdesk:problem:not-found",
      title: "Not found",
      status: 404,
      detail: "no route GET /no/such/route",
      instance: "/no/such/route",
      code: "NOT_FOUND",
    });
  });

  it("answers unexpected errors with a 500 problem that carries no stack or internals", async () => {
    const r = await server.request("GET", "/test/explode");
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ status: 500, code: "INTERNAL", detail: "an unexpected error occurred" });
    const text = JSON.stringify(r.body);
    expect(text).not.toContain("secret");
    expect(text).not.toContain("stack");
    expect(text).not.toContain(".ts");
  });

  it("answers malformed JSON and oversized bodies with problems", async () => {
    const bad = await server.request("POST", "/customers", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const big = await server.request("POST", "/customers", { code: "BIG", legalName: "x".repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("sets security headers on API responses and problems", async () => {
    for (const path of ["/health", "/nope"]) {
      const r = await fetch(`${server.base}${path}`);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("reports health with the database kind", async () => {
    const r = await server.request("GET", "/health");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: "ok",
      database: t.kind,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });
});

describe("plain record resources", () => {
  const cases: Array<{ path: string; create: () => object; patch: object; filter: string | (() => string) }> =
    [
      {
        path: "/financial-statements",
        create: () => ({
          customerId,
          periodEnd: "2024-12-31",
          currency: "CNY",
          totalAssets: 9_000_000,
          revenue: 12_000_000,
        }),
        patch: { audited: true },
        filter: "audited=true",
      },
      {
        path: "/external-ratings",
        create: () => ({ customerId, agency: "中诚信", rating: "AA", ratedOn: "2025-01-10" }),
        patch: { outlook: "stable" },
        filter: "agency=中诚信",
      },
      {
        path: "/external-events",
        create: () => ({
          customerId,
          reference: "(2025)沪0101民初123号",
          type: "lawsuit",
          occurredOn: "2025-02-01",
          source: "court",
          severity: "high",
          amountMinor: 1_000_000,
          currency: "CNY",
        }),
        patch: { severity: "critical" },
        filter: "type=lawsuit&severity=critical",
      },
      {
        path: "/complaints",
        create: () => ({ customerId, reference: "CMP-1", receivedOn: "2025-02-02", category: "quality" }),
        patch: { resolvedOn: "2025-02-10" },
        filter: "category=quality",
      },
      {
        path: "/customer-defaults",
        create: () => ({ customerId, defaultedOn: "2025-03-01", kind: "past_due_90" }),
        patch: { note: "recovered in part" },
        filter: "kind=past_due_90",
      },
      {
        path: "/sales-orders",
        create: () => ({
          customerId,
          orderNumber: "SO-1",
          orderedOn: "2025-01-05",
          currency: "CNY",
          orderedMinor: 50_000,
        }),
        patch: { deliveredMinor: 20_000, status: "partially_delivered" },
        filter: "status=partially_delivered",
      },
      {
        path: "/credit-notes",
        create: () => ({
          customerId,
          invoiceId,
          noteNumber: "CN-1",
          issuedOn: "2025-01-20",
          currency: "CNY",
          amountMinor: 10,
        }),
        patch: { reason: "price adjustment" },
        filter: () => `invoiceId=${invoiceId}`,
      },
      {
        path: "/disputes",
        create: () => ({
          customerId,
          invoiceId,
          reference: "DSP-1",
          openedOn: "2025-02-01",
          currency: "CNY",
          amountMinor: 50,
        }),
        patch: { status: "resolved", resolvedOn: "2025-02-15" },
        filter: "status=resolved",
      },
    ];

  it.each(cases)("$path: create, get, patch, filter, 409 on duplicate, 404 on unknown id", async (c) => {
    const created = await server.request("POST", c.path, c.create());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await server.request("GET", `${c.path}/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const patched = await server.request("PATCH", `${c.path}/${created.body.id}`, c.patch);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject(c.patch);
    const filter = typeof c.filter === "function" ? c.filter() : c.filter;
    const listed = await server.request("GET", `${c.path}?customerId=${customerId}&${filter}`);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual([created.body.id]);
    const other = await server.request("GET", `${c.path}?customerId=${customerId + 1000}`);
    expect(other.body.items).toEqual([]);
    expect((await server.request("POST", c.path, c.create())).status).toBe(409);
    expect((await server.request("GET", `${c.path}/999999`)).status).toBe(404);
  });

  it("round-trips FX rates keyed by date and pair", async () => {
    const created = await server.request("POST", "/fx-rates", {
      rateDate: "2025-01-02",
      fromCurrency: "USD",
      toCurrency: "CNY",
      rate: "7.1884",
    });
    expect(created.body.rate).toBe("7.1884000000");
    const patched = await server.request("PATCH", "/fx-rates/2025-01-02/USD/CNY", { rate: "7.19" });
    expect(patched.body.rate).toBe("7.1900000000");
    const dup = await server.request("POST", "/fx-rates", {
      rateDate: "2025-01-02",
      fromCurrency: "USD",
      toCurrency: "CNY",
      rate: "7",
    });
    expect(dup.status).toBe(409);
    const bad = await server.request("POST", "/fx-rates", {
      rateDate: "2025-01-03",
      fromCurrency: "USD",
      toCurrency: "CNY",
      rate: 7.2,
    });
    expect(bad.body.errors[0].path).toBe("rate");
    for (let d = 10; d < 20; d++) {
      await server.request("POST", "/fx-rates", {
        rateDate: `2025-02-${d}`,
        fromCurrency: "EUR",
        toCurrency: "CNY",
        rate: "7.5",
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ rateDate: string }>; nextCursor: string | null } } =
        await server.request("GET", `/fx-rates?fromCurrency=EUR&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((i) => i.rateDate));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `2025-02-${19 - i}`));
    expect((await server.request("GET", "/fx-rates/2025-01-09/USD/CNY")).status).toBe(404);
  });
});
