/** The receivables ledger: repositories and derived validation schemas (`@creditdesk/db/ledger`). */
export * from "./credit-notes.ts";
export * from "./customer-balances.ts";
export * from "./disputes.ts";
export * from "./invoices.ts";
export * from "./payments.ts";
export * from "./sales-orders.ts";
export * from "./validation.ts";
