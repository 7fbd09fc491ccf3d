import { addDays, type IsoDate } from "../assessment/shared/dates.ts";
import type { ClaimStatus } from "./insurance-schema.ts";
import { applyBps } from "./insured-limit.ts";

/** Allowed claim moves: filed → under review → paid | rejected; a filed claim may be rejected outright. */
const NEXT: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  filed: ["under_review", "rejected"],
  under_review: ["paid", "rejected"],
  paid: [],
  rejected: [],
};

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextClaimStatuses(from: ClaimStatus): readonly ClaimStatus[] {
  return NEXT[from];
}

/** What the insurer should pay on a claim: claimed (insured) loss × indemnity %. */
export function expectedIndemnity(claimedMinor: number, indemnityBps: number): number {
  return applyBps(claimedMinor, indemnityBps);
}

/**
 * Earliest day the insurer pays a protracted-default claim: the waiting period runs from the
 * overdue notification (or the claim itself when no notification was filed).
 */
export function claimPayableFrom(options: {
  notifiedOn?: IsoDate | null | undefined;
  filedOn: IsoDate;
  waitingPeriodDays: number;
}): IsoDate {
  return addDays(options.notifiedOn ?? options.filedOn, options.waitingPeriodDays);
}
