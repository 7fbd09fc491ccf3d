import { describe, expect, it } from "vitest";
import { convertMinor, formatMinor, multiplyMinor, parseDecimalToMinor, roundHalfEven } from "./money.ts";

describe("money in minor units", () => {
  it.each([
    ["1,234.56", "CNY", 123456],
    ["1234.5", "CNY", 123450],
    ["-12", "USD", -1200],
    ["0.10", "CNY", 10],
    ["1500", "JPY", 1500],
    ["1.2300", "CNY", 123],
  ])("parses %s %s exactly", (text, currency, expected) => {
    expect(parseDecimalToMinor(text, currency)).toEqual({ ok: true, amountMinor: expected });
  });

  it("refuses more decimals than the currency has", () => {
    expect(parseDecimalToMinor("1.234", "CNY").ok).toBe(false);
    expect(parseDecimalToMinor("12abc", "CNY").ok).toBe(false);
  });

  it("formats without float error", () => {
    expect(formatMinor(123456, "CNY")).toBe("1234.56");
    expect(formatMinor(-5, "CNY")).toBe("-0.05");
    expect(formatMinor(1500, "JPY")).toBe("1500");
  });

  it("rounds half to even", () => {
    expect(roundHalfEven(5n, 2n)).toBe(2n);
    expect(roundHalfEven(7n, 2n)).toBe(4n);
    expect(roundHalfEven(-5n, 2n)).toBe(-2n);
    expect(roundHalfEven(11n, 4n)).toBe(3n);
  });

  it("converts across currencies with different exponents", () => {
    // 100.00 USD at 7.1234 CNY/USD = 712.34 CNY
    expect(convertMinor(10000, "USD", "CNY", "7.1234")).toBe(71234);
    // 1000 JPY at 0.0481 CNY/JPY = 48.10 CNY
    expect(convertMinor(1000, "JPY", "CNY", "0.0481")).toBe(4810);
    expect(multiplyMinor(1001, "0.5")).toBe(500);
  });
});
