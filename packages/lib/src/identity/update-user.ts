import { isRole } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { sessions, users } from "@creditdesk/db";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { toUserView, type UserView } from "./principal.ts";
import { forgetUser } from "./principal-cache.ts";
import { hashPassword, passwordProblem } from "./secrets.ts";

export interface UpdateUserPatch {
  displayName?: string | undefined;
  role?: string | undefined;
  team?: string | null | undefined;
  email?: string | null | undefined;
  status?: "active" | "disabled" | undefined;
  password?: string | undefined;
  /** true clears a lockout (failed attempts and locked-until). */
  unlock?: boolean | undefined;
  approvalLimitMinor?: number | null | undefined;
  approvalLimitCurrency?: string | null | undefined;
}

/**
 * Changes a user (role, team, status, password, lockout, approval override) with before/after in
 * the audit trail. Disabling a user or changing the password ends their sessions.
 */
export async function updateUser(options: {
  handle: DatabaseHandle;
  login: string;
  patch: UpdateUserPatch;
  actor: string;
}): Promise<UserView> {
  const { patch } = options;
  if (patch.role !== undefined && !isRole(patch.role)) {
    throw AppError.validation([{ path: "role", message: `unknown role ${patch.role}` }]);
  }
  const weak = patch.password === undefined ? null : passwordProblem(patch.password);
  if (weak) {
    throw AppError.validation([{ path: "password", message: weak }]);
  }
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return options.handle.transaction(async (tx) => {
    const [before] = await tx.db.select().from(users).where(eq(users.login, options.login)).for("update");
    if (!before) {
      throw AppError.notFound("user", options.login);
    }
    const [after] = await tx.db
      .update(users)
      .set({
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.team !== undefined ? { team: patch.team } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
        ...(patch.unlock ? { failedAttempts: 0, lockedUntil: null } : {}),
        ...(patch.approvalLimitMinor !== undefined ? { approvalLimitMinor: patch.approvalLimitMinor } : {}),
        ...(patch.approvalLimitCurrency !== undefined
          ? { approvalLimitCurrency: patch.approvalLimitCurrency }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, before.id))
      .returning();
    if (!after) {
      throw AppError.notFound("user", options.login);
    }
    forgetUser(before.id);
    if (patch.status === "disabled" || passwordHash !== undefined) {
      await tx.db.delete(sessions).where(eq(sessions.userId, before.id));
    }
    const view = toUserView(after);
    await appendAudit(tx.db, {
      actor: options.actor,
      action: passwordHash !== undefined && Object.keys(patch).length === 1 ? "user.password" : "user.update",
      entity: "user",
      entityId: after.login,
      before: toUserView(before),
      after: view,
    });
    return view;
  });
}
