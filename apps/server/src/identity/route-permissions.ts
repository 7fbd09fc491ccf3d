import { type AUTHENTICATED, isPermission, type Permission } from "@creditdesk/core/identity";

/** What a route needs: a permission, any signed-in user, or nothing (public). */
export type RouteAccess = Permission | typeof AUTHENTICATED | "public";

/** Route options each route may carry: `config: { permission: "customers:write" }` or `{ public: true }`. */
export interface AccessConfig {
  permission?: Permission | typeof AUTHENTICATED;
  public?: boolean;
  /** false: the route writes its own audit entries (no generic one). */
  audit?: boolean;
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/** Archive record collections (customers:…) and ledger collections (ledger:…). */
const ARCHIVE = [
  "customers",
  "contacts",
  "financial-statements",
  "external-ratings",
  "external-events",
  "complaints",
  "customer-defaults",
];
const LEDGER = ["invoices", "payments", "sales-orders", "credit-notes", "disputes"];

/**
 * The permission of every route that does not declare its own, by capability. Each rule matches
 * the route's URL pattern (Fastify form, `:param`); the first match wins. A route none of these
 * match and that declares nothing makes `buildServer` fail — no route can be left unprotected.
 */
const RULES: ReadonlyArray<{ test: RegExp; read: Permission; write: Permission }> = [
  // Assessment (before /customers/…): scores, credit file, runs; scorecards.
  {
    test: /^\/customers\/:idOrCode\/(assessments|credit-file|behaviour-trend)$/,
    read: "assessment:read",
    write: "assessment:run",
  },
  { test: /^\/(assessments|assessment-runs)(\/|$)/, read: "assessment:read", write: "assessment:run" },
  { test: /^\/scorecards(\/|$)/, read: "scorecards:read", write: "scorecards:write" },
  // Limits capability: limits, exposure, credit checks, limit requests, blocked orders, contracts.
  {
    test: /^\/customers\/:idOrCode\/(limits|exposure|credit-account|contracts|securities|late-interest|limit-recommendation|blocked-orders|limit-requests)(\/|$)/,
    read: "limits:read",
    write: "limits:write",
  },
  {
    test: /^\/(credit-checks|limits|limit-requests|limit-authorities|credit-limits|blocked-orders|contracts|securities|credit-segments|credit-accounts|exposure|approvals)(\/|$)/,
    read: "limits:read",
    write: "limits:write",
  },
  { test: new RegExp(`^/(${ARCHIVE.join("|")})(/|$)`), read: "customers:read", write: "customers:write" },
  { test: new RegExp(`^/(${LEDGER.join("|")})(/|$)`), read: "ledger:read", write: "ledger:write" },
  { test: /^\/fx-rates(\/|$)/, read: "fx:read", write: "fx:write" },
  { test: /^\/portfolio(\/|$)/, read: "portfolio:read", write: "portfolio:read" },
  { test: /^\/audit(\/|$)/, read: "audit:read", write: "audit:read" },
  { test: /^\/users(\/|$)/, read: "users:read", write: "users:write" },
];

/** Writes in the limits capability that are decisions (four eyes) or requests rather than edits. */
function limitsWrite(url: string): Permission | null {
  // Configuration of the authority matrix and credit segments: administrators only.
  if (/^\/(limit-authorities|credit-segments)(\/|$)/.test(url)) {
    return "limits:configure";
  }
  // Decisions: approving limit requests, releasing or rejecting blocked orders (four eyes, authority).
  if (/\/(approve|reject|decide|decision|resolution)(\/|$)/.test(url)) {
    return "limits:approve";
  }
  // Requesting (and resubmitting) a limit is open to more roles than setting one directly.
  if (/^\/limit-requests(\/|$)/.test(url)) {
    return "limits:request";
  }
  return null;
}

/** Public by nature: the health probe, the API description, the docs, sign-in, the static web app. */
export function isPublicRoute(method: string, url: string): boolean {
  if (url === "/health" || url === "/openapi.json" || url === "/docs" || url.startsWith("/docs/")) {
    return READ_METHODS.has(method);
  }
  if (url === "/auth/login") {
    return method === "POST";
  }
  // Static files of the web app (one route per built file) and its index.
  return READ_METHODS.has(method) && (url === "/" || /\/[^/:*]+\.[A-Za-z0-9]+$/.test(url));
}

/**
 * The access a route needs: its own `config` first, then the public list, then the capability
 * rules. Null = nothing applies (the caller refuses to start).
 */
export function resolveRouteAccess(
  method: string,
  url: string,
  config: AccessConfig | undefined,
): RouteAccess | null {
  if (config?.public) {
    return "public";
  }
  if (config?.permission) {
    return config.permission;
  }
  if (isPublicRoute(method, url)) {
    return "public";
  }
  const rule = RULES.find((r) => r.test.test(url));
  if (!rule) {
    return null;
  }
  if (READ_METHODS.has(method)) {
    return rule.read;
  }
  if (rule.read === "limits:read") {
    return limitsWrite(url) ?? rule.write;
  }
  return rule.write;
}

export const isRoutePermission = (value: string): value is Permission => isPermission(value);
