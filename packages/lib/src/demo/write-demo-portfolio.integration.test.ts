import { customers, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetPortfolio } from "./reset-portfolio.ts";
import { seedDemoIfEmpty } from "./seed-demo-if-empty.ts";
import { writeDemoPortfolio } from "./write-demo-portfolio.ts";

const OPTIONS = { seed: 42, customers: 50, years: 2, asOf: "2025-06-30" };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await t.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number | string }>(query);
  return Number(row?.n ?? -1);
}

describe("writeDemoPortfolio / seedDemoIfEmpty", () => {
  it("seeds an empty database once, then does nothing", async () => {
    const first = await seedDemoIfEmpty(t, OPTIONS);
    expect(first.seeded).toBe(true);
    expect(first.customers).toBe(50);
    expect(first.invoices).toBeGreaterThan(50 * 24 * 0.8);
    expect(await count(sql`select count(*) as n from ${customers}`)).toBe(50);
    expect(await count(sql`select count(*) as n from ${invoices}`)).toBe(first.invoices);
    expect(first.fxRates).toBeGreaterThan(4 * 400);

    const second = await seedDemoIfEmpty(t, OPTIONS);
    expect(second.seeded).toBe(false);
    expect(second.invoices).toBe(0);
    expect(await count(sql`select count(*) as n from ${customers}`)).toBe(50);
  });

  it("writes a consistent ledger: allocations within invoices, payments equal allocations, no overpayment", async () => {
    expect(
      await count(sql`select count(*) as n from payment_allocations a join invoices i on i.id = a.invoice_id
        where a.amount_minor > i.amount_minor`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from payments p
        where p.amount_minor <> (select coalesce(sum(a.amount_minor), 0) from payment_allocations a where a.payment_id = p.id)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from invoices i
        where i.amount_minor < (select coalesce(sum(a.amount_minor), 0) from payment_allocations a where a.invoice_id = i.id)
          + (select coalesce(sum(c.amount_minor), 0) from credit_notes c where c.invoice_id = i.id)`),
    ).toBe(0);
    // Every allocation's payment and invoice belong to the same customer.
    expect(
      await count(sql`select count(*) as n from payment_allocations a join payments p on p.id = a.payment_id
        join invoices i on i.id = a.invoice_id where p.customer_id <> i.customer_id`),
    ).toBe(0);
    // Paid invoices are exactly the fully settled ones.
    expect(
      await count(sql`select count(*) as n from invoices i
        where (i.status = 'paid') <> (i.amount_minor = (select coalesce(sum(a.amount_minor), 0) from payment_allocations a where a.invoice_id = i.id)
          + (select coalesce(sum(c.amount_minor), 0) from credit_notes c where c.invoice_id = i.id))`),
    ).toBe(0);
    // Orders referenced by invoices exist and belong to the same customer.
    expect(
      await count(sql`select count(*) as n from invoices i left join sales_orders o on o.order_number = i.order_number
        where o.id is null or o.customer_id <> i.customer_id`),
    ).toBe(0);
    // Parent codes point at customers.
    expect(
      await count(sql`select count(*) as n from customers c where c.parent_code is not null
        and not exists (select 1 from customers p where p.code = c.parent_code)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from customer_defaults where source = 'demo'`),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await count(sql`select count(*) as n from customer_identifiers where type = 'uscc'`),
    ).toBeGreaterThan(40);
  });

  it("adds insurance, factoring and collections records on the seeded portfolio", async () => {
    // Seeded by the first test (seedDemoIfEmpty): policies with insured limits and every kind of
    // insurer decision, a notification, factoring with and without recourse, actions, promises.
    expect(await count(sql`select count(*) as n from insurance_policies`)).toBeGreaterThanOrEqual(1);
    const decisions = await rows<{ decision: string; n: number | string }>(
      sql`select decision, count(*) as n from insured_limits group by 1 order by 1`,
    );
    expect(decisions.map((d) => d.decision)).toEqual(expect.arrayContaining(["full", "partial", "pending"]));
    expect(await count(sql`select count(*) as n from insurance_notifications`)).toBeGreaterThanOrEqual(1);
    const factored = await rows<{ with_recourse: boolean; mode: string }>(
      sql`select distinct with_recourse, mode from factored_receivables order by 1, 2`,
    );
    expect(factored).toEqual(
      expect.arrayContaining([
        { with_recourse: false, mode: "sold" },
        { with_recourse: true, mode: "sold" },
      ]),
    );
    // Only invoices open when assigned (current ones) are factored.
    expect(
      await count(sql`select count(*) as n from factored_receivables f join invoices i on i.id = f.invoice_id
        where i.status <> 'open'`),
    ).toBe(0);
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from collection_actions order by 1`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["call", "legal", "note"]));
    const promises = await rows<{ status: string }>(sql`select status from payment_promises order by id`);
    expect(promises.map((p) => p.status)).toEqual(["kept", "broken", "open"]);
    // Every demo record is audited like one made through the API.
    expect(
      await count(sql`select count(*) as n from audit_log where actor = 'system:demo-seed'`),
    ).toBeGreaterThan(10);
  });

  it("moves the id sequences so that a later plain insert works", async () => {
    const [inserted] = await t.db
      .insert(customers)
      .values({ code: "MANUAL-1", legalName: "手工录入有限公司" })
      .returning({ id: customers.id });
    expect(inserted?.id).toBe(51);
    const [invoice] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: "MANUAL-INV-1",
        customerId: inserted?.id ?? 0,
        issuedOn: "2025-06-30",
        dueOn: "2025-07-30",
        currency: "CNY",
        amountMinor: 100,
      })
      .returning({ id: invoices.id });
    const maxBefore = await count(
      sql`select max(id) as n from invoices where invoice_number <> 'MANUAL-INV-1'`,
    );
    expect(invoice?.id).toBe(maxBefore + 1);
    await t.db.execute(sql`insert into payments (reference, customer_id, received_on, currency, amount_minor)
      values ('MANUAL-PAY-1', ${inserted?.id ?? 0}, '2025-06-30', 'CNY', 100)`);
  });

  it("writes byte-identical data for the same options after a reset", async () => {
    const fingerprint = async () =>
      rows<{ h: string }>(
        sql`select md5(string_agg(invoice_number || amount_minor || status || due_on, ',' order by id)) as h from invoices`,
      );
    await resetPortfolio(t);
    expect(await count(sql`select count(*) as n from ${customers}`)).toBe(0);
    const a = await writeDemoPortfolio({ handle: t, options: OPTIONS, batchRows: 500 });
    const first = await fingerprint();
    await resetPortfolio(t);
    const b = await writeDemoPortfolio({ handle: t, options: OPTIONS });
    expect(b.counts).toEqual({ ...a.counts, fxRates: 0 }); // fx rates already there are kept
    expect(await fingerprint()).toEqual(first);
  });
});
