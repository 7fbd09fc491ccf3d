import type { DatabaseHandle } from "@creditdesk/db";
import { customers, users } from "@creditdesk/db";
import type { Principal } from "@creditdesk/lib/identity";
import { AppError } from "@creditdesk/lib/shared";
import { eq, inArray, or, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Roles that see only the customers they own (`customers.sales_owner`). */
const OWNER_SCOPED = new Set(["sales"]);

interface Scope {
  owners: Set<string>;
  customerIds: Set<number>;
}

const scopes = new WeakMap<FastifyRequest, Scope>();

/**
 * The owner names a sales user stands for: their login and display name, and those of their
 * team mates (a customer's `sales_owner` may hold either).
 */
async function scopeOf(
  request: FastifyRequest,
  principal: Principal,
  handle: DatabaseHandle,
): Promise<Scope> {
  const known = scopes.get(request);
  if (known) {
    return known;
  }
  const mates = principal.team
    ? await handle.db
        .select({ login: users.login, name: users.displayName })
        .from(users)
        .where(eq(users.team, principal.team))
    : [];
  const owners = new Set([
    principal.login,
    principal.displayName,
    ...mates.flatMap((m) => [m.login, m.name]),
  ]);
  const rows = await handle.db
    .select({ id: customers.id })
    .from(customers)
    .where(inArray(customers.salesOwner, [...owners]));
  const scope = { owners, customerIds: new Set(rows.map((r) => r.id)) };
  scopes.set(request, scope);
  return scope;
}

/**
 * The `sales_owner` names whose customers the caller may see, for routes that filter in SQL (full
 * pages, checks before a write); null when the caller's role is not owner-scoped (sees everyone).
 */
export async function customerOwnersOf(
  request: FastifyRequest,
  handle: DatabaseHandle,
): Promise<string[] | null> {
  const principal = request.principal;
  if (!principal || !OWNER_SCOPED.has(principal.role)) {
    return null;
  }
  return [...(await scopeOf(request, principal, handle)).owners];
}

/**
 * For routes that name a customer in their BODY (e.g. `POST /limit-requests`): a sales user may
 * act only on a customer of their (team's) own — 404 otherwise, as if it did not exist, and before
 * anything is written. (Routes with `:idOrCode` are checked by the preHandler below; responses are
 * filtered by their `customerId`, but a write must be refused before it commits.)
 */
export async function assertCustomerInScope(
  request: FastifyRequest,
  handle: DatabaseHandle,
  customer: string | number,
): Promise<void> {
  const principal = request.principal;
  if (!principal || !OWNER_SCOPED.has(principal.role)) {
    return;
  }
  const scope = await scopeOf(request, principal, handle);
  const text = String(customer);
  const key = /^\d{1,15}$/.test(text) ? Number(text) : null;
  const [row] = await handle.db
    .select({ owner: customers.salesOwner })
    .from(customers)
    .where(key === null ? eq(customers.code, text) : or(eq(customers.id, key), eq(customers.code, text)))
    .orderBy(sql`(${customers.code} = ${text}) desc`)
    .limit(1);
  if (row && !(row.owner && scope.owners.has(row.owner))) {
    throw AppError.notFound("customer", text);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether one record is inside the scope: customers by owner, customer-linked records by customerId. */
function visible(item: unknown, scope: Scope, customerRoute: boolean): boolean {
  if (!isRecord(item)) {
    return true;
  }
  if (customerRoute && "salesOwner" in item) {
    return typeof item.salesOwner === "string" && scope.owners.has(item.salesOwner);
  }
  if (typeof item.customerId === "number") {
    return scope.customerIds.has(item.customerId);
  }
  return true;
}

/**
 * Data scope: a sales user sees only their (team's) customers — in lists (other rows are left out
 * of the page; the cursor still moves on, so nothing leaks and nothing is skipped), in single
 * reads and anything under `/customers/{idOrCode}` (404, as if it did not exist), and in every
 * customer-linked record (ledger, archive records, limits) by its `customerId`.
 */
export function registerDataScope(app: FastifyInstance, handle: DatabaseHandle): void {
  app.addHook("preHandler", async (request) => {
    const principal = request.principal;
    if (!principal || !OWNER_SCOPED.has(principal.role)) {
      return;
    }
    const idOrCode = (request.params as Record<string, unknown> | undefined)?.idOrCode;
    if (typeof idOrCode !== "string" && typeof idOrCode !== "number") {
      return;
    }
    const scope = await scopeOf(request, principal, handle);
    const text = String(idOrCode);
    const key = /^\d+$/.test(text) ? Number(text) : null;
    const [row] = await handle.db
      .select({ owner: customers.salesOwner })
      .from(customers)
      .where(key === null ? eq(customers.code, text) : or(eq(customers.id, key), eq(customers.code, text)));
    if (row && !(row.owner && scope.owners.has(row.owner))) {
      throw AppError.notFound("customer", text);
    }
  });

  app.addHook("preSerialization", async (request, reply, payload: unknown) => {
    const principal = request.principal;
    if (!principal || !OWNER_SCOPED.has(principal.role) || reply.statusCode >= 400 || !isRecord(payload)) {
      return payload;
    }
    const scope = await scopeOf(request, principal, handle);
    const customerRoute = (request.routeOptions.url ?? "").startsWith("/customers");
    if (Array.isArray(payload.items)) {
      return { ...payload, items: payload.items.filter((item) => visible(item, scope, customerRoute)) };
    }
    if (!visible(payload, scope, customerRoute)) {
      throw new AppError("NOT_FOUND", `${request.url.split("?")[0]} does not exist`);
    }
    return payload;
  });
}
