import { describe, expect, it } from "vitest";
import { compileRowValidator } from "./compile-row.ts";
import { DETECT_DATES } from "./dates.ts";
import { entitySpec } from "./entities.ts";
import { mapHeaders } from "./headers.ts";
import { planImport } from "./validate-row.ts";
import type { ParseContext } from "./values.ts";

const ctx: ParseContext = { defaultCurrency: "CNY", dateFormat: DETECT_DATES, dateOrders: new Map() };
const headers = ["invoice_number", "customer_code", "issued_on", "due_on", "amount", "currency"];
const spec = entitySpec("invoices");
const plan = planImport(spec, headers, mapHeaders(headers, spec));
const validate = compileRowValidator(plan, ctx);
const slot = (name: string) => plan.staged.findIndex((f) => f.name === name);

function field(cells: string[], name: string) {
  const r = validate(2, cells);
  return r.ok
    ? { ok: true, value: r.values[slot(name)] }
    : { ok: false, reasons: r.problems.map((p) => p.field) };
}

describe("compiled row validator", () => {
  it.each([
    ["1234.56", "CNY", 123456],
    ["1234.5", "CNY", 123450],
    ["1234", "CNY", 123400],
    ["0.01", "CNY", 1],
    ["1,234.56", "CNY", 123456],
    ["¥1234.56", "CNY", 123456],
    ["1000", "JPY", 1000],
    ["1.234", "BHD", 1234],
  ])("reads amount %s %s as %i minor units (fast path and general parser agree)", (text, currency, minor) => {
    expect(field(["I1", "C1", "2025-01-31", "2025-02-28", text, currency], "amount")).toEqual({
      ok: true,
      value: minor,
    });
  });

  it.each([["12.345"], ["1.5.0"], ["1e5"], [".5x"], ["12."]])(
    "rejects amount %s for CNY invoices",
    (text) => {
      expect(field(["I1", "C1", "2025-01-31", "2025-02-28", text, "CNY"], "amount")).toEqual({
        ok: false,
        reasons: ["amount"],
      });
    },
  );

  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2025-04-31", false],
    ["2025-12-31", true],
    ["2025-13-01", false],
    ["0999-01-01", false],
    ["2025/1/31", true],
  ])("checks the calendar of issue date %s (valid: %s)", (text, valid) => {
    const r = field(["I1", "C1", text, "2999-12-31", "1", "CNY"], "issued_on");
    expect(r.ok).toBe(valid);
  });

  it("reuses its values array, so rows must be encoded before the next call", () => {
    const a = validate(2, ["I1", "C1", "2025-01-01", "2025-02-01", "1", "CNY"]);
    const b = validate(3, ["I2", "C2", "2025-01-01", "2025-02-01", "2", "USD"]);
    expect(a.ok && b.ok && a.values === b.values).toBe(true);
    expect(b.ok && b.values[slot("invoice_number")]).toBe("I2");
  });

  it("runs the entity's cross-field checks (due date before issue date)", () => {
    const r = validate(9, ["I1", "C1", "2025-03-01", "2025-02-01", "1", "CNY"]);
    expect(r.ok ? [] : r.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
      [9, "due_on", "due date is before the issue date (2025-02-01 < 2025-03-01)"],
    ]);
  });
});
