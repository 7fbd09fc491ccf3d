import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv.ts";

describe("csvLine (COPY format csv)", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["", '""'],
    ["杭州华信", "杭州华信"],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["a\nb", '"a\nb"'],
    [12345, "12345"],
    [-7, "-7"],
    [true, "t"],
    [false, "f"],
  ] as const)("writes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("joins fields with commas and ends the line", () => {
    expect(csvLine([1, "x", null, ""])).toBe('1,x,,""\n');
  });

  it("refuses NaN and infinities", () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("csvField for jsonb", () => {
  it("writes objects as JSON, quoted because JSON has quotes and commas", () => {
    expect(csvField({ a: 1, b: "x" })).toBe('"{""a"":1,""b"":""x""}"');
  });
});
