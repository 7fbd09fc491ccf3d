import {
  AUTHENTICATED,
  configureRolePermissions,
  effectivePermissions,
  hasPermission,
  type Permission,
  type RolePermissionTable,
} from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { getCustomer } from "@creditdesk/lib/archive";
import { appendAudit } from "@creditdesk/lib/audit";
import type { Principal } from "@creditdesk/lib/identity";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import { describeChange, NEEDS_BEFORE } from "../audit/describe-change.ts";
import { inRequestTransaction } from "../audit/request-transaction.ts";
import { authenticateRequest } from "./authenticate-request.ts";
import { registerDataScope } from "./data-scope.ts";
import { type AccessConfig, type RouteAccess, resolveRouteAccess } from "./route-permissions.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated caller (null on public routes without credentials). */
    principal: Principal | null;
    /** The caller's effective permissions (role table as configured, narrowed by a token scope). */
    permissions: ReadonlySet<Permission> | null;
  }
  interface FastifyContextConfig {
    permission?: AccessConfig["permission"];
    public?: boolean;
    audit?: boolean;
    /** Resolved by the guard at registration. */
    access?: RouteAccess;
  }
}

export interface GuardOptions {
  /** The real database (audit appends and authentication). */
  handle: DatabaseHandle;
  /** The handle routes use (joins the request transaction). */
  scopedHandle: DatabaseHandle;
  /** Role → permissions; default the shipped table (packages/core/src/identity/roles.ts). */
  rolePermissions?: RolePermissionTable | undefined;
}

const READ = new Set(["GET", "HEAD", "OPTIONS"]);

const accessTables = new WeakMap<FastifyInstance, Map<string, RouteAccess>>();

/** Every route's resolved access, `"GET /customers/:idOrCode"` → permission (for tests and docs). */
export const routeAccessOf = (app: FastifyInstance): ReadonlyMap<string, RouteAccess> =>
  accessTables.get(app) ?? new Map();

/** Every route's method(s) as upper-case strings. */
const methodsOf = (method: string | string[]) =>
  (Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase());

/**
 * Authentication and authorisation for every route, decided when the route is registered:
 * - `onRoute` resolves each route's access (its `config.permission`/`config.public`, else the
 *   capability table in route-permissions.ts) and THROWS when none applies, so the server does not
 *   start with an unprotected route;
 * - `preValidation` authenticates (bearer token or session cookie + CSRF) and authorises: 401
 *   problem without credentials, 403 with a role or token scope that lacks the permission;
 * - successful mutating calls run in one transaction with their audit entry (generic, or the
 *   specific one of describe-change.ts), committed before the response is sent.
 */
export function registerGuard(app: FastifyInstance, options: GuardOptions): void {
  const table = options.rolePermissions ?? configureRolePermissions({});
  app.decorateRequest("principal", null);
  app.decorateRequest("permissions", null);
  const accessTable = new Map<string, RouteAccess>();
  accessTables.set(app, accessTable);

  app.addHook("onRoute", (route) => {
    const methods = methodsOf(route.method);
    const config = (route.config ?? {}) as AccessConfig;
    const accesses = methods.map((m) => resolveRouteAccess(m, route.url, config));
    const access = accesses[0];
    if (access === null || access === undefined || accesses.some((a) => a !== access)) {
      throw new Error(
        `route ${methods.join(",")} ${route.url} declares no permission: add config: { permission } or { public: true }, or a rule in apps/server/src/identity/route-permissions.ts`,
      );
    }
    route.config = { ...(route.config ?? {}), access };
    for (const m of methods) {
      accessTable.set(`${m} ${route.url}`, access);
    }
    const mutating = methods.some((m) => !READ.has(m));
    if (access !== "public" && mutating && config.audit !== false) {
      route.handler = auditedHandler(route.handler as RouteHandlerMethod, options, route.url);
    }
  });

  app.addHook("preValidation", async (request) => {
    if (request.is404) {
      return;
    }
    const access = request.routeOptions.config.access;
    if (access === "public" || access === undefined) {
      return;
    }
    const principal = await authenticateRequest(request, options.handle);
    if (!principal) {
      throw new AppError(
        "UNAUTHORIZED",
        "sign in (POST /auth/login) or send `Authorization: Bearer <API token>`",
      );
    }
    request.principal = principal;
    request.permissions = effectivePermissions({ role: principal.role, scope: principal.scope, table });
    if (access === AUTHENTICATED) {
      return;
    }
    if (!hasPermission({ role: principal.role, permission: access, scope: principal.scope, table })) {
      throw new AppError(
        "FORBIDDEN",
        principal.scope !== undefined && hasPermission({ role: principal.role, permission: access, table })
          ? `the API token's scope does not include ${access}`
          : `the role ${principal.role} lacks the permission ${access}`,
      );
    }
  });

  registerDataScope(app, options.scopedHandle);
}

/**
 * Wraps a mutating handler: runs it inside one transaction (use cases join it through the
 * request-scoped handle), captures what it sends, appends the audit entry in the same
 * transaction, commits, and only then sends the response.
 */
function auditedHandler(
  original: RouteHandlerMethod,
  options: GuardOptions,
  url: string,
): RouteHandlerMethod {
  return async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    let captured: { payload: unknown } | undefined;
    const key = `${request.method} ${url}`;
    const result = await inRequestTransaction(options.handle, async (tx) => {
      const before = NEEDS_BEFORE.has(key)
        ? await getCustomer({
            handle: options.scopedHandle,
            idOrCode: String((request.params as { idOrCode?: unknown }).idOrCode),
          }).catch(() => null)
        : undefined;
      const send = (payload?: unknown) => {
        captured = { payload };
        return reply;
      };
      // A reply is a thenable that settles once the response is written; a handler that returns
      // `reply.send(x)` would wait for that forever while we hold the response back, so `then`
      // settles at once while the handler runs.
      const then = (fulfilled?: (value: unknown) => unknown) => fulfilled?.(undefined);
      Object.defineProperty(reply, "send", { value: send, configurable: true, writable: true });
      // biome-ignore lint/suspicious/noThenProperty: shadowing Fastify's own reply.then for the handler's duration
      Object.defineProperty(reply, "then", { value: then, configurable: true, writable: true });
      let returned: unknown;
      try {
        returned = await original.call(this, request, reply);
      } finally {
        Reflect.deleteProperty(reply, "send");
        Reflect.deleteProperty(reply, "then");
      }
      const body = captured ? captured.payload : returned;
      await appendAudit(
        tx.db,
        describeChange({
          method: request.method,
          url,
          params: (request.params ?? {}) as Record<string, unknown>,
          body: request.body,
          result: body,
          before,
          actor: request.principal?.login ?? "anonymous",
          status: reply.statusCode,
        }),
      );
      // Boxed: a Fastify reply is a thenable (it resolves once sent), so it must not be awaited here.
      return { returned };
    });
    if (captured) {
      return reply.send(captured.payload);
    }
    return result.returned;
  };
}
