/**
 * One measurement in a fresh process (so peak RSS is the portfolio's own) on the prepared
 * database: first the baselines — bare SQL aggregates over the same tables — then the portfolio
 * view (positions + 12-month DSO/ADDB/CEI trend), concentration and expected loss. Prints one JSON
 * line.
 *
 *   npx tsx bench/portfolio/measure.ts --url postgres://…/cdbench_portfolio --as-of 2025-06-30
 */
import { parseArgs } from "node:util";
import { openDatabase, queryRows } from "@creditdesk/db";
import { getConcentration, getExpectedLoss, getPortfolioView } from "@creditdesk/lib/portfolio";
import { sql } from "drizzle-orm";

const { values } = parseArgs({
  options: { url: { type: "string" }, "as-of": { type: "string", default: "2025-06-30" } },
});
const asOf = values["as-of"] ?? "2025-06-30";
const handle = await openDatabase({ databaseUrl: values.url, poolSize: 2 });
const seconds = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await fn();
  return [(performance.now() - t) / 1000, r];
};

// Baseline 1: the bare open-items sum per customer (what any "portfolio exposure" query must at
// least read — invoices open today and the allocations against them).
const [bareOpen] = await seconds(() =>
  queryRows(
    handle.db,
    sql`select i.customer_id, sum(i.amount_minor - coalesce(a.s, 0))
    from invoices i left join (select invoice_id, sum(amount_minor) s from payment_allocations group by invoice_id) a
      on a.invoice_id = i.id
    where i.status = 'open' group by i.customer_id`,
  ),
);
// Baseline 2: a bare `select sum(...) group by customer` over every invoice (one full scan).
const [bareScan] = await seconds(() =>
  queryRows(handle.db, sql`select customer_id, sum(amount_minor) from invoices group by customer_id`),
);
const [view, v] = await seconds(() =>
  getPortfolioView({ handle, asOf, baseCurrency: "CNY", groupBy: "industry", months: 12 }),
);
const [concentration, c] = await seconds(() => getConcentration({ handle, asOf, baseCurrency: "CNY" }));
const [el, e] = await seconds(() => getExpectedLoss({ handle, asOf, baseCurrency: "CNY" }));
await handle.close();
process.stdout.write(
  `${JSON.stringify({
    customers: v.total.customers,
    exposureMinor: v.total.exposureMinor,
    bareOpen,
    bareScan,
    view,
    viewPhases: v.seconds,
    trendSource: v.trendSource,
    concentration,
    hhiCustomer: c.dimensions.customer.hhi,
    el,
    elMinor: e.elMinor,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
