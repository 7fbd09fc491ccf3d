import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefersHtml, registerWeb } from "./register-web.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const INDEX = "<!doctype html><title>spa</title>";

describe("prefersHtml", () => {
  it.each([
    [BROWSER, true],
    ["application/json", false],
    ["*/*", false],
    [undefined, false],
    ["application/json, text/html", false],
    ["text/html", true],
  ])("%s → %s", (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

describe("registerWeb", () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cd-web-"));
    await mkdir(join(dir, "assets"));
    await writeFile(join(dir, "index.html"), INDEX);
    await writeFile(join(dir, "assets", "app-1a2b3c.js"), "console.log(1)");
    app = Fastify();
    // API routes come first, as in buildServer; the web capability is registered after them.
    app.get("/customers", async () => ({ items: [], nextCursor: null }));
    app.get("/customers/:code", async () => ({ code: "C1" }));
    app.get("/docs", async () => "swagger");
    app.get("/invoices", async () => ({ items: [] }));
    await registerWeb(app, { distDir: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves index.html at / without caching it", async () => {
    const res = await app.inject({ url: "/", headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("serves hashed assets with a long immutable cache", async () => {
    const res = await app.inject({ url: "/assets/app-1a2b3c.js" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("console.log(1)");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers a browser navigation to a client route shared with the API with the SPA", async () => {
    const res = await app.inject({ url: "/customers/C1?tab=invoices", headers: { accept: BROWSER } });
    expect(res.body).toBe(INDEX);
    expect(res.headers.vary).toBe("accept");
  });

  it("leaves API requests for JSON alone on the same path", async () => {
    const res = await app.inject({ url: "/customers/C1", headers: { accept: "application/json" } });
    expect(res.json()).toEqual({ code: "C1" });
  });

  it("falls back to the SPA for unknown paths a browser navigates to", async () => {
    const res = await app.inject({ url: "/no/such/page", headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
  });

  it("keeps 404 for unknown paths asked as JSON, for missing files and for other methods", async () => {
    expect(
      (await app.inject({ url: "/no/such/page", headers: { accept: "application/json" } })).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: "/assets/missing.js", headers: { accept: BROWSER } })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: "POST", url: "/no/such/page", headers: { accept: BROWSER } })).statusCode,
    ).toBe(404);
  });

  it("never takes over /docs or API paths that are not client routes", async () => {
    expect((await app.inject({ url: "/docs", headers: { accept: BROWSER } })).body).toBe("swagger");
    expect((await app.inject({ url: "/invoices", headers: { accept: BROWSER } })).json()).toEqual({
      items: [],
    });
  });
});
