import type { DatabaseHandle } from "@creditdesk/db";
import {
  FX_RATE_SORTS,
  type FxRate,
  type FxRateInsert,
  type FxRateKey,
  findFxRate,
  insertFxRate,
  listFxRates as listFxRateRows,
  updateFxRate as updateFxRateRow,
} from "@creditdesk/db/fx";
import { AppError } from "../shared/app-error.ts";
import type { Page } from "../shared/list.ts";
import { type ListParams, paginate } from "../shared/paginate.ts";

export interface FxRateFilters {
  fromCurrency?: string | undefined;
  toCurrency?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

/** FX rates page by page (default: newest date first). */
export function listFxRates(options: {
  handle: DatabaseHandle;
  filters?: FxRateFilters;
  params: ListParams;
}): Promise<Page<FxRate>> {
  return paginate(options.params, {
    sorts: FX_RATE_SORTS,
    defaultSort: "-rateDate",
    fetch: ({ sort, after, limit }) =>
      listFxRateRows(options.handle.db, {
        filters: options.filters ?? {},
        descending: sort.descending,
        after,
        limit,
      }),
  });
}

const describe = (k: FxRateKey) => `${k.fromCurrency}/${k.toCurrency} on ${k.rateDate}`;

export async function getFxRate(options: { handle: DatabaseHandle; key: FxRateKey }): Promise<FxRate> {
  const rate = await findFxRate(options.handle.db, options.key);
  if (!rate) {
    throw AppError.notFound("fx rate", describe(options.key));
  }
  return rate;
}

/** Records a rate (409 when the date/pair already has one). */
export function createFxRate(options: { handle: DatabaseHandle; input: FxRateInsert }): Promise<FxRate> {
  return insertFxRate(options.handle.db, options.input);
}

export async function updateFxRate(options: {
  handle: DatabaseHandle;
  key: FxRateKey;
  patch: { rate?: string | undefined; source?: string | null | undefined };
}): Promise<FxRate> {
  const rate = await updateFxRateRow(options.handle.db, options.key, options.patch);
  if (!rate) {
    throw AppError.notFound("fx rate", describe(options.key));
  }
  return rate;
}
