import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../client.ts";
import {
  type KeysetPosition,
  listRows,
  type Patch,
  type ResourceTable,
  type RowPage,
} from "./resource-table.ts";
import { contacts, customerIdentifiers, customers } from "./schema.ts";
import type { customerSelect } from "./validation.ts";

export type CustomerRow = typeof customers.$inferSelect;
export interface CustomerIdentifier {
  type: string;
  value: string;
  verifiedOn: string | null;
}
/** A customer with its registry identifiers (the archive's profile) — the API's `Customer` schema. */
export type Customer = z.infer<typeof customerSelect>;

export const CUSTOMER_SORTS = ["code", "legalName", "createdAt", "updatedAt", "id"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const CUSTOMER_FILTERS = [
  "industry",
  "region",
  "status",
  "tier",
  "companyType",
  "countryCode",
  "parentCode",
  "salesOwner",
] as const;
export type CustomerFilter = (typeof CUSTOMER_FILTERS)[number];

export const customerResource: ResourceTable<typeof customers, CustomerSort, CustomerFilter> = {
  table: customers,
  sorts: {
    code: customers.code,
    legalName: customers.legalName,
    createdAt: customers.createdAt,
    updatedAt: customers.updatedAt,
    id: customers.id,
  },
  filters: {
    industry: { column: customers.industry, op: "eq" },
    region: { column: customers.region, op: "eq" },
    status: { column: customers.status, op: "eq" },
    tier: { column: customers.tier, op: "eq" },
    companyType: { column: customers.companyType, op: "eq" },
    countryCode: { column: customers.countryCode, op: "eq" },
    parentCode: { column: customers.parentCode, op: "eq" },
    salesOwner: { column: customers.salesOwner, op: "eq" },
  },
};

/** `%text%` for ILIKE with the LIKE wildcards of the user's text escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Free-text search: code, legal name, other names and identifier values, case-insensitive
 * substring (works for Chinese names too — ILIKE compares characters, not bytes).
 */
export function customerSearchCondition(q: string): SQL {
  const pattern = containsPattern(q.trim());
  return or(
    sql`${customers.code} ilike ${pattern}`,
    sql`${customers.legalName} ilike ${pattern}`,
    sql`array_to_string(${customers.otherNames}, ' ') ilike ${pattern}`,
    sql`exists (select 1 from ${customerIdentifiers} ci where ci.customer_id = ${customers.id} and ci.value ilike ${pattern})`,
  ) as SQL;
}

export interface ListCustomersRequest {
  q?: string | undefined;
  filters?: Partial<Record<CustomerFilter, unknown>> | undefined;
  sort: { field: CustomerSort; descending: boolean };
  after?: KeysetPosition | undefined;
  limit: number;
}

/** One page of customers with identifiers loaded for the whole page in a single query. */
export async function listCustomers(db: Db, request: ListCustomersRequest): Promise<RowPage<Customer>> {
  const q = request.q?.trim();
  const page = await listRows(db, customerResource, {
    filters: request.filters,
    where: q ? [customerSearchCondition(q)] : [],
    sort: request.sort,
    after: request.after,
    limit: request.limit,
  });
  return { rows: await withIdentifiers(db, page.rows), next: page.next };
}

/** Attaches identifiers to customer rows (one query for all of them). */
export async function withIdentifiers(db: Db, rows: CustomerRow[]): Promise<Customer[]> {
  if (rows.length === 0) {
    return [];
  }
  const found = await db
    .select({
      customerId: customerIdentifiers.customerId,
      type: customerIdentifiers.type,
      value: customerIdentifiers.value,
      verifiedOn: customerIdentifiers.verifiedOn,
    })
    .from(customerIdentifiers)
    .where(
      inArray(
        customerIdentifiers.customerId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(customerIdentifiers.customerId), asc(customerIdentifiers.type));
  const byCustomer = new Map<number, CustomerIdentifier[]>();
  for (const { customerId, ...identifier } of found) {
    const list = byCustomer.get(customerId) ?? [];
    list.push(identifier);
    byCustomer.set(customerId, list);
  }
  // Check constraints guarantee the closed sets (tier, status, companyType, identifier type).
  return rows.map((row) => ({ ...row, identifiers: byCustomer.get(row.id) ?? [] }) as Customer);
}

/**
 * A customer by code, or by id when the text is all digits and no customer has it as code
 * (ERP codes are often numeric, so the code wins).
 */
export async function findCustomer(db: Db, idOrCode: string | number): Promise<Customer | undefined> {
  const text = String(idOrCode);
  const asId = /^[0-9]{1,15}$/.test(text) ? Number(text) : undefined;
  const rows = await db
    .select()
    .from(customers)
    .where(
      asId === undefined ? eq(customers.code, text) : or(eq(customers.code, text), eq(customers.id, asId)),
    )
    .orderBy(sql`(${customers.code} = ${text}) desc`)
    .limit(1);
  const [customer] = await withIdentifiers(db, rows);
  return customer;
}

/** Just the id of a customer by id or code (for nested routes and filters). */
export async function findCustomerId(db: Db, idOrCode: string | number): Promise<number | undefined> {
  const text = String(idOrCode);
  const asId = /^[0-9]{1,15}$/.test(text) ? Number(text) : undefined;
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      asId === undefined ? eq(customers.code, text) : or(eq(customers.code, text), eq(customers.id, asId)),
    )
    .orderBy(sql`(${customers.code} = ${text}) desc`)
    .limit(1);
  return rows[0]?.id;
}

export async function insertCustomer(
  db: Db,
  values: typeof customers.$inferInsert,
  identifiers: CustomerIdentifier[],
): Promise<Customer> {
  const [row] = await db.insert(customers).values(values).returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  await replaceCustomerIdentifiers(db, row.id, identifiers);
  const [customer] = await withIdentifiers(db, [row]);
  return customer as Customer;
}

/** Updates profile fields (and `updatedAt`); undefined when the id does not exist. */
export async function updateCustomer(
  db: Db,
  id: number,
  patch: Patch<typeof customers.$inferInsert>,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(customers)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(customers.id, id))
    .returning();
  return row;
}

/** Replaces the customer's identifier set (one per type). */
export async function replaceCustomerIdentifiers(
  db: Db,
  customerId: number,
  identifiers: CustomerIdentifier[],
): Promise<void> {
  await db.delete(customerIdentifiers).where(eq(customerIdentifiers.customerId, customerId));
  if (identifiers.length > 0) {
    await db.insert(customerIdentifiers).values(identifiers.map((i) => ({ ...i, customerId })));
  }
}

/** How many contacts a customer has (for the profile view). */
export async function countCustomerContacts(db: Db, customerId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId)));
  return row?.n ?? 0;
}
