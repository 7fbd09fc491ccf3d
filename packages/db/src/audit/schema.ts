import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The tamper-evident audit trail: append-only; `hash` = sha256(prev_hash ‖ canonical JSON of the
 * entry) (packages/core/src/audit/chain.ts), so changing or deleting any row breaks the chain at
 * that row. `seq` is assigned by the appender under an advisory lock (no gaps, no identity).
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
