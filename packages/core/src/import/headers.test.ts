import { describe, expect, it } from "vitest";
import { entitySpec, IMPORT_ENTITIES } from "./entities.ts";
import { mapHeaders, normaliseHeader } from "./headers.ts";

describe("header normalisation", () => {
  it.each([
    ["Invoice No.", "invoiceno"],
    [" invoice_no ", "invoiceno"],
    ["ＩＮＶＯＩＣＥ　ＮＯ", "invoiceno"],
    ["\uFEFF客户编码", "客户编码"],
    ["金额（元）", "金额元"],
  ])("%j → %j", (header, key) => {
    expect(normaliseHeader(header)).toBe(key);
  });
});

describe("header mapping", () => {
  it("maps Chinese customer headers", () => {
    const m = mapHeaders(
      ["客户编码", "客户名称", "统一社会信用代码", "行业", "地区", "成立日期", "注册资本"],
      entitySpec("customers"),
    );
    expect(m.fields).toEqual([
      "code",
      "legal_name",
      "uscc",
      "industry",
      "region",
      "founded_on",
      "registered_capital",
    ]);
    expect(m.problems).toEqual([]);
    expect(m.unknown).toEqual([]);
  });

  it("maps Chinese invoice headers", () => {
    const m = mapHeaders(
      ["发票号码", "客户代码", "开票日期", "到期日期", "价税合计", "货币"],
      entitySpec("invoices"),
    );
    expect(m.fields).toEqual([
      "invoice_number",
      "customer_code",
      "issued_on",
      "due_on",
      "amount",
      "currency",
    ]);
  });

  it("reports unknown columns and honours explicit overrides and ignores", () => {
    const m = mapHeaders(
      ["Kundennr", "Invoice Number", "Notiz", "Datum", "Fällig", "Betrag", "Extra"],
      entitySpec("invoices"),
      {
        Kundennr: "customer_code",
        Notiz: null,
        Datum: "issued_on",
        Fällig: "due_on",
        Betrag: "amount",
      },
    );
    expect(m.fields).toEqual([
      "customer_code",
      "invoice_number",
      null,
      "issued_on",
      "due_on",
      "amount",
      null,
    ]);
    expect(m.unknown).toEqual(["Extra"]);
    expect(m.problems).toEqual([]);
  });

  it("names the missing required field and the headers seen", () => {
    const m = mapHeaders(["发票号", "客户编码", "金额"], entitySpec("invoices"));
    const reasons = m.problems.map((p) => p.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toContain("issued_on");
    expect(reasons[0]).toContain("headers seen: 发票号, 客户编码, 金额");
    expect(m.problems.map((p) => p.field)).toEqual(["issued_on", "due_on"]);
  });

  it("refuses two columns for one field", () => {
    const m = mapHeaders(["发票号", "发票号码"], entitySpec("invoices"));
    expect(m.problems[0]?.reason).toContain("both map to field invoice_number");
  });

  it("rejects a mapping to a field the entity does not have", () => {
    const m = mapHeaders(["x"], entitySpec("fx-rates"), { x: "customer_code" });
    expect(m.problems[0]?.reason).toContain("not a field of fx-rates");
  });

  it.each(IMPORT_ENTITIES)("%s: no header spelling maps to two fields", (entity) => {
    const seen = new Map<string, string>();
    for (const f of entitySpec(entity).fields) {
      for (const s of new Set([f.name, ...f.synonyms].map(normaliseHeader))) {
        expect(seen.get(s) ?? f.name, `${s} in ${entity}`).toBe(f.name);
        seen.set(s, f.name);
      }
    }
  });
});
