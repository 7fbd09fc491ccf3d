/** Credit applications: tables and the candidate queries of duplicate detection (`@creditdesk/db/applications`). */
export * from "./party-candidates.ts";
export * from "./schema.ts";
