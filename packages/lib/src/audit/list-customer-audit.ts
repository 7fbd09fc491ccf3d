import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog } from "@creditdesk/db";
import { and, desc, lt, or, sql } from "drizzle-orm";
import { getCustomer } from "../archive/get-customer.ts";
import { type AuditEntry, toChainEntry } from "./audit-row.ts";

/**
 * A customer's audit trail, newest first: entries recorded against the customer itself (created,
 * changed, assessed — entity `customer`, keyed by code or id) and every change made through a
 * route under `/customers/{idOrCode}/…` (limits, contracts, securities, contacts …), whose generic
 * entry keeps the path parameter. Keyset-paginated by seq (`beforeSeq`).
 */
export async function listCustomerAudit(options: {
  handle: DatabaseHandle;
  idOrCode: string;
  limit: number;
  beforeSeq?: number | undefined;
}): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const customer = await getCustomer({ handle: options.handle, idOrCode: options.idOrCode });
  const keys = [customer.code, String(customer.id)];
  const mine = or(
    and(sql`${auditLog.entity} = 'customer'`, sql`${auditLog.entityId} in (${keys[0]}, ${keys[1]})`),
    sql`${auditLog.after} -> 'params' ->> 'idOrCode' in (${keys[0]}, ${keys[1]})`,
  );
  const rows = await options.handle.db
    .select()
    .from(auditLog)
    .where(options.beforeSeq === undefined ? mine : and(mine, lt(auditLog.seq, options.beforeSeq)))
    .orderBy(desc(auditLog.seq))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toChainEntry),
    nextCursor: rows.length > options.limit && last ? String(last.seq) : null,
  };
}
