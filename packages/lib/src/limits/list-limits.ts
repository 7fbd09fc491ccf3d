import { limitValidOn } from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { creditAccounts, creditLimits } from "@creditdesk/db/limits";
import { and, desc, eq } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import type { CreditLimitRecord } from "./set-credit-limit.ts";

export interface CustomerLimits {
  customerId: number;
  segment: string;
  asOf: string;
  /** The limit that applies on `asOf`: a valid temporary limit, else the valid standard one. */
  effective: CreditLimitRecord | null;
  /** Credit status set on the account (ok / hold / stop), null without an account. */
  accountStatus: string | null;
  /** Every limit row of the segment, newest first (superseded ones included: the history). */
  history: CreditLimitRecord[];
}

/** The customer's limits of a segment: the effective one on `asOf` and the full history. */
export async function listCurrentLimits(options: {
  handle: DatabaseHandle;
  customerId: number;
  asOf: string;
  segment: string;
}): Promise<CustomerLimits> {
  const { handle, customerId, asOf, segment } = options;
  const history = await handle.db
    .select()
    .from(creditLimits)
    .where(and(eq(creditLimits.customerId, customerId), eq(creditLimits.segment, segment)))
    .orderBy(desc(creditLimits.id));
  const account = await handle.db
    .select({ status: creditAccounts.status })
    .from(creditAccounts)
    .where(and(eq(creditAccounts.customerId, customerId), eq(creditAccounts.segment, segment)));
  const current = history.filter(
    (l) =>
      l.supersededAt === null &&
      limitValidOn({ ...l, kind: l.kind === "temporary" ? "temporary" : "standard" }, asOf),
  );
  const effective =
    current.find((l) => l.kind === "temporary") ?? current.find((l) => l.kind === "standard") ?? null;
  return { customerId, segment, asOf, effective, accountStatus: account[0]?.status ?? null, history };
}

/** `listCurrentLimits` by customer code or id (404 when unknown). */
export async function getCustomerLimits(options: {
  handle: DatabaseHandle;
  customer: string | number;
  segment?: string | undefined;
  asOf?: string | undefined;
}): Promise<CustomerLimits> {
  const customerId = await findCustomerId(options.handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  return listCurrentLimits({
    handle: options.handle,
    customerId,
    segment: options.segment ?? "default",
    asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
  });
}
