import { expectedIndemnity } from "@creditdesk/core/insurance";
import { customers } from "@creditdesk/db";
import { insuranceClaimEvents, insuranceClaims, insurancePolicies } from "@creditdesk/db/insurance";
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { type DatabaseHandle, type InsuranceClaim, requireClaim } from "./insurance-common.ts";

export function claimView(c: InsuranceClaim) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** Claims newest first (optionally of one customer or in some statuses), with expected indemnity. */
export async function listInsuranceClaims(options: {
  handle: DatabaseHandle;
  customerId?: number | undefined;
  statuses?: readonly string[] | undefined;
}) {
  const where: SQL[] = [];
  if (options.customerId !== undefined) {
    where.push(eq(insuranceClaims.customerId, options.customerId));
  }
  if (options.statuses && options.statuses.length > 0) {
    where.push(inArray(insuranceClaims.status, [...options.statuses]));
  }
  const rows = await options.handle.db
    .select({
      c: insuranceClaims,
      policyNumber: insurancePolicies.policyNumber,
      indemnityBps: insurancePolicies.indemnityBps,
      customerCode: customers.code,
      customerName: customers.legalName,
    })
    .from(insuranceClaims)
    .innerJoin(insurancePolicies, eq(insurancePolicies.id, insuranceClaims.policyId))
    .innerJoin(customers, eq(customers.id, insuranceClaims.customerId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(insuranceClaims.id));
  return rows.map((r) => ({
    ...claimView(r.c),
    policyNumber: r.policyNumber,
    customerCode: r.customerCode,
    customerName: r.customerName,
    expectedIndemnityMinor: expectedIndemnity(r.c.claimedMinor, r.indemnityBps),
  }));
}

/** One claim with its history of status changes. */
export async function getInsuranceClaim(options: { handle: DatabaseHandle; claim: string | number }) {
  const claim = await requireClaim(options.handle.db, options.claim);
  const events = await options.handle.db
    .select()
    .from(insuranceClaimEvents)
    .where(eq(insuranceClaimEvents.claimId, claim.id))
    .orderBy(asc(insuranceClaimEvents.id));
  return {
    ...claimView(claim),
    events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}
