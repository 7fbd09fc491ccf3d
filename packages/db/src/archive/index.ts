/** The credit archive: repositories and derived validation schemas (`@creditdesk/db/archive`). */
export * from "./complaints.ts";
export * from "./contacts.ts";
export * from "./customer-defaults.ts";
export * from "./customers.ts";
export * from "./external-events.ts";
export * from "./external-ratings.ts";
export * from "./financial-statements.ts";
export * from "./refinements.ts";
export * from "./resource-table.ts";
export * from "./validation.ts";
