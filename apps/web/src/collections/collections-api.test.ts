import { describe, expect, it } from "vitest";
import { levelColour, parseAmountMinor } from "./collections-api.ts";

describe("collections page helpers", () => {
  it.each([
    ["1234.56", 2, 123_456],
    ["1,000", 2, 100_000],
    ["0.5", 2, 50],
    ["12", 0, 12],
    ["1.234", 2, null],
    ["-5", 2, null],
    ["0", 2, null],
    ["abc", 2, null],
  ] as const)("parses %s (exponent %d) as %s minor units", (text, exponent, expected) => {
    expect(parseAmountMinor(text, exponent)).toBe(expected);
  });

  it("colours levels by escalation", () => {
    expect([0, 1, 2, 3, 4, 5].map(levelColour)).toEqual([
      "default",
      "blue",
      "orange",
      "orange",
      "red",
      "red",
    ]);
  });
});
