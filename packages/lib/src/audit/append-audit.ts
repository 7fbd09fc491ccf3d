import { createHash } from "node:crypto";
import { entryHashParts } from "@creditdesk/core/audit";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { insertAuditEntry, type NewAuditEntry } from "@creditdesk/db/audit";

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

/**
 * Appends one entry to the audit chain INSIDE the caller's transaction (`db` must be a transaction's
 * Drizzle), so the entry commits or rolls back with the change it records. One statement
 * (`insertAuditEntry`): it takes seq = head + 1 from the chain head row and computes
 * hash = sha256(prev ‖ entry) in the database. The head row stays locked until commit, so append
 * last in a transaction: writers then serialise only on that statement and the commit (the former
 * advisory lock + tail read + insert held a global lock for three round trips).
 */
export async function appendAudit(db: Db, input: AuditInput, now: Date = new Date()): Promise<number> {
  return insertAuditEntry(db, prepareAuditEntry(input, now));
}

/**
 * An entry ready for the database (`insertAuditEntry`, or a statement that appends it together
 * with the change it records): content as hashed, and the hash input framed around the seq.
 */
export function prepareAuditEntry(input: AuditInput, now: Date = new Date()): NewAuditEntry {
  // JSON round trip: what jsonb will hand back (no undefined, Dates as strings) is what we hash.
  const json = (v: unknown) =>
    v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as unknown);
  const content = {
    at: new Date(Math.floor(now.getTime())).toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before: json(input.before),
    after: json(input.after),
    reason: input.reason ?? null,
  };
  const { prefix, suffix } = entryHashParts(content);
  return { ...content, at: new Date(content.at), hashPrefix: prefix, hashSuffix: suffix };
}

/** Appends in a transaction of its own (for events with no other change, e.g. a failed login). */
export function appendAuditNow(handle: DatabaseHandle, input: AuditInput): Promise<number> {
  return handle.transaction((tx) => appendAudit(tx.db, input));
}
