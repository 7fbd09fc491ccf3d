import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { customers, invoices, queryRows } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = resolve(import.meta.dirname, "../../bin/creditdesk.js");
const dir = mkdtempSync(join(tmpdir(), "creditdesk-collections-"));
let t: TestDatabase;

/** Runs the CLI against this file's database (PostgreSQL) or a PGlite folder of its own. */
function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CREDITDESK_DATA_DIR: join(dir, "data") };
  if (t.url) {
    env.DATABASE_URL = t.url;
  } else {
    delete env.DATABASE_URL;
  }
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("creditdesk collections action", () => {
  it("logs a call with its outcome and a legal handover, and refuses a handover to no one", async () => {
    // On PGlite the CLI opens its own data folder: create the customer through it there.
    const db = t.url ? t.db : undefined;
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
