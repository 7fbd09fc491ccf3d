import { type ChainVerdict, ChainVerifier, GENESIS_HASH } from "@creditdesk/core/audit";
import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog } from "@creditdesk/db";
import { asc, gt } from "drizzle-orm";
import { sha256Hex } from "./append-audit.ts";
import { type AuditRow, toChainEntry } from "./audit-row.ts";

/** Walks the whole chain in seq order, in batches, and names the first broken entry. */
export async function verifyAudit(options: {
  handle: DatabaseHandle;
  batchSize?: number;
}): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const verifier = new ChainVerifier(sha256Hex, { prevHash: GENESIS_HASH, nextSeq: 1 });
  let after = 0;
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
    }
    if (rows.length < batchSize) {
      return verifier.verdict();
    }
    after = rows[rows.length - 1]?.seq ?? after;
  }
}
