import { creditAccounts, creditLimits, customers, invoices, queryRows, salesOrders } from "@creditdesk/db";
import { loadMigrationRecords } from "@creditdesk/db/portfolio";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeArSnapshotMonths } from "./close-ar-snapshot-months.ts";
import { getPortfolioView } from "./get-portfolio-view.ts";

let t: TestDatabase;
const ids: Record<string, number> = {};
const BASE = "CNY";
const TODAY = new Date().toISOString().slice(0, 10);

/** Moves the history rows of a customer or order, oldest first, to the given (past) instants. */
async function backdate(
  table: "portfolio_customer_states" | "portfolio_order_states",
  key: number,
  at: string[],
) {
  const column = table === "portfolio_customer_states" ? sql`customer_id` : sql`order_id`;
  const rows = await queryRows<{ id: string | number }>(
    t.db,
    sql`select id from ${sql.raw(table)} where ${column} = ${key} order by recorded_at, id`,
  );
  for (const [k, instant] of at.entries()) {
    await t.db.execute(
      sql`update ${sql.raw(table)} set recorded_at = cast(${instant} as timestamptz) where id = ${Number(rows[k]!.id)}`,
    );
  }
}

function view(asOf: string, groupBy: "tier" | "salesOwner" | "industry" | "customer" | "segment" | "region") {
  return getPortfolioView({ handle: t, asOf, baseCurrency: BASE, groupBy, months: 3 });
}

const keyed = <T extends { key: string }>(groups: readonly T[]) =>
  Object.fromEntries(groups.map((g) => [g.key, g]));

// Two customers whose attributes and orders changed over time (CNY only):
// X: general tier, owner li, industry M until 2025-04-15; core tier, owner wang from then; industry
//   C since today. Invoice X1 100,000 open. Order OX 50,000: open until 2025-04-20, delivered from
//   then, invoiced today. Limits: segment domestic (100,000) until 2025-04-30, export (300,000) since.
// Y: core, owner wang, industry C, region West; closed today. Invoice Y1 200,000 open. Order OY
//   30,000 delivered not invoiced, cancelled today.
beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(customers)
    .values([
      { code: "X", legalName: "甲", tier: "general", salesOwner: "li", industry: "M", region: "East" },
      { code: "Y", legalName: "乙", tier: "core", salesOwner: "wang", industry: "C", region: "West" },
    ])
    .returning();
  for (const r of rows) {
    ids[r.code] = r.id;
  }
  await t.db.insert(invoices).values([
    {
      invoiceNumber: "X1",
      customerId: ids.X!,
      issuedOn: "2025-03-01",
      dueOn: "2025-04-30",
      currency: "CNY",
      amountMinor: 100_000,
    },
    {
      invoiceNumber: "Y1",
      customerId: ids.Y!,
      issuedOn: "2025-03-10",
      dueOn: "2025-05-10",
      currency: "CNY",
      amountMinor: 200_000,
    },
  ]);
  const orders = await t.db
    .insert(salesOrders)
    .values([
      {
        orderNumber: "OX",
        customerId: ids.X!,
        orderedOn: "2025-02-01",
        currency: "CNY",
        orderedMinor: 50_000,
      },
      {
        orderNumber: "OY",
        customerId: ids.Y!,
        orderedOn: "2025-02-15",
        currency: "CNY",
        orderedMinor: 30_000,
        deliveredMinor: 30_000,
        status: "delivered",
      },
    ])
    .returning();
  ids.OX = orders.find((o) => o.orderNumber === "OX")!.id;
  ids.OY = orders.find((o) => o.orderNumber === "OY")!.id;
  const accounts = await t.db
    .insert(creditAccounts)
    .values([
      { customerId: ids.X!, segment: "domestic" },
      { customerId: ids.X!, segment: "export" },
    ])
    .returning();
  await t.db.insert(creditLimits).values([
    {
      accountId: accounts[0]!.id,
      customerId: ids.X!,
      segment: "domestic",
      currency: "CNY",
      amountMinor: 100_000,
      validFrom: "2025-01-01",
      createdBy: "test",
      createdAt: new Date("2025-01-01T00:00:00Z"),
      supersededAt: new Date("2025-04-30T12:00:00Z"),
    },
    {
      accountId: accounts[1]!.id,
      customerId: ids.X!,
      segment: "export",
      currency: "CNY",
      amountMinor: 300_000,
      validFrom: "2025-04-30",
      createdBy: "test",
      createdAt: new Date("2025-04-30T12:00:00Z"),
    },
  ]);

  // X's tier and owner change (recorded: the state left and the new one), moved to their dates.
  await t.db.update(customers).set({ tier: "core", salesOwner: "wang" }).where(eq(customers.id, ids.X!));
  await backdate("portfolio_customer_states", ids.X!, ["2025-01-01T08:00:00Z", "2025-04-15T08:00:00Z"]);
  // A change that is not part of the history (the name) records nothing.
  await t.db.update(customers).set({ legalName: "甲公司" }).where(eq(customers.id, ids.X!));
  await t.db.update(customers).set({ industry: "C" }).where(eq(customers.id, ids.X!));
  await t.db.update(customers).set({ status: "closed" }).where(eq(customers.id, ids.Y!));
  // OX delivered on 2025-04-20, invoiced today; OY cancelled today.
  await t.db
    .update(salesOrders)
    .set({ deliveredMinor: 50_000, status: "delivered" })
    .where(eq(salesOrders.id, ids.OX!));
  await backdate("portfolio_order_states", ids.OX!, ["2025-02-01T08:00:00Z", "2025-04-20T08:00:00Z"]);
  await t.db
    .update(salesOrders)
    .set({ invoicedMinor: 50_000, status: "invoiced" })
    .where(eq(salesOrders.id, ids.OX!));
  await t.db.update(salesOrders).set({ status: "cancelled" }).where(eq(salesOrders.id, ids.OY!));
});

