import type { Page } from "./types.ts";

/** Most rows one export fetches: beyond this the file says so and the user narrows the filter. */
export const EXPORT_MAX_ROWS = 100_000;
/** Page size of an export's requests (the API's largest). */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Every item of a cursor-paginated list, page by page (following `nextCursor`), up to `max` items.
 * `capped` tells that more exist than were fetched. `onProgress` hears the count after each page;
 * an aborted `signal` stops between pages.
 */
export async function fetchAllPages<T>(options: {
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;
  max?: number;
  onProgress?: (fetched: number) => void;
  signal?: AbortSignal;
}): Promise<{ items: T[]; capped: boolean }> {
  const max = options.max ?? EXPORT_MAX_ROWS;
  const items: T[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await options.fetchPage(cursor, options.signal);
    for (const item of page.items) {
      if (items.length === max) {
        return { items, capped: true };
      }
      items.push(item);
    }
    options.onProgress?.(items.length);
    if (!page.nextCursor) {
      return { items, capped: false };
    }
    if (items.length === max) {
      return { items, capped: true };
    }
    // A cursor that comes back would loop for ever: a server bug, but not the user's to wait out.
    if (seen.has(page.nextCursor)) {
      throw new Error(`the list repeated its cursor ${page.nextCursor}`);
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}
