import type { Role } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { users } from "@creditdesk/db";
import { createApiToken, createUser } from "@creditdesk/lib/identity";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { type BuildServerOptions, buildServer } from "../build-server.ts";

export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  body: any;
}

export interface TestServer {
  app: FastifyInstance;
  base: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  /** The bearer token the client sends (null: none). */
  token: string | null;
  /** The login the client acts as (null: anonymous). */
  login: string | null;
  /** Another client on the same server acting as `role` (null: no credentials). */
  as(role: Role | null): Promise<TestServer>;
  close(): Promise<void>;
}

export interface TestServerOptions extends Omit<BuildServerOptions, "handle"> {
  /** Act as a user of this role (default admin); null sends no credentials. */
  as?: Role | null;
}

/** Finds or creates the test user `test-<role>` (no password) and gives it a fresh write token. */
export async function testCredentials(
  handle: DatabaseHandle,
  role: Role,
): Promise<{ login: string; token: string }> {
  const login = `test-${role.replace(/_/g, "-")}`;
  const [existing] = await handle.db.select({ id: users.id }).from(users).where(eq(users.login, login));
  if (!existing) {
    await createUser({ handle, actor: "system:test", input: { login, role, displayName: login } });
  }
  const { token } = await createApiToken({
    handle,
    login,
    scope: "write",
    name: "test",
    actor: "system:test",
  });
  return { login, token };
}

/** Starts the API on 127.0.0.1 at a free port and talks to it over a real socket with fetch. */
export async function startTestServer(
  handle: DatabaseHandle,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const { as: role = "admin", ...buildOptions } = options;
  const app = await buildServer({ handle, ...buildOptions });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return clientFor(app, base, handle, role === null ? null : await testCredentials(handle, role));
}

/**
 * A client of a running test server. Signs in as an admin by default (a user and an API token in
 * the test database) so that tests about other things need not care; `as(role)` gives another.
 */
function clientFor(
  app: FastifyInstance,
  base: string,
  handle: DatabaseHandle,
  credentials: { login: string; token: string } | null,
): TestServer {
  return {
    app,
    base,
    token: credentials?.token ?? null,
    login: credentials?.login ?? null,
    async as(role) {
      return clientFor(app, base, handle, role === null ? null : await testCredentials(handle, role));
    },
    async request(method, path, body, extra = {}) {
      const headers: Record<string, string> = {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(credentials ? { authorization: `Bearer ${credentials.token}` } : {}),
        ...extra,
      };
      const response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (e.g. the Swagger UI page): keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    close: () => app.close(),
  };
}
