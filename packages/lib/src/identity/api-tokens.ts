import { scopeToList, type TokenScope } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { apiTokens, users } from "@creditdesk/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { forgetApiToken } from "./principal-cache.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

export interface ApiTokenView {
  id: number;
  login: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Creates an API token for a user; the token itself is returned once and stored only as sha256. */
export async function createApiToken(options: {
  handle: DatabaseHandle;
  login: string;
  scope: TokenScope;
  name?: string | undefined;
  expiresAt?: Date | undefined;
  actor: string;
}): Promise<{ token: string; info: ApiTokenView }> {
  const token = randomSecret("cd_");
  return options.handle.transaction(async (tx) => {
    const [user] = await tx.db.select({ id: users.id }).from(users).where(eq(users.login, options.login));
    if (!user) {
      throw AppError.notFound("user", options.login);
    }
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        userId: user.id,
        name: options.name ?? "api",
        tokenHash: sha256Hex(token),
        prefix: token.slice(0, 7),
        scopes: scopeToList(options.scope),
        expiresAt: options.expiresAt ?? null,
      })
      .returning();
    if (!row) {
      throw new AppError("INTERNAL", "the token was not created");
    }
    const info = view(row, options.login);
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "token.create",
      entity: "api_token",
      entityId: row.id,
      after: info,
    });
    return { token, info };
  });
}

function view(row: typeof apiTokens.$inferSelect, login: string): ApiTokenView {
  return {
    id: row.id,
    login,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: iso(row.createdAt) ?? "",
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

export async function listApiTokens(options: {
  handle: DatabaseHandle;
  login?: string | undefined;
}): Promise<ApiTokenView[]> {
  const rows = await options.handle.db
    .select({ token: apiTokens, login: users.login })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(options.login ? eq(users.login, options.login) : undefined)
    .orderBy(asc(apiTokens.id));
  return rows.map((r) => view(r.token, r.login));
}

/** Revokes a token (kept for the record). `ownerLogin` restricts to that user's tokens. */
export async function revokeApiToken(options: {
  handle: DatabaseHandle;
  id: number;
  actor: string;
  ownerLogin?: string | undefined;
}): Promise<ApiTokenView> {
  return options.handle.transaction(async (tx) => {
    const [found] = await tx.db
      .select({ token: apiTokens, login: users.login })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.id, options.id),
          options.ownerLogin ? eq(users.login, options.ownerLogin) : undefined,
        ),
      );
    if (!found) {
      throw AppError.notFound("API token", options.id);
    }
    const [row] = await tx.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, options.id), isNull(apiTokens.revokedAt)))
      .returning();
    const after = view(row ?? found.token, found.login);
    forgetApiToken(options.id);
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "token.revoke",
      entity: "api_token",
      entityId: options.id,
      before: view(found.token, found.login),
      after,
    });
    return after;
  });
}
