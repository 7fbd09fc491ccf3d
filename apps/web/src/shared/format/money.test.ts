import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, minorToDecimalString, parseAmountToMinor } from "./money.ts";

describe("minorToDecimalString", () => {
  it.each([
    [123456, 2, "1234.56"],
    [5, 2, "0.05"],
    [-5, 2, "-0.05"],
    [-120000, 2, "-1200.00"],
    [0, 2, "0.00"],
    [1500, 0, "1500"],
    [1234, 3, "1.234"],
    [9007199254740991, 2, "90071992547409.91"],
  ])("%i minor units with %i digits is %s", (minor, digits, expected) => {
    expect(minorToDecimalString(minor, digits)).toBe(expected);
  });

  it("rejects amounts that are not safe integers", () => {
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("knows the exponent of common currencies", () => {
    expect([currencyDigits("CNY"), currencyDigits("JPY"), currencyDigits("KWD")]).toEqual([2, 0, 3]);
  });

  it("formats CNY in Chinese and English", () => {
    expect(formatMoney({ minor: 123456789, currency: "CNY", locale: "zh-CN" })).toBe("¥1,234,567.89");
    expect(formatMoney({ minor: 123456789, currency: "CNY", locale: "en" })).toBe("CN¥1,234,567.89");
  });

  it("keeps the last cent of large amounts exact (no float rounding)", () => {
    expect(formatMoney({ minor: 9007199254740991, currency: "USD", locale: "en" })).toBe(
      "$90,071,992,547,409.91",
    );
  });

  it("formats yen without decimals", () => {
    expect(formatMoney({ minor: 1500, currency: "JPY", locale: "en" })).toBe("¥1,500");
  });
});

describe("parseAmountToMinor", () => {
  it.each([
    ["12500", "CNY", 1_250_000],
    ["12,500.5", "CNY", 1_250_050],
    ["0.01", "CNY", 1],
    [" 3 000 ", "JPY", 3000],
    ["1.5", "JPY", null],
    ["1.234", "CNY", null],
    ["-5", "CNY", null],
    ["abc", "CNY", null],
    ["", "CNY", null],
    ["99999999999999999", "CNY", null],
  ])("%j %s → %s", (text, currency, expected) => {
    expect(parseAmountToMinor(text, currency)).toBe(expected);
  });
});
