import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { KeysetPosition, RowPage } from "../archive/resource-table.ts";
import type { Db } from "../client.ts";
import { fxRates } from "./schema.ts";

export type FxRate = typeof fxRates.$inferSelect;
export interface FxRateKey {
  rateDate: string;
  fromCurrency: string;
  toCurrency: string;
}

export const FX_RATE_SORTS = ["rateDate"] as const;
export interface ListFxRatesRequest {
  filters?: {
    fromCurrency?: string | undefined;
    toCurrency?: string | undefined;
    dateFrom?: string | undefined;
    dateTo?: string | undefined;
  };
  descending: boolean;
  after?: KeysetPosition | undefined;
  limit: number;
}

const keyOf = (r: FxRateKey) => `${r.rateDate}|${r.fromCurrency}|${r.toCurrency}`;

/**
 * FX rates in (rateDate, fromCurrency, toCurrency) order — the primary key, so the keyset needs no
 * separate id; the cursor key carries all three parts (`id` is unused, 0).
 */
export async function listFxRates(db: Db, request: ListFxRatesRequest): Promise<RowPage<FxRate>> {
  const f = request.filters ?? {};
  const conditions: SQL[] = [];
  if (f.fromCurrency) {
    conditions.push(eq(fxRates.fromCurrency, f.fromCurrency));
  }
  if (f.toCurrency) {
    conditions.push(eq(fxRates.toCurrency, f.toCurrency));
  }
  if (f.dateFrom) {
    conditions.push(gte(fxRates.rateDate, f.dateFrom));
  }
  if (f.dateTo) {
    conditions.push(lte(fxRates.rateDate, f.dateTo));
  }
  if (request.after) {
    const [date = "", from = "", to = ""] = request.after.key.split("|");
    const position = sql`(${fxRates.rateDate}, ${fxRates.fromCurrency}, ${fxRates.toCurrency})`;
    const bound = sql`(cast(${date} as date), cast(${from} as text), cast(${to} as text))`;
    conditions.push(request.descending ? sql`${position} < ${bound}` : sql`${position} > ${bound}`);
  }
  const direction = request.descending ? desc : asc;
  const rows = await db
    .select()
    .from(fxRates)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(direction(fxRates.rateDate), direction(fxRates.fromCurrency), direction(fxRates.toCurrency))
    .limit(request.limit + 1);
  const more = rows.length > request.limit;
  const page = more ? rows.slice(0, request.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { key: keyOf(last), id: 0 } : null };
}

const keyCondition = (key: FxRateKey) =>
  and(
    eq(fxRates.rateDate, key.rateDate),
    eq(fxRates.fromCurrency, key.fromCurrency),
    eq(fxRates.toCurrency, key.toCurrency),
  );

export async function findFxRate(db: Db, key: FxRateKey): Promise<FxRate | undefined> {
  const rows = await db.select().from(fxRates).where(keyCondition(key)).limit(1);
  return rows[0];
}

export async function insertFxRate(db: Db, values: typeof fxRates.$inferInsert): Promise<FxRate> {
  const [row] = await db.insert(fxRates).values(values).returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  return row;
}

export async function updateFxRate(
  db: Db,
  key: FxRateKey,
  patch: { rate?: string | undefined; source?: string | null | undefined },
): Promise<FxRate | undefined> {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length === 0) {
    return findFxRate(db, key);
  }
  const [row] = await db.update(fxRates).set(values).where(keyCondition(key)).returning();
  return row;
}
