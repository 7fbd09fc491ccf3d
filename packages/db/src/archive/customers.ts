import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, queryRows } from "../client.ts";
import {
  type CustomerStandingRow,
  customerGradeCtes,
  customerStandingCtes,
} from "../portfolio/customer-standing.ts";
import {
  filterConditions,
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
/** Sorts of the customer list on its credit standing (computed, see `listCustomersWithStanding`). */
export const CUSTOMER_STANDING_SORTS = ["score", "utilisation", "overdue"] as const;
export type CustomerStandingSort = (typeof CUSTOMER_STANDING_SORTS)[number];
export const CUSTOMER_LIST_SORTS = [...CUSTOMER_SORTS, ...CUSTOMER_STANDING_SORTS] as const;
export type CustomerListSort = (typeof CUSTOMER_LIST_SORTS)[number];
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

/** A listed customer's credit standing today (base currency figures, integer minor units). */
export interface CustomerStanding extends CustomerStandingRow {
  baseCurrency: string;
}
export type CustomerWithStanding = Customer & { standing: CustomerStanding };

/** Filters of the list on the standing (all optional, combined with AND). */
export interface CustomerStandingFilter {
  /** Latest assessment's grade is one of these. */
  grades?: readonly string[] | undefined;
  /** Utilisation (exposure / limit) at least this many percent (customers without a limit never match). */
  utilisationMinPercent?: number | undefined;
  /** true: some receivable is overdue; false: nothing is. */
  hasOverdue?: boolean | undefined;
  /** Overdue receivables at least this much (base currency minor units). */
  overdueMinMinor?: number | undefined;
}

export interface ListCustomersWithStandingRequest {
  q?: string | undefined;
  filters?: Partial<Record<CustomerFilter, unknown>> | undefined;
  standing?: CustomerStandingFilter | undefined;
  sort: { field: CustomerListSort; descending: boolean };
  after?: KeysetPosition | undefined;
  limit: number;
  asOf: string;
  now: Date;
  baseCurrency: string;
}

// Sort keys on the standing: NOT NULL (a missing score or utilisation sorts below every value) so
// that the keyset comparison (key, id) is total, and cast back to the same type from the cursor.
const STANDING_SORT_KEYS: Record<CustomerStandingSort, { expr: SQL; type: SQL }> = {
  score: { expr: sql`coalesce(s.score, '-Infinity'::float8)`, type: sql`float8` },
  utilisation: { expr: sql`coalesce(s.utilisation, '-Infinity'::float8)`, type: sql`float8` },
  overdue: { expr: sql`coalesce(s.overdue_minor, 0)::int8`, type: sql`int8` },
};

const isStandingSort = (field: CustomerListSort): field is CustomerStandingSort =>
  (CUSTOMER_STANDING_SORTS as readonly string[]).includes(field);

function standingConditions(f: CustomerStandingFilter | undefined): SQL[] {
  const out: SQL[] = [];
  if (f?.grades !== undefined && f.grades.length > 0) {
    out.push(
      sql`s.grade = any(cast(${`{${f.grades.map((g) => `"${g.replace(/["\\]/g, "")}"`).join(",")}}`} as text[]))`,
    );
  }
  if (f?.utilisationMinPercent !== undefined) {
    // Exact: exposure × 100 ≥ x × limit in numeric (a float product such as 0.29 × 100 misses 29).
    out.push(
      sql`s.limit_minor > 0 and s.exposure_minor::numeric * 100 >= cast(${String(f.utilisationMinPercent)} as numeric) * s.limit_minor`,
    );
  }
  if (f?.hasOverdue !== undefined) {
    out.push(f.hasOverdue ? sql`s.overdue_minor > 0` : sql`coalesce(s.overdue_minor, 0) = 0`);
  }
  if (f?.overdueMinMinor !== undefined) {
    out.push(sql`coalesce(s.overdue_minor, 0) >= ${f.overdueMinMinor}`);
  }
  return out;
}

interface StandingSqlRow extends CustomerStandingRow {
  id: number;
  key: string;
}

const standingColumns = sql`s.grade, s.score, coalesce(s.open_minor, 0)::int8 as "openMinor",
  coalesce(s.overdue_minor, 0)::int8 as "overdueMinor", coalesce(s.exposure_minor, 0)::int8 as "exposureMinor",
  s.limit_minor as "limitMinor", s.utilisation`;

/**
 * One page of the customer list with each customer's credit standing (latest grade and score,
 * open and overdue receivables, exposure, limit, utilisation — `customerStandingCtes`), set-wise:
 * - sorted by a profile column with no standing filter: the page by keyset as `listCustomers`,
 *   then the standing of just those customers in one statement;
 * - sorted or filtered on the standing: one statement computes it for every customer the profile
 *   filters keep, filters, and pages by keyset on (sort key, id).
 */
export async function listCustomersWithStanding(
  db: Db,
  request: ListCustomersWithStandingRequest,
): Promise<RowPage<CustomerWithStanding>> {
  const figures = { asOf: request.asOf, now: request.now, baseCurrency: request.baseCurrency };
  const extra = standingConditions(request.standing);
  const { field, descending } = request.sort;
  if (!isStandingSort(field) && extra.length === 0) {
    const page = await listCustomers(db, { ...request, sort: { field, descending } });
    const ids = page.rows.map((r) => r.id);
    const found =
      ids.length === 0
        ? []
        : await queryRows<StandingSqlRow>(
            db,
            sql`with ${customerStandingCtes({ ...figures, customerIds: ids })}
            select s.customer_id::int8 as id, '' as key, ${standingColumns} from standing s`,
          );
    return { rows: attachStanding(page.rows, found, request.baseCurrency), next: page.next };
  }
  const key = isStandingSort(field)
    ? STANDING_SORT_KEYS[field]
    : {
        expr: sql`${customerResource.sorts[field]}`,
        type: sql.raw(customerResource.sorts[field].getSQLType()),
      };
  const q = request.q?.trim();
  const conditions = [
    ...filterConditions(customerResource.filters, request.filters),
    ...(q ? [customerSearchCondition(q)] : []),
    ...extra,
  ];
  if (request.after) {
    const position = sql`(${key.expr}, ${customers.id})`;
    const bound = sql`(cast(${request.after.key} as ${key.type}), cast(${request.after.id} as bigint))`;
    conditions.push(descending ? sql`${position} < ${bound}` : sql`${position} > ${bound}`);
  }
  const direction = sql.raw(descending ? "desc" : "asc");
  // Grade and score alone need no ledger figures: filter and sort on the assessments, then read
  // the page's full standing.
  const gradeOnly =
    field !== "utilisation" &&
    field !== "overdue" &&
    request.standing?.utilisationMinPercent === undefined &&
    request.standing?.hasOverdue === undefined &&
    request.standing?.overdueMinMinor === undefined;
  const found = await queryRows<StandingSqlRow>(
    db,
    sql`with ${gradeOnly ? customerGradeCtes(figures) : customerStandingCtes(figures)}
    select ${customers.id} as id, (${key.expr})::text as key, ${standingColumns}
    from ${customers} left join standing s on s.customer_id = ${customers.id}
    ${conditions.length > 0 ? sql`where ${and(...conditions)}` : sql``}
    order by ${key.expr} ${direction}, ${customers.id} ${direction}
    limit ${request.limit + 1}`,
  );
  const more = found.length > request.limit;
  const pageRows = more ? found.slice(0, request.limit) : found;
  const ids = pageRows.map((r) => Number(r.id));
  const byId = new Map(
    ids.length === 0
      ? []
      : (await db.select().from(customers).where(inArray(customers.id, ids))).map((row) => [row.id, row]),
  );
  const ordered = ids.map((id) => byId.get(id)).filter((row): row is CustomerRow => row !== undefined);
  const last = pageRows[pageRows.length - 1];
  const standing =
    gradeOnly && ids.length > 0
      ? await queryRows<StandingSqlRow>(
          db,
          sql`with ${customerStandingCtes({ ...figures, customerIds: ids })}
          select s.customer_id::int8 as id, '' as key, ${standingColumns} from standing s`,
        )
      : pageRows;
  return {
    rows: attachStanding(await withIdentifiers(db, ordered), standing, request.baseCurrency),
    next: more && last ? { key: last.key, id: Number(last.id) } : null,
  };
}

function attachStanding(
  rows: Customer[],
  found: readonly StandingSqlRow[],
  baseCurrency: string,
): CustomerWithStanding[] {
  const byId = new Map(found.map((r) => [Number(r.id), r]));
  return rows.map((row) => {
    const s = byId.get(row.id);
    return {
      ...row,
      standing: {
        baseCurrency,
        grade: s?.grade ?? null,
        score: s?.score ?? null,
        openMinor: Number(s?.openMinor ?? 0),
        overdueMinor: Number(s?.overdueMinor ?? 0),
        exposureMinor: Number(s?.exposureMinor ?? 0),
        limitMinor: s?.limitMinor === null || s?.limitMinor === undefined ? null : Number(s.limitMinor),
        utilisation: s?.utilisation ?? null,
      },
    };
  });
}
