import type { DatabaseHandle } from "@creditdesk/db";
import {
  CUSTOMER_LIST_SORTS,
  type CustomerFilter,
  type CustomerStandingFilter,
  type CustomerWithStanding,
  listCustomersWithStanding as listRows,
} from "@creditdesk/db/archive";
import { withPortfolioWorkMem } from "../portfolio/load-positions.ts";
import type { Page } from "../shared/list.ts";
import { type ListParams, paginate } from "../shared/paginate.ts";

export interface ListCustomersWithStandingOptions {
  handle: DatabaseHandle;
  /** Free text: code, legal name, other names, identifier values. */
  q?: string | undefined;
  filters?: Partial<Record<CustomerFilter, unknown>> | undefined;
  /** Grade, utilisation and overdue filters. */
  standing?: CustomerStandingFilter | undefined;
  params: ListParams;
  /** Currency of the open/overdue/exposure figures. */
  baseCurrency: string;
  /** Reservations count until they expire at this moment; figures are as of its UTC date. Default now. */
  now?: Date | undefined;
}

/**
 * The customer list of the workbench: customers page by page (default order: code) with their
 * credit standing today — latest grade and score, open and overdue receivables in the base
 * currency, exposure, limit and utilisation as the portfolio view computes them — filterable and
 * sortable on it (`score`, `utilisation`, `overdue`) with the same keyset cursors as every list.
 */
export function listCustomersWithStanding(
  options: ListCustomersWithStandingOptions,
): Promise<Page<CustomerWithStanding>> {
  const now = options.now ?? new Date();
  return paginate(options.params, {
    sorts: CUSTOMER_LIST_SORTS,
    defaultSort: "code",
    // JIT off and work_mem raised as for the portfolio statements it shares CTEs with (compiling
    // them cost seconds more than running them in the benchmark's EXPLAIN ANALYZE).
    fetch: (request) =>
      withPortfolioWorkMem(options.handle, (db) =>
        listRows(db, {
          ...request,
          q: options.q,
          filters: options.filters,
          standing: options.standing,
          asOf: now.toISOString().slice(0, 10),
          now,
          baseCurrency: options.baseCurrency,
        }),
      ),
  });
}
