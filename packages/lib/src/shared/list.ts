import { AppError } from "./app-error.ts";

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** One page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SortOrder<F extends string = string> {
  field: F;
  descending: boolean;
}

/**
 * Parses `sort=legalName` / `sort=-createdAt` against a whitelist; the default applies when the
 * parameter is absent. Unknown fields are a VALIDATION error on `sort` listing the allowed ones.
 */
export function parseSort<F extends string>(
  sort: string | undefined,
  allowed: readonly F[],
  fallback: NoInfer<`${F}` | `-${F}`>,
): SortOrder<F> {
  const raw = sort && sort.length > 0 ? sort : fallback;
  const descending = raw.startsWith("-");
  const field = (descending ? raw.slice(1) : raw) as F;
  if (!allowed.includes(field)) {
    throw AppError.validation([
      { path: "sort", message: `must be one of ${allowed.join(", ")} (prefix - for descending)` },
    ]);
  }
  return { field, descending };
}

/** The canonical text of a sort order, as written in cursors. */
export const sortText = (order: SortOrder): string => (order.descending ? `-${order.field}` : order.field);
