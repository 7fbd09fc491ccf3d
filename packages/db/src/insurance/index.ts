/** Credit insurance and factoring: schema and set-wise SQL (`@creditdesk/db/insurance`). */
export * from "./factoring-filter.ts";
export * from "./insured-cover.ts";
export * from "./overdue-insured-invoices.ts";
export * from "./schema.ts";
