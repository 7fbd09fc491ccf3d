import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The tamper-evident audit trail: append-only; `hash` = sha256(prev_hash ‖ canonical JSON of the
 * entry) (packages/core/src/audit/chain.ts), so changing or deleting any row breaks the chain at
 * that row. `seq` is assigned by the appender from `audit_head` (no gaps, no identity). A trigger
 * (packages/db/src/audit/append-only.ts) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    entity: text(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_actor_idx").on(t.actor),
  ],
);

/**
 * The head of the audit chain: one row (`id = 1`) holding the last entry's seq and hash. An
 * appender takes the next seq by UPDATE-ing this row in the same statement that inserts the entry
 * (packages/db/src/audit/append.ts): the row lock orders appenders, is held only from that last
 * statement to commit, and a rolled-back append rolls the head back with it (no gaps). `verify`
 * compares the last entry with the head, so deleting the newest entries is detected too.
 */
export const auditHead = pgTable(
  "audit_head",
  {
    id: integer().primaryKey(),
    seq: bigint({ mode: "number" }).notNull(),
    hash: text().notNull(),
    prevHash: text().notNull(),
  },
  (t) => [check("audit_head_single_row_ck", sql`${t.id} = 1`)],
);
