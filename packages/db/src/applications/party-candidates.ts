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

/**
 * Every customer (name, other names, registry ids, contact phones and e-mails) and every other
 * application (name, registration id, bank account, phone, address, e-mail), in two set-wise
 * queries. Names are compared after normalisation in the core, so no SQL pre-filter can be exact;
 * the whole set is read (one row per party, arrays aggregated in the database).
 */
export async function loadPartyCandidates(
  db: Db,
  options: { excludeCustomerId?: number },
): Promise<PartyCandidate[]> {
  const exclude = options.excludeCustomerId ?? -1;
  const customers = await queryRows<{
    id: number;
    name: string;
    other_names: string[];
    registration_id: string | null;
    phones: string[] | null;
    emails: string[] | null;
  }>(
    db,
    sql`select c.id, c.legal_name as name, c.other_names,
        (select ci.value from customer_identifiers ci where ci.customer_id = c.id order by (ci.type = 'uscc') desc limit 1) as registration_id,
        (select array_agg(k.phone) from contacts k where k.customer_id = c.id and k.phone is not null) as phones,
        (select array_agg(k.email) from contacts k where k.customer_id = c.id and k.email is not null) as emails
      from customers c where c.id <> ${exclude}`,
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
        bankAccounts: [],
        phones: c.phones ?? [],
        addresses: [],
        emails: c.emails ?? [],
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
