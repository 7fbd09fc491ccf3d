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

/**
 * `audit_append_entries(entries jsonb)`: appends several entries in order, each exactly as
 * `auditAppendCtes` does (head forward by one — the `audit_head_forward_only` guard still holds for
 * every step — then the entry with hash = sha256(prev_hash ‖ "\n" ‖ prefix ‖ seq ‖ suffix)), in
 * ONE call: a statement cannot update the head row twice, a function's statements can. Returns the
 * seqs as a JSON array. Installed with the guards (append-only.ts). Used by the credit check's
 * group commit (one statement records a batch of decisions and their audit entries).
 */
export const AUDIT_APPEND_ENTRIES_FUNCTION: SQL =
  sql.raw(`create or replace function audit_append_entries(entries jsonb)
returns jsonb language plpgsql as $$
declare
  e jsonb;
  h record;
  seqs jsonb := '[]'::jsonb;
begin
  for e in select x.value from jsonb_array_elements(entries) with ordinality as x(value, n) order by x.n loop
    update audit_head set seq = seq + 1, prev_hash = hash,
      hash = encode(sha256(convert_to(
        hash || E'\\n' || (e ->> 'hashPrefix') || (seq + 1)::text || (e ->> 'hashSuffix'), 'UTF8')), 'hex')
    where id = 1
    returning seq, prev_hash, hash into h;
    if not found then
      raise exception '${AUDIT_HEAD_MISSING}';
    end if;
    insert into audit_log (seq, at, actor, action, entity, entity_id, before, after, reason, prev_hash, hash)
    values (h.seq, (e ->> 'at')::timestamptz, e ->> 'actor', e ->> 'action', e ->> 'entity', e ->> 'entityId',
      nullif(e -> 'before', 'null'::jsonb), nullif(e -> 'after', 'null'::jsonb), e ->> 'reason', h.prev_hash, h.hash);
    seqs := seqs || to_jsonb(h.seq);
  end loop;
  return seqs;
end $$`);

/**
 * The SQL expression appending `entries` in order (see `AUDIT_APPEND_ENTRIES_FUNCTION`), for a
 * statement that records changes and their audit entries together; evaluates to the seqs (jsonb).
 */
export function auditAppendEntriesSql(entries: readonly NewAuditEntry[]): SQL {
  const json = (v: unknown) => (v === undefined ? null : v);
  const payload = entries.map((e) => ({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: json(e.before),
    after: json(e.after),
    reason: e.reason,
    hashPrefix: e.hashPrefix,
    hashSuffix: e.hashSuffix,
  }));
  return sql`audit_append_entries(cast(${JSON.stringify(payload)} as jsonb))`;
}
