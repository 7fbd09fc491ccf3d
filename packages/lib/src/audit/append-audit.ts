import { createHash } from "node:crypto";
import { entryHashInput, GENESIS_HASH } from "@creditdesk/core/audit";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { auditLog } from "@creditdesk/db";
import { desc, sql } from "drizzle-orm";

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** What a caller records; seq, time and hashes are added by the appender. */
export interface AuditInput {
  actor: string;
  action: string;
  entity?: string | null | undefined;
  entityId?: string | number | null | undefined;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
}

/** Serialises appenders across connections so that seq and prev_hash form one chain. */
const AUDIT_LOCK_KEY = 730_451_001;

/**
 * Appends one entry to the audit chain INSIDE the caller's transaction (`db` must be a transaction's
 * Drizzle), so the entry commits or rolls back with the change it records. Takes a transaction-
 * scoped advisory lock, reads the tail, and writes seq = tail + 1 with hash = sha256(prev ‖ entry).
 */
export async function appendAudit(db: Db, input: AuditInput, now: Date = new Date()): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [tail] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const seq = (tail?.seq ?? 0) + 1;
  const prevHash = tail?.hash ?? GENESIS_HASH;
  // JSON round trip: what jsonb will hand back (no undefined, Dates as strings) is what we hash.
  const json = (v: unknown) =>
    v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as unknown);
  const content = {
    seq,
    at: new Date(Math.floor(now.getTime())).toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before: json(input.before),
    after: json(input.after),
    reason: input.reason ?? null,
  };
  const hash = sha256Hex(entryHashInput(prevHash, content));
  await db.insert(auditLog).values({
    ...content,
    at: new Date(content.at),
    before: content.before,
    after: content.after,
    prevHash,
    hash,
  });
  return seq;
}

/** Appends in a transaction of its own (for events with no other change, e.g. a failed login). */
export function appendAuditNow(handle: DatabaseHandle, input: AuditInput): Promise<number> {
  return handle.transaction((tx) => appendAudit(tx.db, input));
}
