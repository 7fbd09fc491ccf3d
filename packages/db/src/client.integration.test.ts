import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices } from "./schema.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("database client", () => {
  it("starts each test file on an empty migrated database", async () => {
    const rows = await t.db.select().from(customers);
    expect(rows).toEqual([]);
  });

  it("returns bigint money as exact numbers and dates as ISO strings", async () => {
    const [c] = await t.db
      .insert(customers)
      .values({
        code: "C-1",
        legalName: "甲公司",
        foundedOn: "2010-05-06",
        registeredCapitalMinor: 9_007_199_254_740_991,
      })
      .returning();
    expect(c?.registeredCapitalMinor).toBe(9_007_199_254_740_991);
    expect(c?.foundedOn).toBe("2010-05-06");
  });

  it("rolls back everything a failed transaction wrote, including COPY", async () => {
    await expect(
      t.transaction(async (tx) => {
        await tx.copyFrom(sql`${customers} (code, legal_name)`, ["C-2,乙公司\n", 'C-3,"丙, Ltd"\n']);
        const n = await tx.db.$count(customers);
        expect(n).toBe(3);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await t.db.$count(customers)).toBe(1);
  });

  it("enforces ledger constraints in the database itself", async () => {
    const [c] = await t.db.select().from(customers);
    await expect(
      t.db.insert(invoices).values({
        invoiceNumber: "INV-1",
        customerId: c!.id,
        issuedOn: "2025-02-01",
        dueOn: "2025-01-01",
        currency: "CNY",
        amountMinor: 100,
      }),
    ).rejects.toThrow();
  });
});
