import { createElement as h } from "react";
import { describe, expect, it } from "vitest";
import { columnsText, nodeText } from "./columns-text.ts";

interface Row {
  code: string;
  amount: number;
  nested: { level: string };
}

describe("columnsText", () => {
  const items: Row[] = [
    { code: "A", amount: 1, nested: { level: "low" } },
    { code: "B", amount: 2, nested: { level: "high" } },
  ];
  it("renders every row through the columns and leaves action columns out", () => {
    const out = columnsText<Row>(
      [
        { key: "code", title: "Code", dataIndex: "code" },
        { key: "amount", title: h("span", null, "Amount"), render: (_, r) => h("em", null, r.amount, " ¥") },
        { key: "level", title: "Level", dataIndex: ["nested", "level"] },
        { key: "rank", title: "#", render: (_, _r, i) => i + 1 },
        { key: "actions", title: "Do", render: () => h("button", { type: "button" }, "go") },
      ],
      items,
    );
    expect(out.header).toEqual(["Code", "Amount", "Level", "#"]);
    expect(out.rows).toEqual([
      ["A", "1 ¥", "low", "1"],
      ["B", "2 ¥", "high", "2"],
    ]);
  });
  it("reads text through nested elements and arrays", () => {
    expect(nodeText(h("div", null, ["a", h("b", { key: "b" }, "b"), null, false, 3]))).toBe("ab3");
  });
});
