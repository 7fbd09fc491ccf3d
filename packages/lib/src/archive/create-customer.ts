import type { DatabaseHandle } from "@creditdesk/db";
import { type Customer, type CustomerInsert, insertCustomer } from "@creditdesk/db/archive";
import { normaliseIdentifiers } from "./normalise-identifiers.ts";

/** Creates a customer with its identifiers in one transaction (409 on a duplicate code or identifier). */
export async function createCustomer(options: {
  handle: DatabaseHandle;
  input: CustomerInsert;
}): Promise<Customer> {
  const { identifiers = [], ...profile } = options.input;
  const normalised = normaliseIdentifiers(identifiers);
  return options.handle.transaction((tx) => insertCustomer(tx.db, profile, normalised));
}
