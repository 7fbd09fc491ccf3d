import { ROLES, type Role } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { users } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import { createUser } from "./create-user.ts";

/**
 * Demo users, one per role, with published passwords (README "Demo users"). Created ONLY with the
 * demo portfolio in an empty database — never in a production install. The sales user owns the
 * demo customers whose sales owner is `sales` (team `sales-east`).
 */
export const DEMO_USERS: ReadonlyArray<{ login: string; role: Role; displayName: string; team?: string }> = [
  { login: "admin", role: "admin", displayName: "演示管理员 Demo Admin" },
  { login: "manager", role: "credit_manager", displayName: "信用经理 Credit Manager" },
  { login: "analyst", role: "credit_analyst", displayName: "信用分析师 Credit Analyst" },
  { login: "finance", role: "finance_ar", displayName: "应收会计 Finance AR" },
  // Display name = a sales owner of the demo portfolio, so the data scope shows their customers.
  { login: "sales", role: "sales", displayName: "王磊", team: "sales-east" },
  { login: "auditor", role: "auditor", displayName: "审计 Auditor" },
  { login: "viewer", role: "viewer", displayName: "访客 Viewer" },
];

/** Demo password of a demo login: `<login>-demo-2025`. */
export const demoPassword = (login: string): string => `${login}-demo-2025`;

/** Creates the demo users when the users table is empty; returns how many were created. */
export async function seedDemoUsers(options: { handle: DatabaseHandle }): Promise<number> {
  const [count] = await options.handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((count?.n ?? 0) > 0) {
    return 0;
  }
  for (const user of DEMO_USERS) {
    await createUser({
      handle: options.handle,
      actor: "system:demo-seed",
      input: { ...user, password: demoPassword(user.login) },
    });
  }
  return DEMO_USERS.length;
}

export const DEMO_ROLES_COVERED: readonly Role[] = ROLES;
