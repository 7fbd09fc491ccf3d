import { daysBetween, type IsoDate } from "@creditdesk/core/assessment";
import { lateInterestMinor, penaltyMinor, type SecurityType } from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { creditContracts, creditSecurities } from "@creditdesk/db/limits";
import { and, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

export type CreditContract = typeof creditContracts.$inferSelect;
export type CreditSecurity = typeof creditSecurities.$inferSelect;

async function customerIdOf(handle: DatabaseHandle, customer: string | number): Promise<number> {
  const id = await findCustomerId(handle.db, customer);
  if (id === undefined) {
    throw AppError.notFound("customer", customer);
  }
  return id;
}

/** Records a credit contract (payment terms, late-payment interest rate, penalty). */
export async function createContract(options: {
  handle: DatabaseHandle;
  customer: string | number;
  input: Omit<typeof creditContracts.$inferInsert, "id" | "customerId" | "createdAt" | "updatedAt">;
}): Promise<CreditContract> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const [row] = await options.handle.db
    .insert(creditContracts)
    .values({ ...options.input, customerId })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  return row;
}

/** Records a guarantee, collateral, credit insurance or letter of credit. */
export async function createSecurity(options: {
  handle: DatabaseHandle;
  customer: string | number;
  input: Omit<typeof creditSecurities.$inferInsert, "id" | "customerId" | "createdAt" | "updatedAt"> & {
    type: SecurityType;
  };
}): Promise<CreditSecurity> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const [row] = await options.handle.db
    .insert(creditSecurities)
    .values({ ...options.input, customerId })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  return row;
}

/** A customer's contracts and securities, newest first. */
export async function listContractsAndSecurities(options: {
  handle: DatabaseHandle;
  customer: string | number;
}): Promise<{ contracts: CreditContract[]; securities: CreditSecurity[] }> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const contracts = await options.handle.db
    .select()
    .from(creditContracts)
    .where(eq(creditContracts.customerId, customerId))
    .orderBy(desc(creditContracts.validFrom));
  const securities = await options.handle.db
    .select()
    .from(creditSecurities)
    .where(eq(creditSecurities.customerId, customerId))
    .orderBy(desc(creditSecurities.id));
  return { contracts, securities };
}

export interface LateInterestQuote {
  contractReference: string | null;
  annualRate: string;
  principalMinor: number;
  daysLate: number;
  interestMinor: number;
  penaltyMinor: number;
}

/**
 * Late-payment interest on an overdue amount under the customer's contract valid on the due date
 * (DOMAIN.md: principal × annual rate × days / 365), plus the contract penalty. 422 without a
 * contract.
 */
export async function quoteLateInterest(options: {
  handle: DatabaseHandle;
  customer: string | number;
  principalMinor: number;
  dueOn: IsoDate;
  paidOn: IsoDate;
}): Promise<LateInterestQuote> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const [contract] = await options.handle.db
    .select()
    .from(creditContracts)
    .where(
      and(
        eq(creditContracts.customerId, customerId),
        lte(creditContracts.validFrom, options.dueOn),
        or(isNull(creditContracts.validTo), gte(creditContracts.validTo, options.dueOn)),
      ),
    )
    .orderBy(desc(creditContracts.validFrom))
    .limit(1);
  if (!contract) {
    throw new AppError(
      "UNPROCESSABLE",
      `customer ${options.customer} has no contract valid on ${options.dueOn}`,
    );
  }
  const daysLate = Math.max(0, daysBetween(options.dueOn, options.paidOn));
  return {
    contractReference: contract.reference,
    annualRate: contract.lateInterestAnnualRate,
    principalMinor: options.principalMinor,
    daysLate,
    interestMinor: lateInterestMinor({
      principalMinor: options.principalMinor,
      annualRate: contract.lateInterestAnnualRate,
      days: daysLate,
    }),
    penaltyMinor: daysLate > 0 ? penaltyMinor(options.principalMinor, contract.penaltyBps) : 0,
  };
}
