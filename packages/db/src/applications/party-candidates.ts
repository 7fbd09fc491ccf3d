import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { queryRows } from "../client.ts";

/** A party duplicate detection compares the applicant with (core applications `PartyDetails`). */
export interface PartyCandidate {
  kind: "customer" | "application";
  id: number;
  name: string;
  registrationId: string | null;
  bankAccounts: string[];
  phones: string[];
  addresses: string[];
  emails: string[];
}

/** Normalised keys of the applicant (core applications normalise.ts) to look candidates up by. */
export interface CandidateKeys {
  /** Distinct bigrams of the normalised name, and how many a candidate must share (minSharedGrams). */
  nameGrams: string[];
  minSharedGrams: number;
  nameKeys: string[];
  registrationIds: string[];
  phones: string[];
  emails: string[];
  addresses: string[];
  bankAccounts: string[];
}

/**
 * The grams to probe the index with: a candidate sharing at least `minShared` of the applicant's
 * n distinct grams shares at least one of ANY n − minShared + 1 of them (pigeonhole), so the
 * rarest ones are enough — by the planner statistics of `name_grams` (most common elements and
 * their frequencies; a gram not listed is rarer than all listed). Without statistics: all grams.
 */
async function rareGrams(db: Db, grams: readonly string[], minShared: number): Promise<string[]> {
  const need = grams.length - minShared + 1;
  if (need >= grams.length || need <= 0) {
    return [...grams];
  }
  const [stats] = await queryRows<{ elems: string[] | null; freqs: number[] | null }>(
    db,
    sql`select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
      from pg_stats where tablename = 'customer_screening_keys' and attname = 'name_grams' limit 1`,
  );
  const freq = new Map<string, number>();
  for (const [i, e] of (stats?.elems ?? []).entries()) {
    freq.set(e, Number(stats?.freqs?.[i] ?? 0));
  }
  return [...grams]
    .sort((a, b) => (freq.get(a) ?? 0) - (freq.get(b) ?? 0) || a.localeCompare(b))
    .slice(0, need);
}

