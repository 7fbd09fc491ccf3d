import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { currency, id, timestamps } from "../shared/columns.ts";

/**
 * Users of CreditDesk. `passwordHash` is an argon2id PHC string (null: no password, token-only).
 * `failedAttempts`/`lockedUntil` implement the login lockout; `approvalLimitMinor` overrides the
 * role's approval authority for this user (in `approvalLimitCurrency`).
 */
export const users = pgTable(
  "users",
  {
    id: id(),
    login: text().notNull(),
    displayName: text().notNull(),
    role: text().notNull(),
    team: text(),
    email: text(),
    status: text().notNull().default("active"),
    passwordHash: text(),
    failedAttempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    approvalLimitMinor: bigint({ mode: "number" }),
    approvalLimitCurrency: currency(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_login_uq").on(t.login),
    check("users_status_ck", sql`${t.status} in ('active', 'disabled')`),
    check(
      "users_role_ck",
      sql`${t.role} in ('admin', 'credit_manager', 'credit_analyst', 'finance_ar', 'sales', 'auditor', 'viewer')`,
    ),
  ],
);

/** Browser sessions: only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tokenHash: text().notNull(),
    userId: bigint({ mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
  },
  (t) => [uniqueIndex("sessions_token_hash_uq").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

/**
 * API tokens (`Authorization: Bearer cd_…`): SHA-256 of the token stored, scope `read`, `write` or
 * a permission list, revocable, with the time of last use.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: bigint({ mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** First characters of the token (`cd_ab12…`) so that people can tell tokens apart. */
    prefix: text().notNull(),
    scopes: text().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/** Approval authority per role (configuration): the largest amount a role may approve; null = unlimited. */
export const approvalAuthorities = pgTable("approval_authorities", {
  role: text().primaryKey(),
  maxMinor: bigint({ mode: "number" }),
  currency: currency().notNull(),
  ...timestamps,
});
