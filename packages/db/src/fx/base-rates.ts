import { EXPONENT_EXCEPTIONS } from "@creditdesk/core/money";
import { type SQL, sql } from "drizzle-orm";

const zero = Object.entries(EXPONENT_EXCEPTIONS)
  .filter(([, e]) => e === 0)
  .map(([c]) => c);
const three = Object.entries(EXPONENT_EXCEPTIONS)
  .filter(([, e]) => e === 3)
  .map(([c]) => c);
/** ISO 4217 minor-unit exponent of a currency column (2 unless listed in core/money). */
const exp = (col: SQL) =>
  sql`(case when ${col} = any(${sql.param(zero)}::text[]) then 0 when ${col} = any(${sql.param(three)}::text[]) then 3 else 2 end)`;

/**
 * CTE `rates (cur, factor)`: for every currency with a rate to the base currency recorded on or
 * before as-of, the latest such rate scaled for the two minor-unit exponents, so that
 * `amount_minor * factor` is minor units of the base currency (the base itself has factor 1).
 * Amounts in a currency without a recorded rate drop out of an inner join on it.
 */
export function ratesCte(asOf: SQL, baseCurrency: string): SQL {
  const base = sql`${baseCurrency}::text`;
  return sql`rates as (
      select ${base} as cur, 1::numeric as factor
      union all
      select * from (
        select distinct on (from_currency) from_currency, rate * power(10::numeric, ${exp(base)} - ${exp(sql`from_currency`)})
        from fx_rates
        where to_currency = ${base} and from_currency <> ${base} and rate_date <= ${asOf}
        order by from_currency, rate_date desc
      ) latest
    )`;
}
