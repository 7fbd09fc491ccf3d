/** Credit limits, accounts, checks, requests, contracts and securities (`@creditdesk/db/limits`). */
export * from "./credit-check-queries.ts";
export * from "./reservation-totals.ts";
export * from "./schema.ts";
