import {
  minSharedGrams,
  nameGrams,
  normaliseAddress,
  normaliseBankAccount,
  normaliseCompanyName,
  normaliseEmail,
  normalisePhone,
} from "@creditdesk/core/applications";
import { normaliseIdentifier } from "@creditdesk/core/identifiers";
import type { Db } from "@creditdesk/db";
import {
  type CandidateKeys,
  loadStaleScreeningCustomers,
  type ScreeningKeysRow,
  upsertScreeningKeys,
} from "@creditdesk/db/applications";

const uniq = (values: Iterable<string>) => [...new Set([...values].filter((v) => v.length > 0))].sort();

/**
 * The keys a party is looked up and indexed by. Short phone/account keys (< 6 characters) are left
 * out, as the core ignores them when matching (duplicates.ts minLength).
 */
function keysOf(p: {
  names: readonly string[];
  phones: readonly string[];
  emails: readonly string[];
  addresses: readonly string[];
  bankAccounts: readonly string[];
}) {
  const long = (v: string) => (v.length >= 6 ? v : "");
  return {
    nameKeys: uniq(p.names.map(normaliseCompanyName)),
    nameGrams: uniq(p.names.flatMap(nameGrams)),
    phoneKeys: uniq(p.phones.map((v) => long(normalisePhone(v)))),
    emailKeys: uniq(p.emails.map(normaliseEmail)),
    addressKeys: uniq(p.addresses.map((v) => long(normaliseAddress(v)))),
    bankAccountKeys: uniq(p.bankAccounts.map((v) => long(normaliseBankAccount(v)))),
  };
}

/**
 * Brings the customers' screening keys up to date: those never keyed or changed since (their
 * `updated_at` moved) are normalised in the core and written in batches. Returns how many were
 * refreshed — after a bulk import once, then only what changed. `full` re-examines every customer
 * (not only those updated since the last refresh).
 */
export async function refreshScreeningKeys(
  db: Db,
  options: { batch?: number; full?: boolean } = {},
): Promise<number> {
  const batch = options.batch ?? 2_000;
  let total = 0;
  for (;;) {
    const stale = await loadStaleScreeningCustomers(db, batch, options.full ?? false);
    const rows: ScreeningKeysRow[] = stale.map((c) => ({
      customerId: c.id,
      customerUpdatedAt: c.updatedAt,
      ...keysOf({
        names: [c.legalName, ...c.otherNames],
        phones: c.phones,
        emails: c.emails,
        addresses: c.addresses,
        bankAccounts: c.bankAccounts,
      }),
    }));
    await upsertScreeningKeys(db, rows);
    total += rows.length;
    if (stale.length < batch) {
      return total;
    }
  }
}

/** The applicant's look-up keys (see loadPartyCandidates). */
export function candidateKeysOf(
  applicant: {
    name: string;
    registrationId: string | null;
    phones: readonly string[];
    emails: readonly string[];
    addresses: readonly string[];
    bankAccounts: readonly string[];
  },
  nameThreshold: number,
): CandidateKeys {
  const k = keysOf({ ...applicant, names: [applicant.name] });
  const reg = applicant.registrationId ? normaliseIdentifier(applicant.registrationId) : "";
  return {
    nameGrams: k.nameGrams,
    minSharedGrams: minSharedGrams(applicant.name, nameThreshold),
    nameKeys: k.nameKeys,
    registrationIds: uniq([reg, applicant.registrationId?.trim() ?? ""]),
    phones: k.phoneKeys,
    emails: k.emailKeys,
    addresses: k.addressKeys,
    bankAccounts: k.bankAccountKeys,
  };
}
