import { AUTHENTICATED, hasPermission, ROLES } from "@creditdesk/core/identity";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";
import { routeAccessOf } from "./guard.ts";

let t: TestDatabase;
let server: TestServer;
let operations: Array<{ method: string; path: string; url: string }>;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
  const doc = (await server.request("GET", "/openapi.json")).body;
  operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      path,
      // A concrete URL: every path parameter "1" (404s and 400s are fine: they are past the guard).
      url: path.replace(/\{[^}]+\}/g, "1"),
    })),
  );
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const PUBLIC = new Set([
  "GET /health",
  "POST /auth/login",
  // The public application form: the token in the path is the only key.
  "GET /public/applications/{token}",
  "POST /public/applications/{token}",
  // An import job's progress: the API token or session that started it is the key, checked
  // without a database read (apps/server/src/import/import-jobs.ts).
  "GET /imports/archive/jobs/{jobId}",
  "GET /imports/ledger/jobs/{jobId}",
]);

describe("permission matrix: every operation of /openapi.json, every role", () => {
  it("lists a resolved access for every documented operation (none left out)", () => {
    const table = routeAccessOf(server.app);
    expect(operations.length).toBeGreaterThan(60);
    for (const op of operations) {
      const key = `${op.method} ${op.path.replace(/\{([^}]+)\}/g, ":$1")}`;
      expect(table.get(key), key).toBeDefined();
      expect(table.get(key) === "public", key).toBe(PUBLIC.has(`${op.method} ${op.path}`));
    }
  });

  it("answers 401 without credentials on every protected operation", async () => {
    const anon = await server.as(null);
    for (const op of operations.filter((o) => !PUBLIC.has(`${o.method} ${o.path}`))) {
      const r = await anon.request(op.method, op.url, op.method === "GET" ? undefined : {});
      expect(r.status, `${op.method} ${op.path}`).toBe(401);
      expect(r.body.code).toBe("UNAUTHORIZED");
    }
  });

  it.each(ROLES)("enforces exactly the permission table for %s", async (role) => {
    const client = await server.as(role);
    const table = routeAccessOf(server.app);
    for (const op of operations.filter((o) => !PUBLIC.has(`${o.method} ${o.path}`))) {
      // Signing out would end nothing here (token auth), but keep the token usable for the rest.
      const access = table.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ":$1")}`);
      const allowed =
        access === AUTHENTICATED ||
        (access !== undefined && access !== "public" && hasPermission({ role, permission: access }));
      const r = await client.request(op.method, op.url, op.method === "GET" ? undefined : {});
      if (allowed) {
        expect([401, 403], `${role} ${op.method} ${op.path} → ${r.status} ${r.body?.detail}`).not.toContain(
          r.status,
        );
      } else {
        expect(r.status, `${role} ${op.method} ${op.path} (${access})`).toBe(403);
      }
    }
  });
});
