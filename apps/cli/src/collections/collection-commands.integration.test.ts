import { customers, invoices, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("collections");
const { run } = cli;

describe("creditdesk collections action", () => {
  it("logs a call with its outcome and a legal handover, and refuses a handover to no one", async () => {
    // On PGlite the CLI opens its own data folder: create the customer through it there.
    const db = cli.t.url ? cli.t.db : undefined;
    if (db) {
      const [c] = await db
        .insert(customers)
        .values({ code: "COL-1", legalName: "催收测试有限公司" })
        .returning();
      await db.insert(invoices).values({
        invoiceNumber: "COL-INV-1",
        customerId: c!.id,
        issuedOn: "2025-01-01",
        dueOn: "2025-01-31",
        currency: "CNY",
        amountMinor: 100_000,
      });
    } else {
      expect(
        run(["demo", "--customers", "3", "--years", "1", "--seed", "1", "--as-of", "2025-06-30"]).code,
      ).toBe(0);
    }
    const code = db ? "COL-1" : "DEMO-0001";
    const call = run([
      "collections",
      "action",
      code,
      "--kind",
      "call",
      "--outcome",
      "no_answer",
      "--contact",
      "王会计",
      "--callback",
      "2025-07-03",
      "--as",
      "tester",
      "--json",
    ]);
    expect(call.stderr).toBe("");
    expect(call.code).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({
      kind: "call",
      outcome: "no_answer",
      performedBy: "tester",
    });

    const refused = run(["collections", "action", code, "--kind", "legal", "--as", "tester"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/handedOverTo|invoiceNumbers/);

    if (db) {
      const legal = run([
        "collections",
        "action",
        code,
        "--kind",
        "legal",
        "--to",
        "金杜律师事务所",
        "--reference",
        "L-1",
        "--invoices",
        "COL-INV-1",
        "--as",
        "tester",
      ]);
      expect(legal.code).toBe(0);
      const rows = await queryRows<{ kind: string; outcome: string }>(
        db,
        sql`select kind, outcome from collection_actions order by id`,
      );
      expect(rows).toEqual([
        { kind: "call", outcome: "no_answer" },
        { kind: "legal", outcome: "handed_over" },
      ]);
    }
  });
});
