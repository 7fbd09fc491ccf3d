import { apiGet } from "../shared/api/client.ts";
import type { Customer, Page } from "../shared/api/types.ts";

/** Sortable columns of the customer list (the API's `sort` field names). */
export const CUSTOMER_SORT_FIELDS = ["code", "legalName", "score", "utilisation", "overdue"] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];
export interface CustomerSort {
  field: CustomerSortField;
  direction: "asc" | "desc";
}

/** A listed customer's credit standing today (GET /customers `standing`, base currency minor units). */
export interface CustomerStanding {
  baseCurrency: string;
  grade: string | null;
  score: number | null;
  openMinor: number;
  overdueMinor: number;
  exposureMinor: number;
  limitMinor: number | null;
  /** exposure / limit (1 = 100 %), null without a limit. */
  utilisation: number | null;
}
export type CustomerListItem = Customer & { standing: CustomerStanding };

/** Risk grades the list filters by (the API's closed set). */
export const RISK_GRADES = ["low", "medium", "high"] as const;

export interface CustomerQuery {
  q?: string;
  industry?: string;
  region?: string;
  tier?: string;
  /** One or several grades, comma-separated. */
  grade?: string;
  /** Utilisation at least this many percent. */
  utilisationMin?: number;
  hasOverdue?: "true" | "false";
  sort?: CustomerSort;
  limit: number;
  cursor?: string;
}

/** `legalName` ascending → "legalName", descending → "-legalName" (the API's sort syntax). */
export function sortParam(sort: CustomerSort | undefined): string | undefined {
  if (!sort) {
    return undefined;
  }
  return sort.direction === "desc" ? `-${sort.field}` : sort.field;
}

export function parseSortParam(value: string | null): CustomerSort | undefined {
  if (!value) {
    return undefined;
  }
  const direction = value.startsWith("-") ? "desc" : "asc";
  const field = value.replace(/^-/, "");
  return (CUSTOMER_SORT_FIELDS as readonly string[]).includes(field)
    ? { field: field as CustomerSortField, direction }
    : undefined;
}

/** One page of customers (GET /customers). */
export function listCustomers(query: CustomerQuery, signal?: AbortSignal): Promise<Page<CustomerListItem>> {
  return apiGet<Page<CustomerListItem>>(
    "/customers",
    {
      q: query.q,
      industry: query.industry,
      region: query.region,
      tier: query.tier,
      grade: query.grade,
      utilisationMin: query.utilisationMin,
      hasOverdue: query.hasOverdue,
      sort: sortParam(query.sort),
      limit: query.limit,
      cursor: query.cursor,
    },
    signal,
  );
}

export function usccOf(customer: Customer): string | undefined {
  return customer.identifiers?.find((identifier) => identifier.type === "uscc")?.value;
}
