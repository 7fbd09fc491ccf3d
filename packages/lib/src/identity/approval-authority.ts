import { isRole, type Role } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { approvalAuthorities, users } from "@creditdesk/db";
import { eq } from "drizzle-orm";

/**
 * Shipped approval authority per role (CNY minor units; null = unlimited; 0 = may not approve).
 * Stored in `approval_authorities` on first use, where it can be configured; a user's own
 * `approvalLimitMinor` overrides their role's.
 */
export const DEFAULT_APPROVAL_AUTHORITY: Readonly<Record<Role, number | null>> = {
  admin: null,
  credit_manager: 1_000_000_000,
  credit_analyst: 100_000_000,
  finance_ar: 0,
  sales: 0,
  auditor: 0,
  viewer: 0,
};
export const DEFAULT_AUTHORITY_CURRENCY = "CNY";

export interface ApprovalAuthority {
  login: string;
  role: string;
  /** Largest amount this actor may approve, in `currency` minor units; null = unlimited. */
  maxMinor: number | null;
  currency: string;
  source: "user" | "role";
  /** Whether the actor is a user of CreditDesk (false: a system or CLI name; role from the caller). */
  known: boolean;
}

async function ensureDefaults(handle: DatabaseHandle): Promise<void> {
  await handle.db
    .insert(approvalAuthorities)
    .values(
      Object.entries(DEFAULT_APPROVAL_AUTHORITY).map(([role, maxMinor]) => ({
        role,
        maxMinor,
        currency: DEFAULT_AUTHORITY_CURRENCY,
      })),
    )
    .onConflictDoNothing();
}

/**
 * The approval authority of an actor (for limit requests and blocked-order release): the user's
 * override when set, else the configured authority of their role. Unknown users get none (0).
 */
export async function getApprovalAuthority(options: {
  handle: DatabaseHandle;
  actor: { id: string; role: string };
}): Promise<ApprovalAuthority> {
  const { handle, actor } = options;
  const [user] = await handle.db.select().from(users).where(eq(users.login, actor.id));
  if (user && user.approvalLimitMinor !== null) {
    return {
      login: actor.id,
      role: user.role,
      maxMinor: user.approvalLimitMinor,
      currency: user.approvalLimitCurrency ?? DEFAULT_AUTHORITY_CURRENCY,
      source: "user",
      known: true,
    };
  }
  const role = user?.role ?? actor.role;
  let [row] = await handle.db.select().from(approvalAuthorities).where(eq(approvalAuthorities.role, role));
  if (!row && isRole(role)) {
    await ensureDefaults(handle);
    [row] = await handle.db.select().from(approvalAuthorities).where(eq(approvalAuthorities.role, role));
  }
  return {
    login: actor.id,
    role,
    // null is "unlimited" (e.g. admin): only a missing role row or user means no authority.
    maxMinor: user && row ? row.maxMinor : 0,
    currency: row?.currency ?? DEFAULT_AUTHORITY_CURRENCY,
    source: "role",
    known: user !== undefined,
  };
}

/** Sets a role's approval authority (configuration). */
export async function setRoleApprovalAuthority(options: {
  handle: DatabaseHandle;
  role: Role;
  maxMinor: number | null;
  currency?: string | undefined;
}): Promise<void> {
  const currency = options.currency ?? DEFAULT_AUTHORITY_CURRENCY;
  await options.handle.db
    .insert(approvalAuthorities)
    .values({ role: options.role, maxMinor: options.maxMinor, currency })
    .onConflictDoUpdate({
      target: approvalAuthorities.role,
      set: { maxMinor: options.maxMinor, currency, updatedAt: new Date() },
    });
}
