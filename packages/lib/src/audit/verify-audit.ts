import { type ChainVerdict, ChainVerifier, GENESIS_HASH } from "@creditdesk/core/audit";
import type { DatabaseHandle } from "@creditdesk/db";
import { auditHead, auditLog } from "@creditdesk/db";
import { asc, eq, gt } from "drizzle-orm";
import { sha256Hex } from "./append-audit.ts";
import { type AuditRow, toChainEntry } from "./audit-row.ts";

/**
 * Walks the whole chain in seq order, in batches, and names the first broken entry; then compares
 * the end of the chain with the chain head (`audit_head`, read first: entries appended while the
 * walk runs lie beyond it), so removing the newest entries is detected as well.
 */
export async function verifyAudit(options: {
  handle: DatabaseHandle;
  batchSize?: number;
}): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const [head] = await options.handle.db
    .select({ seq: auditHead.seq, hash: auditHead.hash })
    .from(auditHead)
    .where(eq(auditHead.id, 1));
  const verifier = new ChainVerifier(sha256Hex, { prevHash: GENESIS_HASH, nextSeq: 1 });
  let after = 0;
  let atHead: string | null = head && head.seq === 0 ? GENESIS_HASH : null;
  for (;;) {
    const rows: AuditRow[] = await options.handle.db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (!verifier.push(toChainEntry(row))) {
        return verifier.verdict();
      }
      if (head && row.seq === head.seq) {
        atHead = row.hash;
      }
    }
    if (rows.length < batchSize) {
      break;
    }
    after = rows[rows.length - 1]?.seq ?? after;
  }
  const verdict = verifier.verdict();
  if (!verdict.ok || !head || atHead === head.hash) {
    return verdict;
  }
  return {
    ok: false,
    entries: verdict.entries,
    break: {
      kind: "head_mismatch",
      seq: head.seq,
      message:
        atHead === null
          ? `the chain head records entry ${head.seq}, but the trail ends before it: the newest entries were removed`
          : `entry ${head.seq} differs from the chain head (it was re-hashed after it was written)`,
    },
  };
}
