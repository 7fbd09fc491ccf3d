import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["杭州华信精密机械有限公司", "杭州华信精密机械有限公司"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
  ])("%j is written as %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes numbers as they are, negative ones too, and null as empty", () => {
    expect([csvCell(-30), csvCell(12.5), csvCell(null), csvCell(undefined)]).toEqual(["-30", "12.5", "", ""]);
  });
});

describe("toCsv", () => {
  it("starts with a BOM and ends every line with CRLF", () => {
    expect(toCsv(["编码", "名称"], [["C001", "甲,乙"]])).toBe('\uFEFF编码,名称\r\nC001,"甲,乙"\r\n');
  });
});
