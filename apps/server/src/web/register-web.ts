import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";

export interface RegisterWebOptions {
  /** The built SPA (`apps/web/dist`, see `ensureWebBuilt`). */
  distDir: string;
  /**
   * Path prefixes the SPA routes itself that the API also serves (e.g. `/customers/{code}`): a
   * browser navigation there gets the SPA, a request for JSON gets the API.
   */
  spaRoutes?: readonly string[];
}

/** Client-side routes of the workbench (apps/web/src/shell/app.tsx). */
export const DEFAULT_SPA_ROUTES = [
  "/",
  "/customers",
  "/limits",
  "/alerts",
  "/applications",
  "/apply",
  "/reviews",
  "/models",
  "/settings",
] as const;

/** Never answered with the SPA: Swagger UI, the spec, the health probe. */
const API_ONLY_PREFIXES = ["/docs", "/openapi.json", "/health"] as const;

/** Vite puts content-hashed files under /assets/: they can be cached for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * True when the client prefers an HTML page: browsers navigating send
 * `text/html,application/xhtml+xml,…,*\/*;q=0.8`; the SPA's fetches send `application/json`;
 * curl sends `*\/*`. So only an explicit text/html ranked above JSON counts.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) {
    return false;
  }
  const html = accept.indexOf("text/html");
  if (html < 0) {
    return false;
  }
  const json = accept.indexOf("application/json");
  return json < 0 || html < json;
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

function underPrefix(path: string, prefix: string): boolean {
  return prefix === "/" ? path === "/" : path === prefix || path.startsWith(`${prefix}/`);
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>CreditDesk</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>CreditDesk web workbench is not built</h1>
<p>Build it with <code>npm run build -w @creditdesk/web</code> (or start with <code>npm start</code>,
which builds it when needed). The API is available, see <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the built single-page app at `/`: files of `distDir` as they are (hashed assets with a
 * one-year immutable cache, index.html with no-cache), and index.html for browser navigations to
 * client-side routes and to unknown paths (SPA fallback). API requests (JSON, or paths the API
 * owns such as /docs) are untouched.
 */
export async function registerWeb(app: FastifyInstance, options: RegisterWebOptions): Promise<void> {
  const { distDir } = options;
  const spaRoutes = options.spaRoutes ?? DEFAULT_SPA_ROUTES;
  const indexFile = join(distDir, "index.html");
  const built = existsSync(indexFile);

  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: "/",
      // One route per built file (not a catch-all), so unknown paths still reach the API's 404.
      wildcard: false,
      // Swagger UI registers @fastify/static too; no reply decorators to clash with.
      decorateReply: false,
      cacheControl: false,
      // @fastify/static 9 (whose dependencies still run on Node 20) hands over the raw response.
      setHeaders: (res, filePath) => {
        const name = filePath.replaceAll("\\", "/");
        res.setHeader("cache-control", name.includes("/assets/") ? IMMUTABLE : "no-cache");
      },
    });
  } else {
    app.log.warn(`web workbench not built (${indexFile} missing): run npm run build -w @creditdesk/web`);
  }

  app.addHook("onRequest", async (request, reply) => {
    if ((request.method !== "GET" && request.method !== "HEAD") || !prefersHtml(request.headers.accept)) {
      return;
    }
    const path = pathOf(request);
    if (API_ONLY_PREFIXES.some((prefix) => underPrefix(path, prefix))) {
      return;
    }
    // A file name (has an extension in its last segment): static file or a real 404.
    if (/\.[^/]+$/.test(path)) {
      return;
    }
    const unmatched = request.routeOptions.url === undefined;
    if (!unmatched && !spaRoutes.some((prefix) => underPrefix(path, prefix))) {
      return;
    }
    const html = built ? await readFile(indexFile, "utf8") : NOT_BUILT_PAGE;
    // `vary: accept`: the same URL answers JSON to API clients, so caches must key on Accept.
    return reply
      .code(200)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("vary", "accept")
      .send(html);
  });
}
