import type { Principal } from "./principal.ts";

/**
 * A short-lived cache of verified API tokens, so that an integration sending many requests (credit
 * checks from an ERP) does not pay two statements per request for authentication.
 *
 * - Keyed by the token's SHA-256 (the raw token is never kept), entries live `TTL_MS`; a token's
 *   own expiry is still checked on every hit.
 * - Revoking a token or changing a user (role, status, team…) in this process takes effect at
 *   once: `forgetApiToken`/`forgetUser` drop the entries and, for `QUIET_MS`, keep that token or
 *   user out of the cache, so every request re-reads the database. That covers the race of a
 *   lookup that read the row before the revoking transaction committed (it may not cache it), and
 *   a revoke that rolls back (the token simply keeps being checked against the database for a while).
 * - Another server process sharing the database sees a revoke within `TTL_MS` at most.
 */
export const TOKEN_CACHE_TTL_MS = 10_000;
const QUIET_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  tokenId: number;
  tokenExpiresAt: number | null;
  until: number;
}

const entries = new Map<string, Entry>();
const quietTokens = new Map<number, number>();
const quietUsers = new Map<number, number>();

const quiet = (marks: Map<number, number>, id: number, now: number) => {
  const until = marks.get(id);
  if (until === undefined) {
    return false;
  }
  if (until <= now) {
    marks.delete(id);
    return false;
  }
  return true;
};

/** The cached principal of a token hash, or undefined (absent, stale, expired or forgotten). */
export function cachedTokenPrincipal(tokenHash: string, now: number): Principal | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) {
    return undefined;
  }
  if (
    entry.until <= now ||
    (entry.tokenExpiresAt !== null && entry.tokenExpiresAt <= now) ||
    quiet(quietTokens, entry.tokenId, now) ||
    quiet(quietUsers, entry.principal.userId, now)
  ) {
    entries.delete(tokenHash);
    return undefined;
  }
  return entry.principal;
}

/** Remembers a principal just read from the database (unless its token or user was just changed). */
export function cacheTokenPrincipal(
  tokenHash: string,
  value: { principal: Principal; tokenId: number; tokenExpiresAt: Date | null },
  now: number,
): void {
  if (quiet(quietTokens, value.tokenId, now) || quiet(quietUsers, value.principal.userId, now)) {
    return;
  }
  if (entries.size >= MAX_ENTRIES) {
    // Oldest first (a Map iterates in insertion order).
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) {
      entries.delete(oldest);
    }
  }
  entries.set(tokenHash, {
    principal: value.principal,
    tokenId: value.tokenId,
    tokenExpiresAt: value.tokenExpiresAt?.getTime() ?? null,
    until: now + TOKEN_CACHE_TTL_MS,
  });
}

/** A token was revoked: stop trusting any cached verification of it. */
export function forgetApiToken(tokenId: number, now: number = Date.now()): void {
  quietTokens.set(tokenId, now + QUIET_MS);
  for (const [hash, entry] of entries) {
    if (entry.tokenId === tokenId) {
      entries.delete(hash);
    }
  }
}

/** A user changed (role, status, team, limits): stop trusting cached principals of their tokens. */
export function forgetUser(userId: number, now: number = Date.now()): void {
  quietUsers.set(userId, now + QUIET_MS);
  for (const [hash, entry] of entries) {
    if (entry.principal.userId === userId) {
      entries.delete(hash);
    }
  }
}
