import { effectivePermissions, type Permission, type Role, type TokenScope } from "@creditdesk/core/identity";
import type { users } from "@creditdesk/db";

/** The authenticated caller of a request. */
export interface Principal {
  userId: number;
  login: string;
  displayName: string;
  role: Role;
  team: string | null;
  /** Present for API tokens: narrows the role's permissions. */
  scope?: TokenScope | undefined;
  via: "session" | "token";
}

export type UserRow = typeof users.$inferSelect;

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  team: string | null;
  email: string | null;
  status: "active" | "disabled";
  failedAttempts: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  approvalLimitMinor: number | null;
  approvalLimitCurrency: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role as Role,
    team: row.team,
    email: row.email,
    status: row.status as "active" | "disabled",
    failedAttempts: row.failedAttempts,
    lockedUntil: iso(row.lockedUntil),
    lastLoginAt: iso(row.lastLoginAt),
    approvalLimitMinor: row.approvalLimitMinor,
    approvalLimitCurrency: row.approvalLimitCurrency,
    createdAt: iso(row.createdAt) ?? "",
    updatedAt: iso(row.updatedAt) ?? "",
  };
}

/** The permissions a role (narrowed by a token scope) holds, sorted, for `/auth/me`. */
export function effectivePermissionsOf(role: Role, scope?: TokenScope): Permission[] {
  return [...effectivePermissions({ role, scope })].sort();
}
