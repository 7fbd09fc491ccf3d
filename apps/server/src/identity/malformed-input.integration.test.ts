import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
let writes: Array<{ method: string; url: string; hasBody: boolean; acceptsEmptyObject: boolean }>;

type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type JsonSchema = { $ref?: string; required?: string[]; type?: string };

/** True when the route's JSON body schema has no required property: `{}` is then a valid body. */
function acceptsEmptyObject(op: Operation, components: Record<string, JsonSchema>): boolean {
  const content = op.requestBody?.content ?? {};
  const json = content["application/json"];
  if (!json) {
    return false; // uploads (octet-stream, multipart) take no JSON object
  }
  let schema = json.schema ?? {};
  if (schema.$ref) {
    schema = components[schema.$ref.replace("#/components/schemas/", "")] ?? {};
  }
  return (schema.required ?? []).length === 0;
}

/** Rows in every application table (audit entries of refused requests are not written either). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = (await t.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows: { table_name: string }[] };
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = (await t.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
    )) as unknown as {
      rows: { n: number }[];
    };
    counts[table_name] = r.rows[0]!.n;
  }
  return counts;
}

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
  expect(
    (await server.request("POST", "/customers", { code: "FUZZ-1", legalName: "模糊测试有限公司" })).status,
  ).toBe(201);
  const doc = (await server.request("GET", "/openapi.json")).body;
  const components = (doc.components?.schemas ?? {}) as Record<string, JsonSchema>;
  writes = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .map(([m, op]) => ({
          method: m.toUpperCase(),
          hasBody: op.requestBody !== undefined,
          acceptsEmptyObject: acceptsEmptyObject(op, components),
        }))
        .filter(({ method }) => method === "POST" || method === "PATCH" || method === "PUT")
        .map((op) => ({ ...op, path })),
    )
    // Sign-in and sign-out have their own tests (rate limits, lockout); the public application
    // form is a token link with its own tests (size limits, single use).
    .filter((op) => !op.path.startsWith("/auth/") && !op.path.startsWith("/public/"))
    .map((op) => ({
      method: op.method,
      url: op.path.replace(/\{[^}]+\}/g, "FUZZ-1"),
      hasBody: op.hasBody,
      acceptsEmptyObject: op.acceptsEmptyObject,
    }));
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

/**
 * Routes that take documents inline and so declare a larger body limit (32 MiB): 2 MiB is not
 * oversized for them, but the field is still too long, so they must refuse it with a 4xx.
 */
const RAISED_BODY_LIMIT = new Set(["POST /applications", "POST /applications/FUZZ-1/documents"]);

/** Bodies that are not a JSON object: no write route accepts them. */
const notAnObject = fc.oneof(
  fc.constantFrom(null, 0, -1, true, "", "x", [], [1, 2], "{", 1e308),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Bodies no write route with a required field accepts: the above, and objects of unknown shape. */
const malformed = fc.oneof(
  notAnObject,
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    {
      maxKeys: 4,
    },
  ),
  fc.record({ amountMinor: fc.double(), currency: fc.string({ maxLength: 5 }), customer: fc.integer() }),
);

describe("malformed and oversized input to every write route", () => {
  it("answers a 4xx problem and changes nothing", async () => {
    expect(writes.length).toBeGreaterThan(30);
    const before = await rowCounts();
    await fc.assert(
      // Routes that take a body (action routes without one, e.g. /reviews/schedule, ignore it).
      // Routes whose body is all optional (run options, partial updates) accept `{}` and objects with
      // unknown keys stripped, so they get only bodies that are not objects at all.
      fc.asyncProperty(
        fc
          .constantFrom(...writes.filter((w) => w.hasBody))
          .chain((op) => fc.tuple(fc.constant(op), op.acceptsEmptyObject ? notAnObject : malformed)),
        async ([op, body]) => {
          const r = await server.request(op.method, op.url, JSON.stringify(body), {
            "content-type": "application/json",
          });
          expect(r.status, `${op.method} ${op.url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
          expect(r.status, `${op.method} ${op.url} ${JSON.stringify(body)}`).toBeLessThan(500);
          expect(r.headers.get("content-type")).toContain("application/problem+json");
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
    // An oversized body (2 MiB) to every write route: 413, nothing written.
    const huge = JSON.stringify({ legalName: "x".repeat(2 * 1024 * 1024) });
    for (const op of writes) {
      const r = await server.request(op.method, op.url, huge, { "content-type": "application/json" });
      if (RAISED_BODY_LIMIT.has(`${op.method} ${op.url}`)) {
        expect(r.status, `${op.method} ${op.url}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${op.method} ${op.url}`).toBeLessThan(500);
      } else {
        expect(r.status, `${op.method} ${op.url}`).toBe(413);
      }
    }
    expect(await rowCounts()).toEqual(before);
  }, 120_000);
});
