import type { DatabaseHandle } from "@creditdesk/db";
import { customers, users } from "@creditdesk/db";
import { AppError } from "@creditdesk/lib/shared";
import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";

/**
 * Sales see only their (team's) customers. JSON answers are filtered by the identity guard's data
 * scope (by `customerId`); binary answers (documents, the case-file PDF) and the names of other
 * parties in duplicate matches are checked here.
 */
export const isOwnerScoped = (request: FastifyRequest) => request.principal?.role === "sales";

/**
 * Whether the caller may see the other parties that duplicates and fraud signals name (their
 * names, ids, codes, evidence). A user who sees only their own customers (sales) learns that a
 * match exists, its kind and the shared fields — unless they hold a credit permission of the
 * screening (deciding applications or clearing signals means judging the match itself).
 */
export function seesOtherParties(request: FastifyRequest): boolean {
  if (!isOwnerScoped(request)) {
    return true;
  }
  const granted = request.permissions;
  return granted !== null && CREDIT_PERMISSIONS.some((p) => granted.has(p));
}
const CREDIT_PERMISSIONS = ["applications:decide", "applications:clear-signals"] as const;

/** 404 (as if absent) when a sales user asks for an application of a prospect they do not own. */
export async function assertCustomerInScope(
  request: FastifyRequest,
  handle: DatabaseHandle,
  customerId: number,
): Promise<void> {
  const principal = request.principal;
  if (!principal || !isOwnerScoped(request)) {
    return;
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
  const [row] = await handle.db
    .select({ owner: customers.salesOwner })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!row?.owner || !owners.has(row.owner)) {
    throw new AppError("NOT_FOUND", `${request.url.split("?")[0]} does not exist`);
  }
}
