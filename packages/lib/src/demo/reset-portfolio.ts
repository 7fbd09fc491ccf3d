import {
  complaints,
  contacts,
  creditNotes,
  customerDefaults,
  customerIdentifiers,
  customers,
  type DatabaseHandle,
  disputes,
  externalEvents,
  externalRatings,
  factoringAgreements,
  financialStatements,
  insurancePolicies,
  invoices,
  paymentAllocations,
  payments,
  salesOrders,
} from "@creditdesk/db";
import { sql } from "drizzle-orm";

/**
 * Empties the archive and ledger tables and restarts their ids (`creditdesk demo --reset`).
 * CASCADE also empties tables that reference customers (assessments, limits, alerts …), which
 * would otherwise point at customers that no longer exist; insurance policies and factoring
 * agreements go too (the demo writes its own). Fx rates, settings and import runs stay.
 */
export async function resetPortfolio(handle: DatabaseHandle): Promise<void> {
  const tables = [
    paymentAllocations,
    creditNotes,
    disputes,
    payments,
    invoices,
    salesOrders,
    customerDefaults,
    complaints,
    externalEvents,
    externalRatings,
    financialStatements,
    contacts,
    customerIdentifiers,
    customers,
    // The demo's insurance policies and factoring agreements (their limits, claims and receivables
    // reference customers and go with them).
    insurancePolicies,
    factoringAgreements,
  ];
  await handle.transaction(async (tx) => {
    await tx.db.execute(sql`truncate table ${sql.join(tables, sql`, `)} restart identity cascade`);
  });
}
