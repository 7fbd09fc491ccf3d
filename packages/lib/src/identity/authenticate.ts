import { isRole, scopeFromList } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { apiTokens, sessions, users } from "@creditdesk/db";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Principal, UserRow } from "./principal.ts";
import { cachedTokenPrincipal, cacheTokenPrincipal } from "./principal-cache.ts";
import { sha256Hex } from "./secrets.ts";

function principalOf(user: UserRow, via: Principal["via"]): Principal | null {
  if (user.status !== "active" || !isRole(user.role)) {
    return null;
  }
  return {
    userId: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    team: user.team,
    via,
  };
}

/** The user behind a session cookie, or null (unknown, expired, or user disabled). */
export async function authenticateSession(options: {
  handle: DatabaseHandle;
  sessionToken: string;
  now?: Date | undefined;
}): Promise<Principal | null> {
  const now = options.now ?? new Date();
  const [row] = await options.handle.db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256Hex(options.sessionToken)), gt(sessions.expiresAt, now)));
  return row ? principalOf(row.user, "session") : null;
}

/**
 * The user behind an API token (`cd_…`), with the token's scope, or null (unknown, revoked,
 * expired). Verified tokens are cached briefly (principal-cache.ts: revocation and user changes
 * take effect at once in this process). Records the time of use when the database is read (at
 * most once a minute per token, to spare writes).
 */
export async function authenticateApiToken(options: {
  handle: DatabaseHandle;
  token: string;
  now?: Date | undefined;
}): Promise<Principal | null> {
  const now = options.now ?? new Date();
  const tokenHash = sha256Hex(options.token);
  const cached = cachedTokenPrincipal(tokenHash, now.getTime());
  if (cached) {
    return cached;
  }
  const [row] = await options.handle.db
    .select({ user: users, token: apiTokens })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) {
    return null;
  }
  const principal = principalOf(row.user, "token");
  if (!principal) {
    return null;
  }
  const minuteAgo = new Date(now.getTime() - 60_000);
  await options.handle.db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.token.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, minuteAgo)),
      ),
    );
  const result = { ...principal, scope: scopeFromList(row.token.scopes) };
  cacheTokenPrincipal(
    tokenHash,
    { principal: result, tokenId: row.token.id, tokenExpiresAt: row.token.expiresAt },
    now.getTime(),
  );
  return result;
}
