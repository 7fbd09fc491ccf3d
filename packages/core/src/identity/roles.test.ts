import { describe, expect, it } from "vitest";
import {
  configureRolePermissions,
  DEFAULT_ROLE_PERMISSIONS,
  effectivePermissions,
  hasPermission,
  PERMISSIONS,
  parseTokenScope,
  ROLES,
} from "./roles.ts";

describe("role permission table", () => {
  it.each([
    ["admin", "users:write", true],
    ["admin", "audit:read", true],
    ["credit_manager", "limits:approve", true],
    ["credit_manager", "users:write", false],
    ["credit_manager", "audit:read", false],
    ["credit_analyst", "scorecards:write", false],
    // Analysts sign limit requests at level 1 (within their authority, see limits/authority).
    ["credit_analyst", "limits:approve", true],
    ["credit_analyst", "holds:release", false],
    ["credit_manager", "holds:release", true],
    ["finance_ar", "limits:approve", false],
    ["sales", "limits:approve", false],
    ["credit_analyst", "customers:write", true],
    ["finance_ar", "ledger:write", true],
    ["finance_ar", "customers:write", false],
    ["sales", "customers:read", true],
    ["sales", "fx:read", false],
    ["auditor", "audit:read", true],
    ["auditor", "customers:write", false],
    ["viewer", "portfolio:read", true],
    ["viewer", "audit:read", false],
  ] as const)("%s holds %s: %s", (role, permission, expected) => {
    expect(hasPermission({ role, permission })).toBe(expected);
  });

  it("gives the auditor every read permission and no other", () => {
    const auditor = [...DEFAULT_ROLE_PERMISSIONS.auditor].sort();
    expect(auditor).toEqual(PERMISSIONS.filter((p) => p.endsWith(":read")).sort());
  });

  it("only lists known permissions for every role", () => {
    for (const role of ROLES) {
      for (const p of DEFAULT_ROLE_PERMISSIONS[role]) {
        expect(PERMISSIONS).toContain(p);
      }
    }
  });
});

describe("token scopes narrow, never widen", () => {
  it("read keeps only the role's read permissions", () => {
    const set = effectivePermissions({ role: "credit_analyst", scope: "read" });
    expect(set.has("customers:read")).toBe(true);
    expect(set.has("customers:write")).toBe(false);
  });

  it("an explicit list is intersected with the role", () => {
    const set = effectivePermissions({ role: "viewer", scope: ["customers:read", "users:write"] });
    expect([...set]).toEqual(["customers:read"]);
  });

  it.each([
    ["read", "read"],
    ["write", "write"],
    ["customers:read, ledger:read", ["customers:read", "ledger:read"]],
    ["customers:read,bogus", null],
    ["", null],
  ] as const)("parses %j", (text, expected) => {
    expect(parseTokenScope(text)).toEqual(expected);
  });
});

describe("configuration", () => {
  it("replaces one role's list and keeps the others", () => {
    const table = configureRolePermissions({ viewer: ["customers:read"] });
    expect(table.viewer).toEqual(["customers:read"]);
    expect(table.sales).toEqual(DEFAULT_ROLE_PERMISSIONS.sales);
  });

  it("rejects unknown roles and permissions", () => {
    expect(() => configureRolePermissions({ boss: ["customers:read"] })).toThrow(/unknown role/);
    expect(() => configureRolePermissions({ viewer: ["customers:delete"] })).toThrow(/unknown permission/);
  });
});
