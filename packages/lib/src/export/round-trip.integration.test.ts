import { once } from "node:events";
import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMPORT_ENTITIES, type ImportEntity } from "@creditdesk/core/import";
import { invoices, paymentAllocations, payments } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../import/import-file.ts";
import { type ExportFormat, exportEntity } from "./export-entity.ts";

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "cd-roundtrip-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** One small file per entity, in dependency order (customers before their invoices …). */
const FIXTURES: Record<ImportEntity, string> = {
  customers: `code,legal_name,other_names,uscc,duns,lei,tier,payment_terms_days,registered_capital,registered_capital_currency
C001,甲公司,甲; 甲科技,9144030071526726XG,123456789,,core,60,1000000,CNY
C002,Beta GmbH,,,,5493001KJTIIGC8Y1R12,general,30,25000.5,EUR
`,
  contacts: `客户编码,联系人,职务,电话,邮箱,主要联系人
C001,张三,财务经理,13800000000,zs@example.com,是
C002,Anna Schmidt,CFO,,anna@example.com,no
`,
  statements: `客户编码,报告期,币种,货币资金,流动资产合计,资产总计,流动负债合计,负债合计,营业收入,净利润,是否审计
C001,2024-12-31,CNY,100.00,500.00,1000.00,300.00,600.00,2000.00,-50.25,是
`,
  orders: `订单号,客户编码,订单日期,交货日期,订单金额,币种,状态
SO-1,C001,2025-01-02,2025-01-20,5000,CNY,open
`,
  invoices: `发票号,客户编码,订单号,开票日期,到期日,金额,币种
INV-1,C001,SO-1,2025-01-05,2025-03-06,1000.00,CNY
INV-2,C001,,2025-01-06,2025-03-07,500.00,CNY
INV-3,C002,,2025-01-07,2025-02-06,200.00,EUR
`,
  payments: `回款单号,客户编码,回款日期,回款金额,币种,发票号,付款方式
P-1,C001,2025-03-01,600.00,CNY,INV-1,bank
P-1,C001,2025-03-01,400.00,CNY,INV-2,bank
P-1,C001,2025-03-01,50.00,CNY,,bank
P-2,C002,2025-02-01,200.00,EUR,INV-3,
`,
  "credit-notes": `credit_note_number,customer_code,invoice_number,issued_on,amount,currency,reason
CN-1,C001,INV-2,2025-01-10,100.00,CNY,返利
`,
  disputes: `争议编号,客户编码,发票号,发起日期,争议金额,币种,状态
D-1,C001,INV-1,2025-02-01,50,CNY,open
`,
  complaints: `投诉编号,客户编码,投诉日期,类别,严重程度
CP-1,C002,2025-02-02,quality,高
`,
  ratings: `客户编码,评级机构,评级,评级日期
C002,Example Ratings,BBB+,2024-06-30
`,
  events: `客户编码,来源,案号,事件类型,日期,涉案金额,币种
C001,court,(2025)粤03民初1号,诉讼,2025-01-15,12345.67,CNY
`,
  "fx-rates": `日期,原币,目标币种,汇率
2025-01-31,EUR,CNY,7.5312
2025-01-31,USD,CNY,7.1
`,
  defaults: `客户编码,违约日期,违约类型,备注
C002,2025-05-01,逾期90天,test
`,
};

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function exportTo(entity: ImportEntity, format: ExportFormat): Promise<string> {
  const path = join(dir, `${entity}.export.${format}`);
  const out = createWriteStream(path);
  const finished = once(out, "finish");
  await exportEntity({ handle: t, entity, format, out });
  await finished;
  return path;
}

