import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, minorToDecimalString } from "./money.ts";

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
