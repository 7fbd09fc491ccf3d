import { z } from "zod";

/** Query parameters shared by every list: sort (whitelist, `-` for descending), cursor, limit. */
export function listQuery<S extends string, F extends z.ZodRawShape>(options: {
  sorts: readonly S[];
  defaultSort: string;
  filters: F;
}) {
  const values = options.sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  return z.object({
    ...options.filters,
    sort: z
      .enum(values)
      .optional()
      .describe(`sort field, prefix - for descending (default ${options.defaultSort})`),
    cursor: z.string().max(2000).optional().describe("nextCursor of the previous page (opaque)"),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe("page size, 1–500"),
  });
}

/** A page of items and the cursor of the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Optional date bound in a query (YYYY-MM-DD). */
export const dateQuery = () => z.iso.date().optional();
/** Optional id in a query. */
export const idQuery = () => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional();

/** Splits validated list query values into list params and filters. */
export function splitListQuery<
  Q extends { sort?: string | undefined; cursor?: string | undefined; limit: number },
>(query: Q) {
  const { sort, cursor, limit, ...filters } = query;
  return { params: { sort, cursor, limit }, filters };
}