describe("every entity", () => {
  it.each(IMPORT_ENTITIES)("imports %s", async (entity) => {
    const s = await importFile({
      handle: t,
      entity,
      file: file(`${entity}.csv`, FIXTURES[entity].replace("credit_note_number", "note_number")),
    });
    expect(s.problems).toEqual([]);
    expect(s.status).toBe("committed");
    expect(s.inserted).toBeGreaterThan(0);
  });

  it("builds one payment from several rows and allocates each row to its invoice", async () => {
    const [p1] = await t.db.select().from(payments).where(eq(payments.reference, "P-1"));
    expect(p1?.amountMinor).toBe(105_000);
    const allocations = await t.db
      .select({ invoice: invoices.invoiceNumber, amount: paymentAllocations.amountMinor })
      .from(paymentAllocations)
      .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
      .where(eq(paymentAllocations.paymentId, p1!.id))
      .orderBy(asc(invoices.invoiceNumber));
    expect(allocations).toEqual([
      { invoice: "INV-1", amount: 60_000 },
      { invoice: "INV-2", amount: 40_000 },
    ]);
  });

  it.each(IMPORT_ENTITIES.flatMap((e) => [[e, "csv"] as const, [e, "xlsx"] as const]))(
    "export %s as %s re-imports unchanged",
    async (entity, format) => {
      const path = await exportTo(entity, format);
      const s = await importFile({ handle: t, entity, file: path });
      expect(s.problems).toEqual([]);
      expect(s).toMatchObject({ status: "committed", inserted: 0, updated: 0, rejected: 0 });
      expect(s.unchanged).toBeGreaterThan(0);
    },
  );

  it("a payment row naming another invoice reallocates, and the dropped allocation goes", async () => {
    const s = await importFile({
      handle: t,
      entity: "payments",
      file: file(
        "p2.csv",
        "回款单号,客户编码,回款日期,回款金额,币种,发票号\nP-1,C001,2025-03-01,1050.00,CNY,INV-1\n",
      ),
    });
    expect(s).toMatchObject({ status: "committed", inserted: 0, updated: 0, unchanged: 1 });
    expect(s.details).toMatchObject({ allocations_updated: 1, allocations_removed: 1 });
  });
});

describe("XLSX import", () => {
  it("reads the first sheet with typed date and number cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("发票");
    ws.addRow(["发票号", "客户编码", "开票日期", "到期日", "金额", "币种"]);
    ws.addRow(["X-1", "C001", new Date(Date.UTC(2025, 0, 31)), 45717, 1234.56, "CNY"]);
    ws.addRow(["X-2", "C002", "2025/2/1", "2025/3/1", 0.1 + 0.2, "EUR"]);
    ws.getColumn(3).numFmt = "yyyy-mm-dd";
    const path = join(dir, "invoices.xlsx");
    await wb.xlsx.writeFile(path);
    const s = await importFile({ handle: t, entity: "invoices", file: path });
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ status: "committed", inserted: 2 });
    const rows = await t.db.select().from(invoices).orderBy(asc(invoices.invoiceNumber));
    const x = rows.filter((r) => r.invoiceNumber.startsWith("X-"));
    expect(x.map((r) => [r.invoiceNumber, r.issuedOn, r.dueOn, r.amountMinor])).toEqual([
      ["X-1", "2025-01-31", "2025-03-01", 123456],
      ["X-2", "2025-02-01", "2025-03-01", 30],
    ]);
  });

  it("reads a named sheet and reports a missing one", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["这不是数据"]);
    const ws = wb.addWorksheet("汇率");
    ws.addRow(["rate_date", "from_currency", "to_currency", "rate"]);
    ws.addRow(["2025-02-28", "USD", "CNY", "7.2"]);
    const path = join(dir, "fx.xlsx");
    await wb.xlsx.writeFile(path);
    const s = await importFile({ handle: t, entity: "fx-rates", file: path, sheet: "汇率" });
    expect(s).toMatchObject({ status: "committed", inserted: 1 });
    await expect(importFile({ handle: t, entity: "fx-rates", file: path, sheet: "Nope" })).rejects.toThrow(
      "sheet 'Nope' not found",
    );
  });
});
