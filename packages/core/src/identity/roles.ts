/**
 * Roles and permissions: a pure, configurable table. A permission is `resource:action`; a role
 * holds a set of them. Routes name the permission they need; tokens may narrow a user's set by
 * scope (`read`, `write` or an explicit permission list) but never widen it.
 */
export const ROLES = [
  "admin",
  "credit_manager",
  "credit_analyst",
  "finance_ar",
  "sales",
  "auditor",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "customers:read",
  "customers:write",
  "ledger:read",
  "ledger:write",
  "fx:read",
  "fx:write",
  "assessment:read",
  "assessment:run",
  "scorecards:read",
  "scorecards:write",
  "portfolio:read",
  "limits:read",
  "limits:request",
  "limits:write",
  "limits:approve",
  "limits:configure",
  "users:read",
  "users:write",
  "audit:read",
  "alerts:read",
  "alerts:write",
  "monitoring:configure",
  "holds:release",
  "reviews:read",
  "reviews:write",
  "portfolio:configure",
  "insurance:read",
  "insurance:write",
  "collections:read",
  "collections:write",
  "applications:read",
  "applications:write",
  "applications:decide",
  "applications:clear-signals",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Every signed-in user may read their own profile and sign out: not a table permission. */
export const AUTHENTICATED = "authenticated" as const;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);

/** Read permissions: every `…:read`. */
export const READ_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((p) => p.endsWith(":read"));

const BUSINESS_READ: readonly Permission[] = [
  "customers:read",
  "ledger:read",
  "fx:read",
  "assessment:read",
  "scorecards:read",
  "portfolio:read",
  "limits:read",
  "alerts:read",
  "reviews:read",
  "insurance:read",
  "collections:read",
  "applications:read",
];

export type RolePermissionTable = Readonly<Record<Role, readonly Permission[]>>;

/**
 * The shipped table. Auditors read everything (audit trail and users included) and change nothing;
 * sales see only their own customers (data scope, enforced at the edge) and may request limits;
 * only admins manage users; credit analysts approve limits and release blocked orders within their
 * authority (the authority matrix bounds the amount; four eyes always); only credit managers (and
 * admins) lift credit holds placed by monitoring (`holds:release`) and change scorecards.
 */
export const DEFAULT_ROLE_PERMISSIONS: RolePermissionTable = {
  admin: PERMISSIONS,
  credit_manager: [
    ...BUSINESS_READ,
    "customers:write",
    "ledger:write",
    "fx:write",
    "assessment:run",
    "scorecards:write",
    "limits:request",
    "limits:write",
    "limits:approve",
    "alerts:write",
    "monitoring:configure",
    "holds:release",
    "reviews:write",
    "portfolio:configure",
    "insurance:write",
    "collections:write",
    "applications:write",
    "applications:decide",
    "applications:clear-signals",
  ],
  credit_analyst: [
    ...BUSINESS_READ,
    "customers:write",
    "assessment:run",
    "limits:request",
    "limits:write",
    // Within their authority only: the authority matrix (level 1, up to 1 m by default) bounds the
    // limit requests they may sign and the blocked orders they may release; never their own request.
    "limits:approve",
    "alerts:write",
    "reviews:write",
    "insurance:write",
    "applications:write",
  ],
  finance_ar: [
    ...BUSINESS_READ,
    "ledger:write",
    "fx:write",
    "limits:request",
    "alerts:write",
    "insurance:write",
    "collections:write",
  ],
  sales: [
    "customers:read",
    "ledger:read",
    "assessment:read",
    "limits:read",
    "limits:request",
    "alerts:read",
    "collections:read",
    "applications:read",
    "applications:write",
  ],
  auditor: READ_PERMISSIONS,
  viewer: BUSINESS_READ,
};

/**
 * The table with configured changes: per role, a replacement list of permissions. Unknown roles
 * or permissions are rejected (a typo must not silently remove or grant access).
 */
export function configureRolePermissions(
  overrides: Partial<Record<string, readonly string[]>>,
  base: RolePermissionTable = DEFAULT_ROLE_PERMISSIONS,
): RolePermissionTable {
  const table: Record<Role, readonly Permission[]> = { ...base };
  for (const [role, permissions] of Object.entries(overrides)) {
    if (!isRole(role)) {
      throw new Error(`unknown role ${role}`);
    }
    const list = permissions ?? [];
    const unknown = list.filter((p) => !isPermission(p));
    if (unknown.length > 0) {
      throw new Error(`unknown permission(s) for ${role}: ${unknown.join(", ")}`);
    }
    table[role] = list as Permission[];
  }
  return table;
}

/** Token scopes: `read` (the user's read permissions), `write` (all of the user's) or a list. */
export type TokenScope = "read" | "write" | readonly Permission[];

/** Parses `read`, `write` or a comma-separated permission list; null when malformed. */
export function parseTokenScope(text: string): TokenScope | null {
  const trimmed = text.trim();
  if (trimmed === "read" || trimmed === "write") {
    return trimmed;
  }
  const parts = trimmed
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 0 && parts.every(isPermission) ? (parts as Permission[]) : null;
}

/** The stored form of a scope (text[]): ["read"], ["write"] or the permissions. */
export const scopeToList = (scope: TokenScope): string[] =>
  typeof scope === "string" ? [scope] : [...scope];
export function scopeFromList(list: readonly string[]): TokenScope {
  if (list.length === 1 && (list[0] === "read" || list[0] === "write")) {
    return list[0];
  }
  return list.filter(isPermission);
}

/** What a principal may do: the role's permissions, narrowed by a token scope when there is one. */
export function effectivePermissions(options: {
  role: Role;
  scope?: TokenScope | undefined;
  table?: RolePermissionTable | undefined;
}): ReadonlySet<Permission> {
  const granted = (options.table ?? DEFAULT_ROLE_PERMISSIONS)[options.role];
  const scope = options.scope ?? "write";
  if (scope === "write") {
    return new Set(granted);
  }
  if (scope === "read") {
    return new Set(granted.filter((p) => p.endsWith(":read")));
  }
  return new Set(granted.filter((p) => scope.includes(p)));
}

/** Whether `role` (optionally via a token `scope`) holds `permission`. */
export function hasPermission(options: {
  role: Role;
  permission: Permission;
  scope?: TokenScope | undefined;
  table?: RolePermissionTable | undefined;
}): boolean {
  return effectivePermissions(options).has(options.permission);
}
