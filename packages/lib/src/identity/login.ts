import type { DatabaseHandle } from "@creditdesk/db";
import { sessions, users } from "@creditdesk/db";
import { eq, sql } from "drizzle-orm";
import { appendAudit, appendAuditNow } from "../audit/append-audit.ts";
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from "./login-policy.ts";
import { toUserView, type UserView } from "./principal.ts";
import { dummyPasswordHash, randomSecret, sha256Hex, verifyPassword } from "./secrets.ts";

/** Why a sign-in was refused: the edge maps `locked` to 423, the rest to 401 (one message). */
export class LoginRefused extends Error {
  constructor(
    readonly reason: "invalid" | "locked" | "disabled",
    message: string,
    readonly lockedUntil?: Date,
  ) {
    super(message);
    this.name = "LoginRefused";
  }
}

export interface LoginResult {
  user: UserView;
  /** The cookie value (only its sha256 is stored). */
  sessionToken: string;
  expiresAt: Date;
}

const INVALID = "the login or password is wrong";

/**
 * Checks a password (argon2id) and opens a session. Wrong passwords count per user; after
 * `maxFailures` the account is locked for `lockMinutes` (even a right password is refused then).
 * Every outcome is in the audit trail; an unknown login costs the same hashing time as a known one.
 */
export async function login(options: {
  handle: DatabaseHandle;
  login: string;
  password: string;
  ip?: string | undefined;
  policy?: LoginPolicy | undefined;
  now?: Date | undefined;
}): Promise<LoginResult> {
  const policy = options.policy ?? DEFAULT_LOGIN_POLICY;
  const now = options.now ?? new Date();
  const { handle } = options;
  const [user] = await handle.db.select().from(users).where(eq(users.login, options.login));
  const refuse = async (reason: LoginRefused["reason"], detail: string, lockedUntil?: Date) => {
    await appendAuditNow(handle, {
      actor: options.login,
      action: "auth.login_failed",
      entity: "user",
      entityId: options.login,
      after: { reason, ip: options.ip ?? null },
    });
    return new LoginRefused(reason, detail, lockedUntil);
  };
  if (!user?.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), options.password);
    throw await refuse("invalid", INVALID);
  }
  if (user.lockedUntil && new Date(user.lockedUntil) > now) {
    throw await refuse(
      "locked",
      `the account is locked after too many failed sign-ins until ${new Date(user.lockedUntil).toISOString()}`,
      new Date(user.lockedUntil),
    );
  }
  const ok = await verifyPassword(user.passwordHash, options.password);
  if (!ok) {
    const failures = user.failedAttempts + 1;
    const lock =
      failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
    await handle.db
      .update(users)
      .set({
        failedAttempts: lock ? 0 : sql`${users.failedAttempts} + 1`,
        ...(lock ? { lockedUntil: lock } : {}),
      })
      .where(eq(users.id, user.id));
    if (lock) {
      throw await refuse(
        "locked",
        `too many failed sign-ins: the account is locked until ${lock.toISOString()}`,
        lock,
      );
    }
    throw await refuse("invalid", INVALID);
  }
  if (user.status !== "active") {
    throw await refuse("disabled", INVALID);
  }
  const sessionToken = randomSecret();
  const expiresAt = new Date(now.getTime() + policy.sessionHours * 3_600_000);
  await handle.transaction(async (tx) => {
    await tx.db
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    await tx.db
      .insert(sessions)
      .values({ tokenHash: sha256Hex(sessionToken), userId: user.id, expiresAt, ip: options.ip ?? null });
    await appendAudit(tx.db, {
      actor: user.login,
      action: "auth.login",
      entity: "user",
      entityId: user.login,
      after: { ip: options.ip ?? null },
    });
  });
  return {
    user: toUserView({ ...user, failedAttempts: 0, lockedUntil: null, lastLoginAt: now }),
    sessionToken,
    expiresAt,
  };
}

/** Ends a session (sign-out); unknown tokens are ignored. */
export async function logout(options: {
  handle: DatabaseHandle;
  sessionToken: string;
  actor: string;
}): Promise<void> {
  await options.handle.transaction(async (tx) => {
    const removed = await tx.db
      .delete(sessions)
      .where(eq(sessions.tokenHash, sha256Hex(options.sessionToken)))
      .returning({ id: sessions.id });
    if (removed.length > 0) {
      await appendAudit(tx.db, {
        actor: options.actor,
        action: "auth.logout",
        entity: "user",
        entityId: options.actor,
      });
    }
  });
}
