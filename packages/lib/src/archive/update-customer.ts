import type { DatabaseHandle } from "@creditdesk/db";
import {
  type Customer,
  type CustomerUpdate,
  findCustomer,
  findCustomerId,
  replaceCustomerIdentifiers,
  updateCustomer as updateCustomerRow,
} from "@creditdesk/db/archive";
import { AppError } from "../shared/app-error.ts";
import { normaliseIdentifiers } from "./normalise-identifiers.ts";

/** Updates profile fields; `identifiers`, when given, replaces the whole set. */
export async function updateCustomer(options: {
  handle: DatabaseHandle;
  idOrCode: string | number;
  patch: CustomerUpdate;
}): Promise<Customer> {
  const { identifiers, ...profile } = options.patch;
  const normalised = identifiers ? normaliseIdentifiers(identifiers) : undefined;
  return options.handle.transaction(async (tx) => {
    const id = await findCustomerId(tx.db, options.idOrCode);
    if (id === undefined) {
      throw AppError.notFound("customer", options.idOrCode);
    }
    await updateCustomerRow(tx.db, id, profile);
    if (normalised) {
      await replaceCustomerIdentifiers(tx.db, id, normalised);
    }
    return (await findCustomer(tx.db, id)) as Customer;
  });
}
