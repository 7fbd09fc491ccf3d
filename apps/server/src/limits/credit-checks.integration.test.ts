import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestResponse, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
const today = new Date().toISOString().slice(0, 10);

/** A call over the real socket as the test client's signed-in user, with the limits actor headers. */
function call(
  method: string,
  path: string,
  body: unknown,
  actor?: { id: string; role: string },
): Promise<Pick<TestResponse, "status" | "body">> {
  return server.request(
    method,
    path,
    body,
    actor ? { "x-creditdesk-user": actor.id, "x-creditdesk-role": actor.role } : {},
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
  for (const code of ["HOT-1", "IDEM-1", "AUTH-1"]) {
    expect((await server.request("POST", "/customers", { code, legalName: `${code} 有限公司` })).status).toBe(
      201,
    );
  }
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe("POST /credit-checks", () => {
  it("answers 200 concurrent checks over HTTP and never approves beyond the limit", async () => {
    const admin = { id: "admin", role: "credit_manager" };
    const set = await call(
      "POST",
      "/customers/HOT-1/limits",
      { currency: "CNY", amountMinor: 1_000_000_00, validFrom: today },
      admin,
    );
    expect(set.status).toBe(201);
    // Amounts vary so that the approvals must be summed, not just counted.
    const amounts = Array.from({ length: 200 }, (_, i) => 10_000_00 + (i % 7) * 1_234_56);
    const answers = await Promise.all(
      amounts.map((amountMinor, i) =>
        call("POST", "/credit-checks", {
          customer: "HOT-1",
          amountMinor,
          currency: "CNY",
          orderReference: `HOT-SO-${i}`,
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const approved = answers.filter((a) => a.body.outcome === "approved");
    const approvedSum = approved.reduce((s, a) => s + a.body.amountMinor, 0);
    expect(approvedSum).toBeLessThanOrEqual(1_000_000_00);
    expect(approved.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.body.outcome === "blocked").length).toBeGreaterThan(0);
    // The limit is used up to less than the smallest order: approvals stopped only when nothing fitted.
    const exposure = await server.request("GET", "/customers/HOT-1/exposure");
    expect(exposure.body.parts.reservationsMinor).toBe(approvedSum);
    expect(1_000_000_00 - approvedSum).toBeLessThan(Math.max(...amounts));
  });

  it("returns the first decision for the same order reference", async () => {
    await call(
      "POST",
      "/customers/IDEM-1/limits",
      { currency: "CNY", amountMinor: 500_00, validFrom: today },
      { id: "admin", role: "credit_manager" },
    );
    const body = { customer: "IDEM-1", amountMinor: 400_00, currency: "CNY", orderReference: "IDEM-SO-1" };
    const [a, b] = await Promise.all([
      call("POST", "/credit-checks", body),
      call("POST", "/credit-checks", body),
    ]);
    expect([a.body.id, a.body.outcome]).toEqual([b.body.id, "approved"]);
    expect([a.body.idempotent, b.body.idempotent].sort()).toEqual([false, true]);
    const record = await server.request("GET", `/credit-checks/${a.body.id}`);
    expect(record.body).toMatchObject({ orderReference: "IDEM-SO-1", reservation: { status: "active" } });
    const released = await call("POST", "/credit-checks/release", {
      customer: "IDEM-1",
      orderReference: "IDEM-SO-1",
      reason: "cancelled",
    });
    expect(released.body).toEqual({ released: 1, releasedMinor: 400_00 });
  });

  it("answers problems for unknown customers and bad bodies, and refuses limits without an actor", async () => {
    const unknown = await call("POST", "/credit-checks", {
      customer: "NOPE",
      amountMinor: 1,
      currency: "CNY",
      orderReference: "X",
    });
    expect(unknown.status).toBe(404);
    const bad = await call("POST", "/credit-checks", {
      customer: "AUTH-1",
      amountMinor: 1.5,
      currency: "cny",
    });
    expect(bad.status).toBe(400);
    const nobody = await server.as(null);
    const anonymous = await nobody.request("POST", "/customers/AUTH-1/limits", {
      currency: "CNY",
      amountMinor: 1,
      validFrom: today,
    });
    expect(anonymous.status).toBe(401);
  });
});
