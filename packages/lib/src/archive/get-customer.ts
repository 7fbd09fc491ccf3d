import type { DatabaseHandle } from "@creditdesk/db";
import { type Customer, findCustomer } from "@creditdesk/db/archive";
import { AppError } from "../shared/app-error.ts";

/** A customer by id or code (a code equal to the text wins over an id). */
export async function getCustomer(options: {
  handle: DatabaseHandle;
  idOrCode: string | number;
}): Promise<Customer> {
  const customer = await findCustomer(options.handle.db, options.idOrCode);
  if (!customer) {
    throw AppError.notFound("customer", options.idOrCode);
  }
  return customer;
}
