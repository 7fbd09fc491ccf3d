import { GENESIS_HASH } from "@creditdesk/core/audit";
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AUDIT_APPEND_ENTRIES_FUNCTION } from "./append.ts";

/**
 * Database-side guards of the audit trail, applied by `migrateDatabase` after the Drizzle
 * migrations on every start (idempotent: CREATE OR REPLACE, ON CONFLICT DO NOTHING), because
 * drizzle-kit generates tables, not triggers:
 * - `audit_log` is append-only: UPDATE, DELETE and TRUNCATE raise an exception, so not even a bug
 *   in the application can rewrite history (the hash chain still detects whatever a database owner
 *   does with the trigger disabled);
 * - `audit_head` (the chain's head row) can only move forward by one entry at a time and cannot be
 *   deleted;
 * - the head row is created from the current tail of `audit_log` (a database migrated before the
 *   head existed continues its chain).
 */
export const AUDIT_GUARD_STATEMENTS = [
  sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege',
      hint = 'audit entries are never changed or removed; append a correcting entry instead';
end $$`,
  sql`create or replace trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`,
  sql`create or replace trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`,
  sql`create or replace function audit_head_forward_only() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' then
    raise exception 'audit_head cannot be removed (%)', tg_op using errcode = 'insufficient_privilege';
  end if;
  if new.seq <> old.seq + 1 or new.prev_hash <> old.hash then
    raise exception 'audit_head moves forward by exactly one entry' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$`,
  sql`create or replace trigger audit_head_forward_only before update or delete on audit_head
    for each row execute function audit_head_forward_only()`,
  sql`create or replace trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_head_forward_only()`,
  sql`insert into audit_head (id, seq, hash, prev_hash)
    select 1, coalesce(t.seq, 0), coalesce(t.hash, ${GENESIS_HASH}), coalesce(t.prev_hash, ${GENESIS_HASH})
    from (select 1) as one
      left join lateral (select seq, hash, prev_hash from audit_log order by seq desc limit 1) t on true
    on conflict (id) do nothing`,
  AUDIT_APPEND_ENTRIES_FUNCTION,
];

/** Installs (or re-installs) the guards above. */
export async function installAuditGuards(db: Db): Promise<void> {
  for (const statement of AUDIT_GUARD_STATEMENTS) {
    await db.execute(statement);
  }
}