afterAll(async () => {
  await t?.close();
});

describe("portfolio view as of a past date", () => {
  it("records the state a customer leaves and each new one, not changes outside the history", async () => {
    const rows = await queryRows(
      t.db,
      sql`select tier, sales_owner, industry, status, attributes from portfolio_customer_states
        where customer_id = ${ids.X!} order by recorded_at, id`,
    );
    expect(rows).toEqual([
      { tier: "general", sales_owner: "li", industry: "M", status: "active", attributes: true },
      { tier: "core", sales_owner: "wang", industry: "M", status: "active", attributes: true },
      { tier: "core", sales_owner: "wang", industry: "C", status: "active", attributes: true },
    ]);
  });

  it("groups customers by the tier, sales owner and industry they had then", async () => {
    const march = keyed((await view("2025-03-31", "tier")).groups);
    expect(Object.keys(march).sort()).toEqual(["core", "general"]);
    // X (general then): 100,000 open + 50,000 undelivered; Y (core): 200,000 + 30,000 delivered.
    expect(march.general!.exposureMinor).toBe(150_000);
    expect(march.core!.exposureMinor).toBe(230_000);
    const may = keyed((await view("2025-05-31", "tier")).groups);
    expect(Object.keys(may)).toEqual(["core"]);
    expect(may.core!.customers).toBe(2);

    const owners = keyed((await view("2025-03-31", "salesOwner")).groups);
    expect(owners.li!.customers).toBe(1);
    expect(owners.wang!.customers).toBe(1);
    expect(Object.keys(keyed((await view("2025-05-31", "salesOwner")).groups))).toEqual(["wang"]);

    // Industry changed today: every past date still sees M for X.
    expect(keyed((await view("2025-05-31", "industry")).groups).M!.customers).toBe(1);
    const today = keyed((await view(TODAY, "industry")).groups);
    expect(today.M).toBeUndefined();
    // Y was closed today but still has receivables open: it stays in today's view too.
    expect(today.C!.customers).toBe(2);
  });

  it("counts orders in the state they were in: undelivered, then delivered not invoiced, then invoiced", async () => {
    const x = async (asOf: string) => keyed((await view(asOf, "customer")).groups).X!;
    const y = async (asOf: string) => keyed((await view(asOf, "customer")).groups).Y!;
    expect(await x("2025-03-31")).toMatchObject({
      undeliveredOrdersMinor: 50_000,
      deliveredNotInvoicedMinor: 0,
    });
    expect(await x("2025-05-31")).toMatchObject({
      undeliveredOrdersMinor: 0,
      deliveredNotInvoicedMinor: 50_000,
    });
    expect(await x(TODAY)).toMatchObject({ undeliveredOrdersMinor: 0, deliveredNotInvoicedMinor: 0 });
    // Before it was ordered, the order is no exposure at all.
    expect(await x("2025-01-31")).toMatchObject({ undeliveredOrdersMinor: 0, deliveredNotInvoicedMinor: 0 });
    expect((await y("2025-05-31")).deliveredNotInvoicedMinor).toBe(30_000);
    expect((await y(TODAY)).deliveredNotInvoicedMinor).toBe(0);
  });

  it("takes the credit segment and limit in force then", async () => {
    const march = keyed((await view("2025-03-31", "segment")).groups);
    expect(march.domestic).toMatchObject({ customers: 1, limitMinor: 100_000, overLimit: 1 });
    const may = keyed((await view("2025-05-31", "segment")).groups);
    expect(may.domestic).toBeUndefined();
    expect(may.export).toMatchObject({ customers: 1, limitMinor: 300_000, overLimit: 0 });
  });

  it("splits the receivables trend by the groups of as-of, from the snapshots as from the ledger", async () => {
    await closeArSnapshotMonths({ handle: t, through: "2025-05-31", firstMonths: 6 });
    for (const asOf of ["2025-03-31", "2025-05-31"]) {
      const auto = await view(asOf, "tier");
      const direct = await getPortfolioView({
        handle: t,
        asOf,
        baseCurrency: BASE,
        groupBy: "tier",
        months: 3,
        trendSource: "direct",
      });
      expect(auto.trendSource).toBe("snapshots");
      expect(auto.groups).toEqual(direct.groups);
    }
    const march = keyed((await view("2025-03-31", "tier")).groups);
    expect(march.general!.trend!.at(-1)!.closingArMinor).toBe(100_000);
    expect(march.core!.trend!.at(-1)!.closingArMinor).toBe(200_000);
  });

  it("counts a customer as left in the migration matrix only from the day it was closed", async () => {
    const left = async (to: string) =>
      (await loadMigrationRecords(t.db, { from: "2025-03-31", to })).find(
        (r) => Number(r.customerId) === ids.Y,
      )?.left;
    expect(await left("2025-05-31")).toBe(false);
    expect(await left(TODAY)).toBe(true);
  });
});
