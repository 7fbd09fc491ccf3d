import { normaliseIdentifier } from "../identifiers/uscc.ts";
import {
  nameSimilarity,
  normaliseAddress,
  normaliseBankAccount,
  normaliseEmail,
  normalisePhone,
} from "./normalise.ts";

/** The details of a party (applicant, customer or another application) that can reveal a duplicate. */
export interface PartyDetails {
  readonly kind: "customer" | "application";
  readonly id: number;
  readonly name: string;
  readonly registrationId?: string | null | undefined;
  readonly bankAccounts?: readonly string[] | undefined;
  readonly phones?: readonly string[] | undefined;
  readonly addresses?: readonly string[] | undefined;
  readonly emails?: readonly string[] | undefined;
}

export const MATCH_FIELDS = ["registration_id", "name", "bank_account", "phone", "address", "email"] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface MatchReason {
  readonly field: MatchField;
  /** The applicant's value as entered. */
  readonly value: string;
  /** Name similarity 0–1 (field `name` only). */
  readonly similarity?: number;
}

export interface DuplicateMatch {
  readonly kind: PartyDetails["kind"];
  readonly id: number;
  readonly name: string;
  readonly reasons: readonly MatchReason[];
  /** A registration id or a near-identical name: most likely the same entity, not just a shared detail. */
  readonly sameEntity: boolean;
}

export interface DuplicateOptions {
  /** Names at or above this similarity are a match (default 0.85). */
  readonly nameThreshold?: number;
}

export const DEFAULT_NAME_THRESHOLD = 0.85;

function sharedValues(
  mine: readonly string[] | undefined,
  theirs: readonly string[] | undefined,
  normalise: (v: string) => string,
  minLength: number,
): string[] {
  if (!mine?.length || !theirs?.length) {
    return [];
  }
  const their = new Set(theirs.map(normalise).filter((v) => v.length >= minLength));
  return mine.filter((v) => {
    const n = normalise(v);
    return n.length >= minLength && their.has(n);
  });
}

/**
 * Parties that may be the applicant again or connected to it: same registration id, a similar
 * name (normalised Chinese company names, see normalise.ts), or a shared bank account, phone,
 * address or contact e-mail. Each match lists every reason; strongest (same entity) first.
 */
export function findDuplicates(
  applicant: PartyDetails,
  candidates: readonly PartyDetails[],
  options: DuplicateOptions = {},
): DuplicateMatch[] {
  const threshold = options.nameThreshold ?? DEFAULT_NAME_THRESHOLD;
  const myRegistration = applicant.registrationId ? normaliseIdentifier(applicant.registrationId) : "";
  const matches: DuplicateMatch[] = [];
  for (const c of candidates) {
    if (c.kind === applicant.kind && c.id === applicant.id) {
      continue;
    }
    const reasons: MatchReason[] = [];
    if (
      myRegistration.length > 0 &&
      c.registrationId &&
      normaliseIdentifier(c.registrationId) === myRegistration
    ) {
      reasons.push({ field: "registration_id", value: applicant.registrationId ?? "" });
    }
    const similarity = nameSimilarity(applicant.name, c.name);
    if (similarity >= threshold) {
      reasons.push({
        field: "name",
        value: applicant.name,
        similarity: Math.round(similarity * 1000) / 1000,
      });
    }
    // Minimum lengths keep placeholders ("0", "-", "n/a") from matching everything.
    for (const v of sharedValues(applicant.bankAccounts, c.bankAccounts, normaliseBankAccount, 6)) {
      reasons.push({ field: "bank_account", value: v });
    }
    for (const v of sharedValues(applicant.phones, c.phones, normalisePhone, 6)) {
      reasons.push({ field: "phone", value: v });
    }
    for (const v of sharedValues(applicant.addresses, c.addresses, normaliseAddress, 6)) {
      reasons.push({ field: "address", value: v });
    }
    for (const v of sharedValues(applicant.emails, c.emails, normaliseEmail, 3)) {
      reasons.push({ field: "email", value: v });
    }
    if (reasons.length > 0) {
      const sameEntity = reasons.some(
        (r) => r.field === "registration_id" || (r.field === "name" && (r.similarity ?? 0) >= 0.999),
      );
      matches.push({ kind: c.kind, id: c.id, name: c.name, reasons, sameEntity });
    }
  }
  return matches.sort(
    (a, b) =>
      Number(b.sameEntity) - Number(a.sameEntity) || b.reasons.length - a.reasons.length || a.id - b.id,
  );
}
