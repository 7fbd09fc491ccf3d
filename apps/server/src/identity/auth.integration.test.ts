import { apiTokens } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { authenticateApiToken, createUser, TOKEN_CACHE_TTL_MS } from "@creditdesk/lib/identity";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
let anon: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t);
  anon = await server.as(null);
  await createUser({
    handle: t,
    actor: "test",
    input: { login: "carol", role: "credit_analyst", password: "correct horse" },
  });
  await createUser({
    handle: t,
    actor: "test",
    input: { login: "lock-me", role: "viewer", password: "correct horse" },
  });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

function cookiesOf(response: { headers: Headers }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, value] = (pair ?? "").split("=");
    if (name) {
      out[name] = value ?? "";
    }
  }
  return out;
}

describe("sign-in with a session cookie", () => {
  it("signs in, sets HttpOnly SameSite=Strict session and readable CSRF cookies, and knows the user", async () => {
    const r = await anon.request("POST", "/auth/login", { login: "carol", password: "correct horse" });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ login: "carol", role: "credit_analyst" });
    expect(r.body.user.passwordHash).toBeUndefined();
    const lines = r.headers.getSetCookie();
    expect(lines.find((l) => l.startsWith("cd_session="))).toMatch(/HttpOnly/);
    expect(lines.find((l) => l.startsWith("cd_session="))).toMatch(/SameSite=Strict/);
    expect(lines.find((l) => l.startsWith("cd_csrf="))).not.toMatch(/HttpOnly/);
    const c = cookiesOf(r);
    const cookie = `cd_session=${c.cd_session}; cd_csrf=${c.cd_csrf}`;
    const me = await anon.request("GET", "/auth/me", undefined, { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { login: "carol" }, via: "session" });
    expect(me.body.permissions).toContain("customers:write");
    expect(me.body.permissions).not.toContain("users:write");

    // Unsafe method: the CSRF header must echo the cookie.
    const body = { code: "CSRF-1", legalName: "跨站测试" };
    const without = await anon.request("POST", "/customers", body, { cookie });
    expect(without.status).toBe(403);
    const wrong = await anon.request("POST", "/customers", body, { cookie, "x-csrf-token": "nope" });
    expect(wrong.status).toBe(403);
    const right = await anon.request("POST", "/customers", body, { cookie, "x-csrf-token": c.cd_csrf ?? "" });
    expect(right.status).toBe(201);

    const out = await anon.request("POST", "/auth/logout", undefined, {
      cookie,
      "x-csrf-token": c.cd_csrf ?? "",
    });
    expect(out.status).toBe(204);
    expect((await anon.request("GET", "/auth/me", undefined, { cookie })).status).toBe(401);
  });

  it("answers a wrong password with 401 and the same message as an unknown login", async () => {
    const wrong = await anon.request("POST", "/auth/login", { login: "carol", password: "wrong password" });
    const unknown = await anon.request("POST", "/auth/login", {
      login: "nobody",
      password: "wrong password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it("locks the account after 5 wrong passwords (423), even for the right one", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await anon.request("POST", "/auth/login", { login: "lock-me", password: `bad-${i}-pass` })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await anon.request("POST", "/auth/login", { login: "lock-me", password: "correct horse" });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe("LOCKED");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(800);
    // An administrator can unlock.
    expect((await server.request("PATCH", "/users/lock-me", { unlock: true })).body.lockedUntil).toBeNull();
  });

  it("rate-limits sign-in attempts per IP and login (429)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await anon.request("POST", "/auth/login", { login: "ghost", password: "whatever1" })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("API tokens", () => {
  it("creates a scoped token, enforces its scope, records last use, and revokes it", async () => {
    const created = await server.request("POST", "/users/carol/tokens", { scope: "read", name: "reporting" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^cd_/);
    const auth = { authorization: `Bearer ${created.body.token}` };
    expect((await anon.request("GET", "/customers", undefined, auth)).status).toBe(200);
    const write = await anon.request("POST", "/customers", { code: "TOK-1", legalName: "令牌" }, auth);
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/scope/);
    const listed = await server.request("GET", "/users/carol/tokens");
    const info = listed.body.items.find((i: { id: number }) => i.id === created.body.info.id);
    expect(info.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await server.request("DELETE", `/users/carol/tokens/${info.id}`)).status).toBe(200);
    expect((await anon.request("GET", "/customers", undefined, auth)).status).toBe(401);
  });

  it("applies a role change and a disabled user at once to a token already in use (cached)", async () => {
    await createUser({ handle: t, actor: "test", input: { login: "dave", role: "credit_manager" } });
    const created = await server.request("POST", "/users/dave/tokens", { scope: "write", name: "erp" });
    const auth = { authorization: `Bearer ${created.body.token}` };
    const body = { code: "TOK-2", legalName: "缓存" };
    expect((await anon.request("GET", "/customers", undefined, auth)).status).toBe(200);
    expect((await server.request("PATCH", "/users/dave", { role: "viewer" })).status).toBe(200);
    expect((await anon.request("POST", "/customers", body, auth)).status).toBe(403);
    expect((await server.request("PATCH", "/users/dave", { status: "disabled" })).status).toBe(200);
    expect((await anon.request("GET", "/customers", undefined, auth)).status).toBe(401);
  });

  it("sees a token revoked by another process within the cache lifetime", async () => {
    const created = await server.request("POST", "/users/carol/tokens", { scope: "read", name: "other" });
    const token: string = created.body.token;
    const now = new Date();
    expect(await authenticateApiToken({ handle: t, token, now })).toMatchObject({ login: "carol" });
    // Another server process revokes it: this process learns it when its cache entry lapses.
    await t.db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, created.body.info.id));
    const later = new Date(now.getTime() + TOKEN_CACHE_TTL_MS + 1);
    expect(await authenticateApiToken({ handle: t, token, now: later })).toBeNull();
  });

  it("answers a malformed or unknown bearer token with 401", async () => {
    expect(
      (await anon.request("GET", "/customers", undefined, { authorization: "Bearer cd_nope" })).status,
    ).toBe(401);
    expect((await anon.request("GET", "/customers", undefined, { authorization: "Basic x" })).status).toBe(
      401,
    );
  });
});
