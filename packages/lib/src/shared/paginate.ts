import type { KeysetPosition, RowPage } from "@creditdesk/db/archive";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, parseSort, type SortOrder, sortText } from "./list.ts";

/** What every list accepts besides its filters. */
export interface ListParams {
  /** A whitelisted field, `-field` for descending. */
  sort?: string | undefined;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** 1–500, default 50. */
  limit?: number | undefined;
}

export interface PaginateOptions<S extends string, T, R = T> {
  sorts: readonly S[];
  defaultSort: NoInfer<`${S}` | `-${S}`>;
  fetch(request: {
    sort: SortOrder<S>;
    after: KeysetPosition | undefined;
    limit: number;
  }): Promise<RowPage<T>>;
  map?: (row: T) => R;
}

/**
 * Runs one keyset page: validates the sort against the whitelist, decodes the opaque cursor (bound
 * to that sort), clamps the limit and encodes the next cursor.
 */
export async function paginate<S extends string, T, R = T>(
  params: ListParams,
  options: PaginateOptions<S, T, R>,
): Promise<Page<R>> {
  const sort = parseSort(params.sort, options.sorts, options.defaultSort);
  const text = sortText(sort);
  const after = params.cursor ? decodeCursor(params.cursor, text) : undefined;
  const limit = Math.min(Math.max(Math.trunc(params.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const page = await options.fetch({ sort, after: after && { key: after.key, id: after.id }, limit });
  const map = options.map ?? ((row: T) => row as unknown as R);
  return {
    items: page.rows.map(map),
    nextCursor: page.next ? encodeCursor({ sort: text, ...page.next }) : null,
  };
}
