import type { ResourceTable } from "./resource-table.ts";
import { externalRatings } from "./schema.ts";

/** Ratings by outside agencies. */
export const EXTERNAL_RATING_SORTS = ["ratedOn", "agency", "createdAt", "id"] as const;
export const EXTERNAL_RATING_FILTERS = ["customerId", "agency", "ratedFrom", "ratedTo"] as const;
export const externalRatingResource: ResourceTable<
  typeof externalRatings,
  (typeof EXTERNAL_RATING_SORTS)[number],
  (typeof EXTERNAL_RATING_FILTERS)[number]
> = {
  table: externalRatings,
  sorts: {
    ratedOn: externalRatings.ratedOn,
    agency: externalRatings.agency,
    createdAt: externalRatings.createdAt,
    id: externalRatings.id,
  },
  filters: {
    customerId: { column: externalRatings.customerId, op: "eq" },
    agency: { column: externalRatings.agency, op: "eq" },
    ratedFrom: { column: externalRatings.ratedOn, op: "gte" },
    ratedTo: { column: externalRatings.ratedOn, op: "lte" },
  },
};
