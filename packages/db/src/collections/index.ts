/** Collections: worklist and dunning candidates, promise payments, interest data (`@creditdesk/db/collections`). */
export * from "./interest-invoices.ts";
export * from "./overdue-invoices.ts";
export * from "./promises.ts";
export * from "./schema.ts";
