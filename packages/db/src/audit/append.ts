import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { queryRowsNamed } from "../limits/named-query.ts";

/** One audit entry to append; `hashPrefix`/`hashSuffix` frame the seq (core `entryHashParts`). */
export interface NewAuditEntry {
  at: Date;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  hashPrefix: string;
  hashSuffix: string;
}

/**
 * Appends one entry in ONE statement: moves the chain head (`audit_head`) forward — the UPDATE
 * waits for, and then re-reads, the head of any concurrent appender, so seq and prev_hash always
 * continue the last committed entry — and inserts the entry with
 * hash = sha256(prev_hash ‖ "\n" ‖ prefix ‖ seq ‖ suffix), the same text `entryHashInput` hashes.
 * The head row stays locked until the caller's transaction ends, so the section every writer
 * serialises on is this statement and the commit.
 */
export async function insertAuditEntry(db: Db, e: NewAuditEntry): Promise<number> {
  const rows = await queryRowsNamed<{ seq: number }>(
    db,
    "cd_append_audit",
    sql`with ${auditAppendCtes(e)} select seq from audit_appended`,
  );
  const row = rows[0];
  if (!row) {
    throw new Error(AUDIT_HEAD_MISSING);
  }
  return row.seq;
}

export const AUDIT_HEAD_MISSING = "the audit chain head (audit_head) is missing: run the migrations";

/**
 * The two CTEs of an append (`audit_head_moved`, `audit_appended` returning `seq`), for a statement
 * that records a change AND its audit entry in one round trip (the credit check's insert). Data-
 * modifying CTEs run exactly once whether or not the statement's result reads them. `onlyIf`: a
 * condition on the statement's other CTEs (the chain does not move, nothing is appended, when false).
 */
export function auditAppendCtes(e: NewAuditEntry, onlyIf?: SQL): SQL {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return sql`audit_head_moved as (
      update audit_head set seq = seq + 1, prev_hash = hash,
        hash = encode(sha256(convert_to(
          hash || E'\n' || cast(${e.hashPrefix} as text) || (seq + 1)::text || cast(${e.hashSuffix} as text),
          'UTF8')), 'hex')
      where id = 1${onlyIf ? sql` and ${onlyIf}` : sql``}
      returning seq, prev_hash, hash
    ), audit_appended as (
      insert into audit_log (seq, at, actor, action, entity, entity_id, before, after, reason, prev_hash, hash)
      select h.seq, cast(${e.at.toISOString()} as timestamptz), ${e.actor}, ${e.action}, ${e.entity},
        ${e.entityId}, cast(${json(e.before)} as jsonb), cast(${json(e.after)} as jsonb), ${e.reason},
        h.prev_hash, h.hash
      from audit_head_moved h
      returning seq
    )`;
}
