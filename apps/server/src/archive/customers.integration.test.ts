import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const VALID_USCC = "91330100799655058B";

describe("customers API", () => {
  it("creates, reads by code and by id, and updates a customer with identifiers", async () => {
    const created = await server.request("POST", "/customers", {
      code: "RT-001",
      legalName: "杭州测试机械有限公司",
      otherNames: ["Hangzhou Test Machinery"],
      industry: "C",
      registeredCapitalMinor: 500_000_000,
      registeredCapitalCurrency: "CNY",
      identifiers: [{ type: "uscc", value: ` ${VALID_USCC.toLowerCase()} ` }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "RT-001",
      legalName: "杭州测试机械有限公司",
      registeredCapitalMinor: 500_000_000,
      tier: "general",
      identifiers: [{ type: "uscc", value: VALID_USCC, verifiedOn: null }],
    });
    const byCode = await server.request("GET", "/customers/RT-001");
    const byId = await server.request("GET", `/customers/${created.body.id}`);
    expect(byCode.body).toEqual(created.body);
    expect(byId.body.code).toBe("RT-001");

    const updated = await server.request("PATCH", "/customers/RT-001", {
      region: "Zhejiang",
      identifiers: [{ type: "duns", value: "15-048-3782" }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.region).toBe("Zhejiang");
    expect(updated.body.industry).toBe("C");
    expect(updated.body.identifiers).toEqual([{ type: "duns", value: "150483782", verifiedOn: null }]);
    expect(new Date(updated.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(created.body.updatedAt).getTime(),
    );
  });

  it("names the identifier field when the USCC check symbol is wrong", async () => {
    const r = await server.request("POST", "/customers", {
      code: "BAD-USCC",
      legalName: "x",
      identifiers: [{ type: "uscc", value: "91330100799655058C" }],
    });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body).toMatchObject({ status: 400, code: "VALIDATION", instance: "/customers" });
    expect(r.body.errors).toEqual([{ path: "identifiers.0.value", message: expect.stringContaining("'B'") }]);
    expect((await server.request("GET", "/customers/BAD-USCC")).status).toBe(404);
  });

  it.each([
    [{ code: "V1", legalName: "x", defaultCurrency: "cny" }, "defaultCurrency"],
    [{ code: "V2", legalName: "x", foundedOn: "2021-02-30" }, "foundedOn"],
    [{ code: "V3", legalName: "x", registeredCapitalMinor: 1.5 }, "registeredCapitalMinor"],
    [{ code: "V4", legalName: "x", tier: "vip" }, "tier"],
    [{ code: "V5" }, "legalName"],
  ])("rejects %j naming %s", async (body, path) => {
    const r = await server.request("POST", "/customers", body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 409 naming the key on a duplicate code", async () => {
    expect((await server.request("POST", "/customers", { code: "DUP-1", legalName: "a" })).status).toBe(201);
    const r = await server.request("POST", "/customers", { code: "DUP-1", legalName: "b" });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("CONFLICT");
    expect(r.body.errors).toEqual([{ path: "code", message: "already exists" }]);
    expect(r.body.detail).toContain("code");
  });

  it("answers 404 problems for unknown customers", async () => {
    const r = await server.request("GET", "/customers/NO-SUCH");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: "NOT_FOUND", instance: "/customers/NO-SUCH" });
  });

  it("manages contacts nested under a customer and flat", async () => {
    await server.request("POST", "/customers", { code: "CT-1", legalName: "联系人测试" });
    const added = await server.request("POST", "/customers/CT-1/contacts", {
      name: "王经理",
      email: "wang@example.com",
      isPrimary: true,
    });
    expect(added.status).toBe(201);
    const nested = await server.request("GET", "/customers/CT-1/contacts");
    expect(nested.body.items.map((c: { name: string }) => c.name)).toEqual(["王经理"]);
    const flat = await server.request("GET", `/contacts?customerId=${added.body.customerId}&isPrimary=true`);
    expect(flat.body.items).toHaveLength(1);
    const patched = await server.request("PATCH", `/contacts/${added.body.id}`, { title: "财务经理" });
    expect(patched.body.title).toBe("财务经理");
    const badEmail = await server.request("POST", "/customers/CT-1/contacts", { name: "x", email: "nope" });
    expect(badEmail.body.errors[0].path).toBe("email");
    expect((await server.request("GET", "/customers/NOPE/contacts")).status).toBe(404);
  });
});

describe("customer lists", () => {
  const N = 120;
  let ids: number[] = [];

  beforeAll(async () => {
    // A fresh, predictable set under their own region so that other tests' rows do not interfere.
    for (let i = 0; i < N; i++) {
      // Repeated legal names so that the id tie-breaker matters.
      const r = await server.request("POST", "/customers", {
        code: `PG-${String(i).padStart(3, "0")}`,
        legalName: `分页公司 ${String.fromCharCode(65 + (i % 7))}`,
        region: "PAGING",
        industry: i % 3 === 0 ? "F" : "C",
        ...(i === 42 ? { identifiers: [{ type: "lei", value: "5493001KJTIIGC8Y1R12" }] } : {}),
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    ids = ids.sort((a, b) => a - b);
  });

  async function walk(sort: string, pageSize: number): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ region: "PAGING", sort, limit: String(pageSize) });
      if (cursor) {
        query.set("cursor", cursor);
      }
      const r = await server.request("GET", `/customers?${query}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((c: { id: number }) => c.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    return seen;
  }

  it.each(["code", "-code", "legalName", "-legalName", "createdAt", "-createdAt", "updatedAt", "id", "-id"])(
    "walks 120 customers in pages of 50 by %s with no duplicate and no gap",
    async (sort) => {
      const seen = await walk(sort, 50);
      expect(seen).toHaveLength(N);
      expect(new Set(seen).size).toBe(N);
      expect([...seen].sort((a, b) => a - b)).toEqual(ids);
    },
  );

  it("orders pages by the sort key then id", async () => {
    const seen = await walk("-legalName", 50);
    const r = await server.request("GET", "/customers?region=PAGING&sort=-legalName&limit=500");
    expect(r.body.items.map((c: { id: number }) => c.id)).toEqual(seen);
    const names = r.body.items.map((c: { legalName: string }) => c.legalName);
    expect(names[0]).toBe("分页公司 G");
    expect(names[N - 1]).toBe("分页公司 A");
  });

  it("refuses a cursor made for another sort", async () => {
    const first = await server.request("GET", "/customers?region=PAGING&sort=code&limit=10");
    const r = await server.request(
      "GET",
      `/customers?region=PAGING&sort=-code&cursor=${first.body.nextCursor}`,
    );
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe("cursor");
  });

  it("filters by industry and caps the limit at 500", async () => {
    const r = await server.request("GET", "/customers?region=PAGING&industry=F&limit=500");
    expect(r.body.items).toHaveLength(40);
    expect((await server.request("GET", "/customers?limit=501")).status).toBe(400);
  });

  it.each([
    ["PG-04", 10], // PG-040 … PG-049
    ["分页公司 G", 17], // i % 7 === 6 for i < 120
    ["5493001KJTIIGC8Y1R12", 1], // identifier value
    ["pg-119", 1], // case-insensitive code
    ["100%", 0], // LIKE wildcards are literal
  ])("searches %s", async (q, expected) => {
    const r = await server.request("GET", `/customers?region=PAGING&limit=500&q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(expected);
  });
});
