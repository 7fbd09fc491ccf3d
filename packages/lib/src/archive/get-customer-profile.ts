import type { contacts, DatabaseHandle } from "@creditdesk/db";
import { type Customer, contactResource, listRows } from "@creditdesk/db/archive";
import { type CustomerBalance, type CustomerLedgerCounts, customerBalances } from "@creditdesk/db/ledger";
import { getCustomer } from "./get-customer.ts";

export interface CustomerProfile {
  customer: Customer;
  contacts: Array<typeof contacts.$inferSelect>;
  balances: CustomerBalance[];
  counts: CustomerLedgerCounts;
  asOf: string;
}

/** Everything `customers show` and a profile page need: profile, contacts, balances and counts as of a date. */
export async function getCustomerProfile(options: {
  handle: DatabaseHandle;
  idOrCode: string | number;
  /** YYYY-MM-DD; overdue means due before this date. */
  asOf: string;
}): Promise<CustomerProfile> {
  const customer = await getCustomer(options);
  const { db } = options.handle;
  const contactPage = await listRows(db, contactResource, {
    filters: { customerId: customer.id },
    sort: { field: "name", descending: false },
    limit: 100,
  });
  const { balances, counts } = await customerBalances(db, customer.id, options.asOf);
  return { customer, contacts: contactPage.rows, balances, counts, asOf: options.asOf };
}
