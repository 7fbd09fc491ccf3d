import type { DatabaseHandle } from "@creditdesk/db";
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
  request(method: string, path: string, body?: unknown): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Starts the API on 127.0.0.1 at a free port and talks to it over a real socket with fetch. */
export async function startTestServer(
  handle: DatabaseHandle,
  options: Omit<BuildServerOptions, "handle"> = {},
): Promise<TestServer> {
  const app = await buildServer({ handle, ...options });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    base,
    async request(method, path, body) {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
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
