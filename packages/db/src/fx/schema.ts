import { sql } from "drizzle-orm";
import { check, date, jsonb, numeric, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** 1 unit of `fromCurrency` = `rate` units of `toCurrency` on `rateDate`. Exact decimal, never a float. */
export const fxRates = pgTable(
  "fx_rates",
  {
    rateDate: date({ mode: "string" }).notNull(),
    fromCurrency: text().notNull(),
    toCurrency: text().notNull(),
    rate: numeric({ precision: 20, scale: 10 }).notNull(),
    source: text(),
  },
  (t) => [
    primaryKey({ columns: [t.rateDate, t.fromCurrency, t.toCurrency] }),
    check("fx_rates_positive_ck", sql`${t.rate} > 0`),
  ],
);

/** Installation settings (base currency, …) as typed JSON values by key. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
