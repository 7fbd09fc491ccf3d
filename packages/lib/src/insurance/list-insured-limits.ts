import { excessOverInsuredLimit, insuredCover } from "@creditdesk/core/insurance";
import { totalExposure } from "@creditdesk/core/limits";
import { customers } from "@creditdesk/db";
import { insurancePolicies, insuredLimits, loadInsuredLimitsInForce } from "@creditdesk/db/insurance";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { getExposure } from "../limits/get-exposure.ts";
import type { DatabaseHandle } from "./insurance-common.ts";

type InsuredLimitRow = typeof insuredLimits.$inferSelect;

export function insuredLimitView(r: InsuredLimitRow) {
  return {
    ...r,
    decision: r.decision as "pending" | "full" | "partial" | "refused",
    decisionRecordedAt: r.decisionRecordedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type InsuredLimitView = ReturnType<typeof insuredLimitView>;

/** Every request and decision of insured limits (newest first), optionally of one buyer or policy. */
export async function listInsuredLimitHistory(options: {
  handle: DatabaseHandle;
  customerId?: number | undefined;
  policyId?: number | undefined;
}) {
  const where: SQL[] = [];
  if (options.customerId !== undefined) {
    where.push(eq(insuredLimits.customerId, options.customerId));
  }
  if (options.policyId !== undefined) {
    where.push(eq(insuredLimits.policyId, options.policyId));
  }
  const rows = await options.handle.db
    .select()
    .from(insuredLimits)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(insuredLimits.id));
  return rows.map(insuredLimitView);
}

/** Where a buyer stands under one policy on a date: limit in force, exposure, cover and excess. */
export interface InsuredPosition {
  policyId: number;
  policyNumber: string;
  insurer: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  currency: string;
  /** The decision in force on as-of (null = none: never decided, refused, expired or policy not valid). */
  inForce: { insuredLimitId: number; limitMinor: number; decidedOn: string; expiresOn: string | null } | null;
  /** The newest row (may be a pending request or a refusal). */
  latest: InsuredLimitView;
  indemnityBps: number;
  /** Gross exposure on the buyer in the policy currency (core/limits exposure, factoring applied). */
  exposureMinor: number;
  insuredExposureMinor: number;
  uninsuredExposureMinor: number;
  coverMinor: number;
  netMinor: number;
  /** Exposure above the insured limit in force (everything, when no limit is in force). */
  excessMinor: number;
  overLimit: boolean;
  missingFxCurrencies: string[];
}

/**
 * The insured position of every buyer that has an insured-limit row (or the given customers):
 * per policy, the insured limit in force on `asOf`, the gross exposure in the policy currency, the
 * cover (min(exposure, limit) × indemnity %, core `insuredCover`) and the excess over the limit —
 * the "shipping above the insured limit" figure. One exposure computation per buyer and currency.
 */
export async function listInsuredPositions(options: {
  handle: DatabaseHandle;
  asOf: string;
  customerIds?: readonly number[] | undefined;
}): Promise<InsuredPosition[]> {
  const { handle, asOf } = options;
  const filter = options.customerIds
    ? inArray(insuredLimits.customerId, [...options.customerIds])
    : undefined;
  const rows = await handle.db
    .selectDistinctOn([insuredLimits.policyId, insuredLimits.customerId], {
      l: insuredLimits,
      p: {
        policyNumber: insurancePolicies.policyNumber,
        insurer: insurancePolicies.insurer,
        indemnityBps: insurancePolicies.indemnityBps,
      },
      c: { code: customers.code, name: customers.legalName },
    })
    .from(insuredLimits)
    .innerJoin(insurancePolicies, eq(insurancePolicies.id, insuredLimits.policyId))
    .innerJoin(customers, eq(customers.id, insuredLimits.customerId))
    .where(filter)
    .orderBy(insuredLimits.policyId, insuredLimits.customerId, desc(insuredLimits.id));
  const now = new Date(`${asOf}T12:00:00Z`);
  const exposures = new Map<string, Awaited<ReturnType<typeof getExposure>>>();
  const inForceOf = new Map<number, Awaited<ReturnType<typeof loadInsuredLimitsInForce>>>();
  const positions: InsuredPosition[] = [];
  for (const { l, p, c } of rows) {
    const key = `${l.customerId}|${l.currency}`;
    let exposure = exposures.get(key);
    if (!exposure) {
      exposure = await getExposure({ handle, customer: l.customerId, currency: l.currency, now });
      exposures.set(key, exposure);
    }
    let inForce = inForceOf.get(l.customerId);
    if (!inForce) {
      inForce = await loadInsuredLimitsInForce(handle.db, {
        customerId: l.customerId,
        asOf,
        toCurrency: l.currency,
      });
      inForceOf.set(l.customerId, inForce);
    }
    const current = inForce.find((f) => f.policyId === l.policyId);
    const gross = totalExposure(exposure.parts);
    const limitMinor = current?.limitMinor ?? 0;
    const cover = insuredCover({
      exposureMinor: gross,
      insuredLimitMinor: limitMinor,
      indemnityBps: p.indemnityBps,
    });
    const excessMinor = excessOverInsuredLimit({ exposureMinor: gross, insuredLimitMinor: limitMinor });
    positions.push({
      policyId: l.policyId,
      policyNumber: p.policyNumber,
      insurer: p.insurer,
      customerId: l.customerId,
      customerCode: c.code,
      customerName: c.name,
      currency: l.currency,
      inForce: current
        ? {
            insuredLimitId: current.insuredLimitId,
            limitMinor: current.limitMinor,
            decidedOn: current.decidedOn,
            expiresOn: current.expiresOn,
          }
        : null,
      latest: insuredLimitView(l),
      indemnityBps: p.indemnityBps,
      exposureMinor: gross,
      ...cover,
      excessMinor,
      // A buyer whose only row is a pending request has no insurer answer yet: not flagged.
      overLimit: excessMinor > 0 && (current !== undefined || l.decision !== "pending"),
      missingFxCurrencies: exposure.missingFxCurrencies,
    });
  }
  return positions;
}
