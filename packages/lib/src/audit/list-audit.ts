import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog } from "@creditdesk/db";
import { and, asc, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { type AuditEntry, toChainEntry } from "./audit-row.ts";

export interface AuditFilters {
  /** Inclusive lower bound (ISO date or instant). */
  from?: string | undefined;
  /** Inclusive upper bound: a date means the whole day. */
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.from) {
    where.push(gte(auditLog.at, new Date(filters.from)));
  }
  if (filters.to) {
    if (isDate(filters.to)) {
      const next = new Date(`${filters.to}T00:00:00.000Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      where.push(lt(auditLog.at, next));
    } else {
      where.push(lte(auditLog.at, new Date(filters.to)));
    }
  }
  if (filters.actor) {
    where.push(eq(auditLog.actor, filters.actor));
  }
  if (filters.action) {
    where.push(eq(auditLog.action, filters.action));
  }
  if (filters.entity) {
    where.push(eq(auditLog.entity, filters.entity));
  }
  if (filters.entityId) {
    where.push(eq(auditLog.entityId, filters.entityId));
  }
  return where;
}

/** Newest first, keyset-paginated by seq (`beforeSeq`). */
export async function listAudit(options: {
  handle: DatabaseHandle;
  filters: AuditFilters;
  limit: number;
  beforeSeq?: number | undefined;
}): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const where = conditions(options.filters);
  if (options.beforeSeq !== undefined) {
    where.push(lt(auditLog.seq, options.beforeSeq));
  }
  const rows = await options.handle.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toChainEntry),
    nextCursor: rows.length > options.limit && last ? String(last.seq) : null,
  };
}

/** Oldest first, every matching entry (exports). */
export async function* readAudit(options: {
  handle: DatabaseHandle;
  filters: AuditFilters;
  batchSize?: number;
}): AsyncGenerator<AuditEntry> {
  const batch = options.batchSize ?? 5000;
  let after = 0;
  for (;;) {
    const rows = await options.handle.db
      .select()
      .from(auditLog)
      .where(and(...conditions(options.filters), gte(auditLog.seq, after + 1)))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    for (const row of rows) {
      yield toChainEntry(row);
    }
    if (rows.length < batch) {
      return;
    }
    after = rows[rows.length - 1]?.seq ?? after;
  }
}
