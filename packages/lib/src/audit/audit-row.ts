import type { ChainedAuditEntry } from "@creditdesk/core/audit";
import type { auditLog } from "@creditdesk/db";

export type AuditRow = typeof auditLog.$inferSelect;

/** An audit row as the API and exports show it (`at` as ISO text). */
export interface AuditEntry extends ChainedAuditEntry {}

export function toChainEntry(row: AuditRow): ChainedAuditEntry {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: row.reason,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
