import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { customerIdentifiers, customers, importRuns, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "./import-file.ts";

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "cd-import-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const CUSTOMERS = `客户编码,客户名称,统一社会信用代码,行业,地区,成立日期,注册资本
C001,深圳甲科技有限公司,9144030071526726XG,制造业,广东,2001/5/8,"10,000,000.00"
C002,杭州乙贸易有限公司,91330100799655058B,批发业,浙江,2010年3月15日,5000000
C003,北京丙集团,91110000802100433B,服务业,北京,1999-12-31,
`;

describe("customer import", () => {
  it("maps Chinese headers, validates the USCC and writes customers with identifiers", async () => {
    const s = await importFile({
      handle: t,
      entity: "customers",
      file: file("customers.csv", `\uFEFF${CUSTOMERS}`),
    });
    expect(s).toMatchObject({
      status: "committed",
      rowsRead: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const rows = await t.db.select().from(customers).orderBy(asc(customers.code));
    expect(
      rows.map((r) => [r.code, r.foundedOn, r.registeredCapitalMinor, r.registeredCapitalCurrency]),
    ).toEqual([
      ["C001", "2001-05-08", 1_000_000_000, "CNY"],
      ["C002", "2010-03-15", 500_000_000, "CNY"],
      ["C003", "1999-12-31", null, "CNY"],
    ]);
    const ids = await t.db.select().from(customerIdentifiers).where(eq(customerIdentifiers.type, "uscc"));
    expect(ids.map((i) => i.value).sort()).toEqual([
      "91110000802100433B",
      "91330100799655058B",
      "9144030071526726XG",
    ]);
  });

  it("re-importing the same file changes nothing", async () => {
    const s = await importFile({ handle: t, entity: "customers", file: join(dir, "customers.csv") });
    expect(s).toMatchObject({ status: "committed", inserted: 0, updated: 0, unchanged: 3 });
    expect(s.details).toEqual({ uscc_inserted: 0, uscc_updated: 0 });
  });

  it("counts a changed row as updated", async () => {
    const s = await importFile({
      handle: t,
      entity: "customers",
      file: file("customers-changed.csv", CUSTOMERS.replace("服务业", "金融业")),
    });
    expect(s).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const [c] = await t.db.select().from(customers).where(eq(customers.code, "C003"));
    expect(c?.industry).toBe("金融业");
  });

  it("strict: an invalid USCC rejects the whole file, names row, column and reason, and writes nothing", async () => {
    const before = await t.db.$count(customers);
    const s = await importFile({
      handle: t,
      entity: "customers",
      file: file(
        "bad-uscc.csv",
        "客户编码,客户名称,统一社会信用代码\nC010,新公司,91110000802100433B\nC011,另一家,91330100799655058C\n",
      ),
    });
    expect(s.status).toBe("rejected");
    expect(s.problems).toEqual([
      // C010 claims the USCC that C003 already holds: found set-wise in SQL.
      expect.objectContaining({
        row: 2,
        field: "uscc",
        reason: expect.stringContaining("already belongs to customer C003"),
      }),
      expect.objectContaining({
        row: 3,
        column: "统一社会信用代码",
        field: "uscc",
        value: "91330100799655058C",
      }),
    ]);
    expect(s.problems.find((p) => p.row === 3)?.reason).toContain("GB 32100-2015 gives 'B'");
    expect(await t.db.$count(customers)).toBe(before);
    const runs = await t.db.select().from(importRuns).where(eq(importRuns.fileName, "bad-uscc.csv"));
    expect(runs).toEqual([
      expect.objectContaining({ status: "rejected", mode: "strict", inserted: 0, rejected: 2 }),
    ]);
  });
});

const INVOICES = `发票号,客户编码,开票日期,到期日,金额,币种
INV-1,C001,2025-01-31,2025-03-02,"1,234.56",CNY
INV-2,C002,2025/2/1,2025/3/3,800,USD
INV-3,C999,2025-02-05,2025-03-07,100,CNY
INV-4,C001,2025-02-30,2025-03-30,50,CNY
INV-5,C003,2025-02-07,2025-03-09,75.5,CNY
`;

describe("invoice import", () => {
  it("strict: reports every bad row (bad date, unknown customer) and writes nothing", async () => {
    const s = await importFile({ handle: t, entity: "invoices", file: file("invoices.csv", INVOICES) });
    expect(s.status).toBe("rejected");
    expect(s.problems.map((p) => [p.row, p.column, p.field])).toEqual([
      [4, "客户编码", "customer_code"],
      [5, "开票日期", "issued_on"],
    ]);
    expect(s.problems[0]?.reason).toContain("customer code C999 is not in the customer archive");
    expect(await t.db.$count(invoices)).toBe(0);
  });

  it("lenient: commits the good rows and writes the rejects file with the original columns and a reason", async () => {
    const rejects = join(dir, "inv-rejects.csv");
    const s = await importFile({
      handle: t,
      entity: "invoices",
      file: join(dir, "invoices.csv"),
      mode: "lenient",
      rejectsFile: rejects,
    });
    expect(s).toMatchObject({
      status: "committed",
      rowsRead: 5,
      inserted: 3,
      rejected: 2,
      rejectsFile: rejects,
    });
    const rows = await t.db.select().from(invoices).orderBy(asc(invoices.invoiceNumber));
    expect(rows.map((r) => [r.invoiceNumber, r.issuedOn, r.dueOn, r.amountMinor, r.currency])).toEqual([
      ["INV-1", "2025-01-31", "2025-03-02", 123456, "CNY"],
      ["INV-2", "2025-02-01", "2025-03-03", 80000, "USD"],
      ["INV-5", "2025-02-07", "2025-03-09", 7550, "CNY"],
    ]);
    const text = readFileSync(rejects, "utf8").replace(/^\uFEFF/, "");
    expect(text.trim().split("\n")).toEqual([
      "发票号,客户编码,开票日期,到期日,金额,币种,reject_reason",
      "INV-3,C999,2025-02-05,2025-03-07,100,CNY,客户编码: customer code C999 is not in the customer archive (import customers first)",
      "INV-4,C001,2025-02-30,2025-03-30,50,CNY,开票日期: is not a calendar date",
    ]);
  });

  it("lenient re-import: the good rows are unchanged, the bad ones rejected again", async () => {
    const s = await importFile({
      handle: t,
      entity: "invoices",
      file: join(dir, "invoices.csv"),
      mode: "lenient",
    });
    expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 2 });
  });

  it("reports ambiguous day/month dates and asks for --date-format", async () => {
    const f = file(
      "ambiguous.csv",
      "invoice_number,customer_code,issued_on,due_on,amount\nA1,C001,03/04/2025,05/06/2025,1\n",
    );
    const s = await importFile({ handle: t, entity: "invoices", file: f });
    expect(s.status).toBe("rejected");
    expect(s.problems[0]?.reason).toContain("--date-format");
    expect(s.problems[0]?.column).toBe("issued_on");
    const ok = await importFile({ handle: t, entity: "invoices", file: f, dateFormat: "DD/MM/YYYY" });
    expect(ok).toMatchObject({ status: "committed", inserted: 1 });
    const [a] = await t.db.select().from(invoices).where(eq(invoices.invoiceNumber, "A1"));
    expect([a?.issuedOn, a?.dueOn]).toEqual(["2025-04-03", "2025-06-05"]);
  });

  it("detects DD.MM.YYYY from a value with a day above 12", async () => {
    const f = file(
      "dmy.csv",
      "invoice_number,customer_code,issued_on,due_on,amount\nD1,C001,03.04.2025,25.04.2025,1\n",
    );
    const s = await importFile({ handle: t, entity: "invoices", file: f });
    expect(s).toMatchObject({ status: "committed", inserted: 1 });
    const [d] = await t.db.select().from(invoices).where(eq(invoices.invoiceNumber, "D1"));
    expect(d?.issuedOn).toBe("2025-04-03");
  });

  it("refuses unknown columns in strict mode and ignores them in lenient mode", async () => {
    const f = file(
      "extra.csv",
      "invoice_number,customer_code,issued_on,due_on,amount,备注\nE1,C001,2025-01-01,2025-01-31,1,hi\n",
    );
    const strict = await importFile({ handle: t, entity: "invoices", file: f });
    expect(strict.status).toBe("rejected");
    expect(strict.problems[0]?.reason).toContain("column '备注' is not a field of invoices");
    const lenient = await importFile({ handle: t, entity: "invoices", file: f, mode: "lenient" });
    expect(lenient).toMatchObject({ status: "committed", inserted: 1, ignoredColumns: ["备注"] });
  });

  it("names the missing required field and the headers seen", async () => {
    const f = file("missing.csv", "发票号,客户编码,金额\nX,C001,1\n");
    const s = await importFile({ handle: t, entity: "invoices", file: f, mode: "lenient" });
    expect(s.status).toBe("rejected");
    expect(s.problems.map((p) => p.field)).toEqual(["issued_on", "due_on"]);
    expect(s.problems[0]?.reason).toContain("headers seen: 发票号, 客户编码, 金额");
  });

  it("reads a GB18030 (GBK) encoded file from a Chinese ERP", async () => {
    const text = "发票号,客户编码,开票日期,到期日,金额\nG1,C002,2025-01-01,2025-02-01,9.99\n";
    const gbk = Buffer.from(new TextEncoder().encode(text).length > 0 ? encodeGb18030(text) : []);
    const f = join(dir, "gbk.csv");
    writeFileSync(f, gbk);
    const s = await importFile({ handle: t, entity: "invoices", file: f });
    expect(s).toMatchObject({ status: "committed", inserted: 1 });
  });

  it("applies a mapping file: custom headers, ignored columns, date format and currency", async () => {
    const m = file(
      "map.json",
      JSON.stringify({
        columns: {
          Rechnung: "invoice_number",
          Kundennr: "customer_code",
          Datum: "issued_on",
          Fällig: "due_on",
          Betrag: "amount",
          Notiz: null,
        },
        dateFormat: "DD.MM.YYYY",
        currency: "EUR",
      }),
    );
    const f = file(
      "de.csv",
      "Rechnung;Kundennr;Datum;Fällig;Betrag;Notiz\nR1;C001;01.02.2025;03.02.2025;12.5;x\n",
    );
    const s = await importFile({ handle: t, entity: "invoices", file: f, mappingFile: m });
    expect(s).toMatchObject({ status: "committed", inserted: 1 });
    const [r] = await t.db.select().from(invoices).where(eq(invoices.invoiceNumber, "R1"));
    expect([r?.issuedOn, r?.dueOn, r?.currency, r?.amountMinor]).toEqual([
      "2025-02-01",
      "2025-02-03",
      "EUR",
      1250,
    ]);
  });

  it("bulk merge: foreign keys are checked once, come back unchanged, and still hold afterwards", async () => {
    const keys = sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'invoices'::regclass and contype = 'f' order by conname`;
    const before = ((await t.db.execute(keys)) as unknown as { rows: unknown[] }).rows;
    expect(before.length).toBeGreaterThan(0);
    const lines = Array.from(
      { length: 30 },
      (_, k) => `B-${k},C00${(k % 3) + 1},2025-04-01,2025-05-01,${k + 1},CNY`,
    );
    const f = file(
      "bulk.csv",
      `invoice_number,customer_code,issued_on,due_on,amount,currency\n${lines.join("\n")}\n`,
    );
    // bulkRows 1: the bulk path (drop, merge, re-add validated) for a 30-row file.
    const s = await importFile({ handle: t, entity: "invoices", file: f, bulkRows: 1 });
    expect(s).toMatchObject({ status: "committed", inserted: 30, updated: 0 });
    const again = await importFile({ handle: t, entity: "invoices", file: f, bulkRows: 1 });
    expect(again).toMatchObject({ status: "committed", inserted: 0, updated: 0, unchanged: 30 });
    expect(((await t.db.execute(keys)) as unknown as { rows: unknown[] }).rows).toEqual(before);
    // The key is enforced again: an invoice of a customer that does not exist is refused.
    await expect(
      t.db.execute(sql`insert into invoices (invoice_number, customer_id, issued_on, due_on, currency, amount_minor)
        values ('B-orphan', -1, '2025-04-01', '2025-05-01', 'CNY', 1)`),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23503" }) }); // foreign_key_violation
    // A strict rejection on the bulk path writes nothing and leaves the keys in place.
    const bad = file(
      "bulk-bad.csv",
      `invoice_number,customer_code,issued_on,due_on,amount,currency\nB-x,C999,2025-04-01,2025-05-01,1,CNY\n`,
    );
    const count = await t.db.$count(invoices);
    const rejected = await importFile({ handle: t, entity: "invoices", file: bad, bulkRows: 1 });
    expect(rejected.status).toBe("rejected");
    expect(await t.db.$count(invoices)).toBe(count);
    expect(((await t.db.execute(keys)) as unknown as { rows: unknown[] }).rows).toEqual(before);
  });

  it("bulk merge with indexes rebuilt: same rows and counts as the upsert, indexes back and enforced", async () => {
    const indexes = sql`select indexname, indexdef, indexname::regclass::oid::int as oid from pg_indexes
      where tablename = 'invoices' order by indexname`;
    const list = async () =>
      (
        (await t.db.execute(indexes)) as unknown as {
          rows: { indexname: string; indexdef: string; oid: number }[];
        }
      ).rows;
    const before = await list();
    const stored = await t.db.$count(invoices);
    // More rows than the table holds (the bulk path's condition): the 30 B- invoices again, B-0
    // with a new amount, and new ones.
    const header = "invoice_number,customer_code,issued_on,due_on,amount,currency";
    const lines = [
      ...Array.from(
        { length: 30 },
        (_, k) => `B-${k},C00${(k % 3) + 1},2025-04-01,2025-05-01,${k === 0 ? 99 : k + 1},CNY`,
      ),
      ...Array.from(
        { length: stored + 10 },
        (_, k) => `R-${k},C00${(k % 3) + 1},2025-06-0${(k % 9) + 1},2025-07-01,${k + 1}.5,CNY`,
      ),
    ];
    const f = file("bulk-index.csv", `${header}\n${lines.join("\n")}\n`);
    const s = await importFile({ handle: t, entity: "invoices", file: f, bulkIndexRows: 1 });
    expect(s).toMatchObject({ status: "committed", inserted: stored + 10, updated: 1, unchanged: 29 });
    const after = await list();
    // Same definitions; new index objects (so the indexes were really dropped and rebuilt).
    expect(after.map((x) => [x.indexname, x.indexdef])).toEqual(before.map((x) => [x.indexname, x.indexdef]));
    const rebuilt = after.filter((x) => before.find((b) => b.indexname === x.indexname)?.oid !== x.oid);
    expect(rebuilt.map((x) => x.indexname).sort()).toEqual([
      "invoices_customer_due_idx",
      "invoices_number_uq",
    ]);
    const rows = await t.db
      .select({
        n: invoices.invoiceNumber,
        amount: invoices.amountMinor,
        code: customers.code,
        issued: invoices.issuedOn,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(sql`${invoices.invoiceNumber} in ('B-0', 'B-1', 'R-0', 'R-4')`)
      .orderBy(asc(invoices.invoiceNumber));
    expect(rows).toEqual([
      { n: "B-0", amount: 9900, code: "C001", issued: "2025-04-01" },
      { n: "B-1", amount: 200, code: "C002", issued: "2025-04-01" },
      { n: "R-0", amount: 150, code: "C001", issued: "2025-06-01" },
      { n: "R-4", amount: 550, code: "C002", issued: "2025-06-05" },
    ]);
    // The upsert path (default thresholds: far below 50,000 rows) sees exactly what the bulk path wrote.
    const again = await importFile({ handle: t, entity: "invoices", file: f });
    expect(again).toMatchObject({ status: "committed", inserted: 0, updated: 0, unchanged: lines.length });
    // The rebuilt unique index is enforced.
    await expect(
      t.db.execute(sql`insert into invoices (invoice_number, customer_id, issued_on, due_on, currency, amount_minor)
        select 'R-0', customer_id, issued_on, due_on, currency, amount_minor from invoices where invoice_number = 'R-0'`),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23505" }) }); // unique_violation
  });

  it("bulk merge with indexes rebuilt: a strict rejection leaves indexes and data as they were", async () => {
    const indexes = sql`select indexname, indexdef, indexname::regclass::oid::int as oid from pg_indexes
      where tablename = 'invoices' order by indexname`;
    const before = ((await t.db.execute(indexes)) as unknown as { rows: unknown[] }).rows;
    const count = await t.db.$count(invoices);
    const sum = sql`select sum(amount_minor)::text as s from invoices`;
    const sumBefore = ((await t.db.execute(sum)) as unknown as { rows: unknown[] }).rows;
    const header = "invoice_number,customer_code,issued_on,due_on,amount,currency";
    const lines = Array.from(
      { length: count + 5 },
      (_, k) => `S-${k},${k === 3 ? "C999" : "C001"},2025-08-01,2025-09-01,${k + 1},CNY`,
    );
    // One bad row (unknown customer) among more rows than the table holds; B-0 changed as well.
    lines.push("B-0,C001,2025-04-01,2025-05-01,1,CNY");
    const f = file("bulk-index-bad.csv", `${header}\n${lines.join("\n")}\n`);
    const s = await importFile({ handle: t, entity: "invoices", file: f, bulkIndexRows: 1, bulkRows: 1 });
    expect(s.status).toBe("rejected");
    expect(s.problems).toEqual([expect.objectContaining({ row: 5, field: "customer_code", value: "C999" })]);
    expect(await t.db.$count(invoices)).toBe(count);
    expect(((await t.db.execute(sum)) as unknown as { rows: unknown[] }).rows).toEqual(sumBefore);
    expect(((await t.db.execute(indexes)) as unknown as { rows: unknown[] }).rows).toEqual(before);
  });
});

/** GB18030 encoding of the few Chinese characters used above (Node has a decoder but no encoder). */
function encodeGb18030(text: string): Buffer {
  const table: Record<string, number[]> = {
    发: [0xb7, 0xa2],
    票: [0xc6, 0xb1],
    号: [0xba, 0xc5],
    客: [0xbf, 0xcd],
    户: [0xbb, 0xa7],
    编: [0xb1, 0xe0],
    码: [0xc2, 0xeb],
    开: [0xbf, 0xaa],
    日: [0xc8, 0xd5],
    期: [0xc6, 0xda],
    到: [0xb5, 0xbd],
    金: [0xbd, 0xf0],
    额: [0xb6, 0xee],
  };
  const bytes: number[] = [];
  for (const ch of text) {
    const b = table[ch];
    if (b) {
      bytes.push(...b);
    } else {
      bytes.push(ch.charCodeAt(0));
    }
  }
  expect(new TextDecoder("gb18030").decode(Buffer.from(bytes))).toBe(text);
  return Buffer.from(bytes);
}
