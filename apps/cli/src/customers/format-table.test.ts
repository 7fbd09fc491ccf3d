import { describe, expect, it } from "vitest";
import { displayWidth, formatTable, truncate } from "./format-table.ts";

describe("terminal tables", () => {
  it.each([
    ["abc", 3],
    ["杭州机械", 8],
    ["A公司1", 6],
    ["ＡＢ", 4],
  ])("measures %s as %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("truncates by display width with an ellipsis", () => {
    expect(truncate("杭州测试机械有限公司", 9)).toBe("杭州测试…");
    expect(truncate("short", 9)).toBe("short");
  });

  it("aligns Chinese and Latin text and right-aligns numbers", () => {
    const text = formatTable(
      [
        { code: "C1", name: "杭州机械", n: "5" },
        { code: "C22", name: "Acme", n: "120" },
      ],
      [
        { header: "CODE", value: (r) => r.code },
        { header: "NAME", value: (r) => r.name },
        { header: "N", value: (r) => r.n, right: true },
      ],
    );
    expect(text.split("\n")).toEqual([
      "CODE  NAME        N",
      "----  --------  ---",
      "C1    杭州机械    5",
      "C22   Acme      120",
    ]);
  });
});
