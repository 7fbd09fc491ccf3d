/**
 * bench/customers — the workbench's customer list with credit standing (grade, utilisation,
 * overdue) on a demo database, beside a bare SQL baseline in the same process.
 *
 *   npx tsx bench/customers/measure.ts [--url postgres://root@127.0.0.1:5432/creditdesk_bench_demo]
 *
 * Use a database loaded by `bench/demo/load-demo.ts --keep` (plus assessments and limits, as
 * bench/portfolio prepares them). Prints the wall time of a 50-customer page for: the default
 * sort (standing of the page only), a grade filter, sorts on overdue and utilisation (standing of
 * every customer), and the next page of the overdue sort; the baseline is the bare open-invoice sum
 * per customer that any overdue sort has to read.
 */
import { parseArgs } from "node:util";
import { openDatabase, queryRows } from "@creditdesk/db";
import { listCustomersWithStanding } from "@creditdesk/lib/archive";
import { sql } from "drizzle-orm";

const { values } = parseArgs({
  options: { url: { type: "string", default: "postgres://root@127.0.0.1:5432/creditdesk_bench_demo" } },
});
const handle = await openDatabase({ databaseUrl: values.url });
const [{ n }] = (await queryRows<{ n: number }>(
  handle.db,
  sql`select count(*)::int as n from customers`,
)) as [{ n: number }];

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  await run(); // warm
  const t0 = performance.now();
  const out = await run();
  process.stdout.write(`${label.padEnd(44)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms\n`);
  return out;
}
process.stdout.write(`customers: ${n}\n`);
await time("baseline: bare open-invoice sums", () =>
  queryRows(
    handle.db,
    sql`select i.customer_id, sum(i.amount_minor - coalesce((select sum(pa.amount_minor) from payment_allocations pa where pa.invoice_id = i.id), 0))
      from invoices i where i.status = 'open' group by i.customer_id order by 2 desc limit 50`,
  ),
);
const list = (params: { sort?: string; cursor?: string | undefined }, standing = {}) =>
  listCustomersWithStanding({ handle, params: { ...params, limit: 50 }, standing, baseCurrency: "CNY" });
await time("page, sort=code (standing of the page)", () => list({}));
await time("page, grade=high", () => list({}, { grades: ["high"] }));
await time("page, sort=-score", () => list({ sort: "-score" }));
const first = await time("page, sort=-overdue", () => list({ sort: "-overdue" }));
await time("next page, sort=-overdue", () =>
  list({ sort: "-overdue", cursor: first.nextCursor ?? undefined }),
);
await time("page, sort=-utilisation, utilisation ≥ 80 %", () =>
  list({ sort: "-utilisation" }, { utilisationMinPercent: 80 }),
);
await handle.close();
