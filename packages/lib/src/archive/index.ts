export * from "./archive-records.ts";
export * from "./create-customer.ts";
export * from "./get-customer.ts";
export * from "./get-customer-profile.ts";
export * from "./list-customers.ts";
export * from "./list-customers-with-standing.ts";
export * from "./normalise-identifiers.ts";
export * from "./update-customer.ts";
