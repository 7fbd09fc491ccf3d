import type { LimitKind } from "@creditdesk/core/limits";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { creditAccounts, creditLimits } from "@creditdesk/db/limits";
import { and, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

export type CreditLimitRecord = typeof creditLimits.$inferSelect;

export interface SetLimitInput {
  customer: string | number;
  segment?: string | undefined;
  kind?: LimitKind | undefined;
  currency: string;
  amountMinor: number;
  validFrom: string;
  validTo?: string | null | undefined;
  note?: string | undefined;
  requestId?: number | undefined;
}

/** The credit account of a customer and segment, created (status OK) on first use; returns its id. */
export async function ensureCreditAccount(db: Db, customerId: number, segment: string): Promise<number> {
  await db.insert(creditAccounts).values({ customerId, segment }).onConflictDoNothing();
  const rows = await db
    .select({ id: creditAccounts.id })
    .from(creditAccounts)
    .where(and(eq(creditAccounts.customerId, customerId), eq(creditAccounts.segment, segment)));
  const id = rows[0]?.id;
  if (id === undefined) {
    throw new Error("credit account vanished");
  }
  return id;
}

/**
 * Writes a new limit row inside `db` (a transaction): the previous current limit of the same kind
 * is marked superseded, never changed otherwise (history). The account row is locked (and its
 * exposure_seq bumped) first so a limit change and concurrent credit checks do not interleave.
 */
export async function writeCreditLimit(
  db: Db,
  options: { customerId: number; input: SetLimitInput; createdBy: string },
): Promise<CreditLimitRecord> {
  const { customerId, input } = options;
  const segment = input.segment ?? "default";
  const kind = input.kind ?? "standard";
  if (kind === "temporary" && !input.validTo) {
    throw AppError.validation([{ path: "validTo", message: "a temporary limit needs an end date" }]);
  }
  const accountId = await ensureCreditAccount(db, customerId, segment);
  // Lock the account and bump its exposure_seq: a credit check that read the limit before taking
  // the lock reads it again under the lock (check-credit.ts).
  await db.execute(sql`update credit_accounts set exposure_seq = exposure_seq + 1 where id = ${accountId}`);
  const [row] = await db
    .insert(creditLimits)
    .values({
      accountId,
      customerId,
      segment,
      kind,
      currency: input.currency,
      amountMinor: input.amountMinor,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      note: input.note ?? null,
      requestId: input.requestId ?? null,
      createdBy: options.createdBy,
    })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  await db
    .update(creditLimits)
    .set({ supersededAt: sql`now()`, supersededById: row.id })
    .where(
      and(
        eq(creditLimits.accountId, accountId),
        eq(creditLimits.kind, kind),
        isNull(creditLimits.supersededAt),
        sql`${creditLimits.id} <> ${row.id}`,
      ),
    );
  return row;
}

/** Sets a limit directly (administration, imports, tests); approvals go through limit requests. */
export async function setCreditLimit(options: {
  handle: DatabaseHandle;
  input: SetLimitInput;
  actorId: string;
}): Promise<CreditLimitRecord> {
  const customerId = await findCustomerId(options.handle.db, options.input.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.input.customer);
  }
  return options.handle.transaction((tx) =>
    writeCreditLimit(tx.db, { customerId, input: options.input, createdBy: options.actorId }),
  );
}