/** A text[] parameter (both drivers): the values as one JSON parameter, unpacked in SQL. */
const textArray = (values: readonly string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/**
 * The parties duplicate detection compares an applicant with: the customers that share a blocking
 * key with it — enough name bigrams to possibly reach the similarity threshold, a name key, a
 * registration id, or a normalised phone, e-mail, address or bank account (GIN indexes of
 * customer_screening_keys; refresh stale keys first) — with their details (legal and other names,
 * registry id, address, phone, e-mail, bank accounts, contacts' phones and e-mails); and every other
 * application (name, registration id, bank account, phone, address, e-mail). The core then decides
 * what matches; the look-up never misses a customer the core would match (see minSharedGrams).
 */
export async function loadPartyCandidates(
  db: Db,
  options: { excludeCustomerId?: number; keys: CandidateKeys },
): Promise<PartyCandidate[]> {
  const exclude = options.excludeCustomerId ?? -1;
  const k = options.keys;
  const probe = await rareGrams(db, k.nameGrams, k.minSharedGrams);
  const customers = await queryRows<{
    id: number;
    name: string;
    other_names: string[];
    registration_id: string | null;
    phone: string | null;
    email: string | null;
    registered_address: string | null;
    bank_accounts: string[] | null;
    phones: string[] | null;
    emails: string[] | null;
  }>(
    db,
    sql`with grams as (select ${textArray(k.nameGrams)} as g, ${textArray(probe)} as probe),
      ids as (
        select s.customer_id from customer_screening_keys s, grams
          where s.name_grams && grams.probe
            and (select count(*) from unnest(s.name_grams) x where x = any(grams.g)) >= ${k.minSharedGrams}
        union select customer_id from customer_screening_keys where name_keys && ${textArray(k.nameKeys)}
        union select customer_id from customer_screening_keys where phone_keys && ${textArray(k.phones)}
        union select customer_id from customer_screening_keys where email_keys && ${textArray(k.emails)}
        union select customer_id from customer_screening_keys where address_keys && ${textArray(k.addresses)}
        union select customer_id from customer_screening_keys where bank_account_keys && ${textArray(k.bankAccounts)}
        union select customer_id from customer_identifiers where value = any(${textArray(k.registrationIds)})
      )
      select c.id, c.legal_name as name, c.other_names, c.phone, c.email, c.registered_address, c.bank_accounts,
        (select ci.value from customer_identifiers ci where ci.customer_id = c.id order by (ci.type = 'uscc') desc limit 1) as registration_id,
        (select array_agg(k.phone) from contacts k where k.customer_id = c.id and k.phone is not null) as phones,
        (select array_agg(k.email) from contacts k where k.customer_id = c.id and k.email is not null) as emails
      from ids join customers c on c.id = ids.customer_id where c.id <> ${exclude}`,
  );
  const applications = await queryRows<{
    id: number;
    customer_id: number;
    name: string;
    registration_id: string | null;
    bank_account: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
  }>(
    db,
    sql`select id, customer_id, legal_name as name, registration_id, bank_account, phone, address, email
      from credit_applications where customer_id <> ${exclude}`,
  );
  const list = (...values: Array<string | null | undefined>) => values.filter((v): v is string => Boolean(v));
  return [
    ...customers.flatMap((c): PartyCandidate[] => [
      {
        kind: "customer",
        id: Number(c.id),
        name: c.name,
        registrationId: c.registration_id,
        bankAccounts: c.bank_accounts ?? [],
        phones: list(c.phone, ...(c.phones ?? [])),
        addresses: list(c.registered_address),
        emails: list(c.email, ...(c.emails ?? [])),
      },
      // Other (former, trading) names are names too.
      ...(c.other_names ?? []).map(
        (n): PartyCandidate => ({
          kind: "customer",
          id: Number(c.id),
          name: n,
          registrationId: null,
          bankAccounts: [],
          phones: [],
          addresses: [],
          emails: [],
        }),
      ),
    ]),
    ...applications.map(
      (a): PartyCandidate => ({
        kind: "application",
        id: Number(a.id),
        name: a.name,
        registrationId: a.registration_id,
        bankAccounts: list(a.bank_account),
        phones: list(a.phone),
        addresses: list(a.address),
        emails: list(a.email),
      }),
    ),
  ];
}

/** A customer whose screening keys are missing or older than its last update. */
export interface StaleCustomer {
  id: number;
  updatedAt: string;
  legalName: string;
  otherNames: string[];
  phones: string[];
  emails: string[];
  addresses: string[];
  bankAccounts: string[];
}

/**
 * How far before the newest keyed update a changed customer is still looked for: a transaction
 * that commits later than it started (now() is its start) may carry an older `updated_at`.
 */
export const STALE_MARGIN_MINUTES = 10;

/**
 * Up to `limit` customers whose screening keys are missing or stale (with contacts' phones and
 * e-mails). Only customers updated since the newest keyed update (less STALE_MARGIN_MINUTES) are
 * looked at — an index range on `updated_at`, not a scan of every customer; `full` checks all.
 * Oldest first, so that the newest keyed update only grows while a backlog is worked off.
 */
export async function loadStaleScreeningCustomers(
  db: Db,
  limit: number,
  full = false,
): Promise<StaleCustomer[]> {
  const rows = await queryRows<{
    id: number;
    updated_at: string;
    legal_name: string;
    other_names: string[] | null;
    phones: string[] | null;
    emails: string[] | null;
    addresses: string[] | null;
    bank_accounts: string[] | null;
  }>(
    db,
    sql`select c.id, c.updated_at::text as updated_at, c.legal_name, c.other_names,
        array_remove(array[c.phone] || coalesce((select array_agg(k.phone) from contacts k where k.customer_id = c.id), '{}'), null) as phones,
        array_remove(array[c.email] || coalesce((select array_agg(k.email) from contacts k where k.customer_id = c.id), '{}'), null) as emails,
        array_remove(array[c.registered_address], null) as addresses,
        c.bank_accounts
      from customers c left join customer_screening_keys s on s.customer_id = c.id
      where (s.customer_id is null or s.customer_updated_at <> c.updated_at)
        and (${sql.raw(full ? "true" : "false")} or c.updated_at >= coalesce(
          (select max(customer_updated_at) from customer_screening_keys) - make_interval(mins => ${STALE_MARGIN_MINUTES}),
          '-infinity'))
      order by c.updated_at, c.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    updatedAt: r.updated_at,
    legalName: r.legal_name,
    otherNames: r.other_names ?? [],
    phones: r.phones ?? [],
    emails: r.emails ?? [],
    addresses: r.addresses ?? [],
    bankAccounts: r.bank_accounts ?? [],
  }));
}

export interface ScreeningKeysRow {
  customerId: number;
  customerUpdatedAt: string;
  nameKeys: string[];
  nameGrams: string[];
  phoneKeys: string[];
  emailKeys: string[];
  addressKeys: string[];
  bankAccountKeys: string[];
}

/** Writes screening keys (one statement per batch: the rows as one JSON parameter). */
export async function upsertScreeningKeys(db: Db, rows: readonly ScreeningKeysRow[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const arr = (field: string) => sql.raw(`array(select jsonb_array_elements_text(r->'${field}'))`);
  await db.execute(sql`insert into customer_screening_keys
      (customer_id, customer_updated_at, name_keys, name_grams, phone_keys, email_keys, address_keys, bank_account_keys)
    select (r->>'customerId')::bigint, (r->>'customerUpdatedAt')::timestamptz, ${arr("nameKeys")}, ${arr("nameGrams")},
      ${arr("phoneKeys")}, ${arr("emailKeys")}, ${arr("addressKeys")}, ${arr("bankAccountKeys")}
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
    on conflict (customer_id) do update set customer_updated_at = excluded.customer_updated_at,
      name_keys = excluded.name_keys, name_grams = excluded.name_grams, phone_keys = excluded.phone_keys,
      email_keys = excluded.email_keys, address_keys = excluded.address_keys, bank_account_keys = excluded.bank_account_keys`);
}
