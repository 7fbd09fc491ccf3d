import { describe, expect, it } from "vitest";
import { DETECT_DATES } from "./dates.ts";
import { entitySpec } from "./entities.ts";
import { mapHeaders } from "./headers.ts";
import { planImport, validateRow } from "./validate-row.ts";
import type { ParseContext } from "./values.ts";

const ctx: ParseContext = { defaultCurrency: "CNY", dateFormat: DETECT_DATES, dateOrders: new Map() };

function plan(entity: Parameters<typeof entitySpec>[0], headers: string[]) {
  const spec = entitySpec(entity);
  return planImport(spec, headers, mapHeaders(headers, spec));
}

describe("row validation", () => {
  const invoices = plan("invoices", ["发票号", "客户编码", "开票日期", "到期日", "金额", "币种"]);

  it("types a good invoice row: ISO dates, minor units, currency", () => {
    expect(
      validateRow(invoices, 2, ["INV-1", "C001", "2025/1/31", "2025年3月1日", "1,234.5", "cny"], ctx),
    ).toEqual({
      ok: true,
      values: {
        invoice_number: "INV-1",
        customer_code: "C001",
        issued_on: "2025-01-31",
        due_on: "2025-03-01",
        amount: 123450,
        currency: "CNY",
      },
    });
  });

  it("parses the amount in the row's currency (JPY has no minor digits)", () => {
    const r = validateRow(invoices, 2, ["INV-1", "C001", "2025-01-31", "2025-02-28", "1000", "JPY"], ctx);
    expect(r.ok && r.values.amount).toBe(1000);
  });

  it("lists every problem of the row with its column and value", () => {
    const r = validateRow(invoices, 7, ["", "C001", "2025-02-30", "2025-03-01", "12.345", "CNY"], ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.row, p.column, p.field, p.value])).toEqual([
        [7, "发票号", "invoice_number", ""],
        [7, "开票日期", "issued_on", "2025-02-30"],
        [7, "金额", "amount", "12.345"],
      ]);
    }
  });

  it("checks that the due date is not before the issue date", () => {
    const r = validateRow(invoices, 3, ["INV-2", "C001", "2025-03-01", "2025-02-01", "1", "CNY"], ctx);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(["due_on"]);
  });

  it("uses the default currency when the file has no currency column", () => {
    const p = plan("invoices", ["invoice_number", "customer_code", "issued_on", "due_on", "amount"]);
    const r = validateRow(p, 2, ["I", "C", "2025-01-01", "2025-01-31", "5"], {
      ...ctx,
      defaultCurrency: "EUR",
    });
    expect(r.ok && r.values.currency).toBe("EUR");
  });

  it("reports an invalid unified social credit code with the GB 32100-2015 reason", () => {
    const p = plan("customers", ["客户编码", "客户名称", "统一社会信用代码"]);
    const r = validateRow(p, 4, ["C1", "甲公司", "91330100799655058C"], ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]).toMatchObject({ row: 4, column: "统一社会信用代码", field: "uscc" });
      expect(r.problems[0]?.reason).toContain("GB 32100-2015 gives 'B'");
    }
  });

  it("fills defaults for blank cells and maps Chinese enum spellings", () => {
    const p = plan("customers", [
      "code",
      "legal_name",
      "tier",
      "status",
      "payment_terms_days",
      "other_names",
    ]);
    const r = validateRow(p, 2, ["C1", "A", "核心客户", "", "", "甲；乙"], ctx);
    expect(r.ok && r.values).toEqual({
      code: "C1",
      legal_name: "A",
      tier: "core",
      status: "active",
      payment_terms_days: 30,
      other_names: ["甲", "乙"],
    });
  });

  it("refuses a negative payment amount", () => {
    const p = plan("payments", ["回款单号", "客户编码", "回款日期", "回款金额"]);
    const r = validateRow(p, 2, ["P1", "C1", "2025-01-01", "-5"], ctx);
    expect(r.ok ? null : r.problems[0]?.reason).toBe("must be greater than zero");
  });

  it("reports extra cells beyond the header", () => {
    const p = plan("fx-rates", ["rate_date", "from_currency", "to_currency", "rate"]);
    const r = validateRow(p, 2, ["2025-01-01", "USD", "CNY", "7.1", "oops"], ctx);
    expect(r.ok ? null : r.problems[0]?.reason).toContain("5 cells");
  });
});
