import { describe, expect, it } from "vitest";
import { createI18n } from "../shared/i18n/i18n-context.tsx";
import {
  checklistColumns,
  duplicateColumns,
  evidenceLine,
  signalColumns,
  type TextColumn,
} from "./application-columns.ts";
import type { ChecklistItem, DuplicateView, SignalView } from "./applications-api.ts";

const noop = () => undefined;
const zh = createI18n("zh-CN", noop);
const en = createI18n("en", noop);
const texts = <T>(columns: TextColumn<T>[], row: T) => columns.map((c) => c.text(row));

describe("application page table texts", () => {
  it("write a checklist item's status, label, what is missing and one line per evidence", () => {
    const item: ChecklistItem = {
      code: "references",
      label: { zh: "推荐人核实", en: "References checked" },
      complete: false,
      missing: [
        { code: "a", params: {}, text: { zh: "银行推荐", en: "bank reference" } },
        { code: "b", params: {}, text: { zh: "商业推荐", en: "trade reference" } },
      ],
      evidence: [
        { date: "2026-11-30", by: "sales", note: "银行推荐函已核实", documentId: 7 },
        { date: "2026-12-01", by: "analyst", note: null, documentId: 8 },
        { date: "2026-12-02", by: "analyst", note: "电话核实", documentId: null },
      ],
    };
    expect(checklistColumns(zh).map((c) => c.title)).toEqual(["状态", "核查项", "缺少", "证据"]);
    expect(texts(checklistColumns(zh), item)).toEqual([
      "未完成",
      "推荐人核实",
      "银行推荐；商业推荐",
      "2026-11-30 · sales: 银行推荐函已核实 (#7)\n2026-12-01 · analyst: (#8)\n2026-12-02 · analyst: 电话核实",
    ]);
    expect(texts(checklistColumns(en), { ...item, complete: true, missing: [], evidence: [] })).toEqual([
      "complete",
      "References checked",
      "—",
      "—",
    ]);
    expect(evidenceLine({ date: "2026-01-02", by: "x", note: "n", documentId: null })).toBe(
      "2026-01-02 · x: n",
    );
  });

  it("write a signal's severity, score, name, explanation and whether it is still found or cleared", () => {
    const signal: SignalView = {
      code: "shared_details",
      severity: "high",
      score: 40,
      explanation: { zh: "电话与另一主体相同（名称不予显示）", en: "phone shared with another party" },
      params: {},
      active: true,
      clearedBy: null,
      clearReason: null,
    };
    expect(texts(signalColumns(zh), signal)).toEqual([
      "高",
      "40",
      "与其他主体共用信息",
      "电话与另一主体相同（名称不予显示）",
      "未解除",
    ]);
    expect(
      texts(signalColumns(en), {
        ...signal,
        active: false,
        clearedBy: "manager",
        clearReason: "group company",
      }),
    ).toEqual([
      "high",
      "40",
      "Details shared with other parties",
      "phone shared with another party",
      "no longer found · Cleared by manager: group company",
    ]);
    // A code this web build does not know yet is shown as is, not as a crash.
    expect(signalColumns(en)[2]!.text({ ...signal, code: "new_rule" })).toBe("new_rule");
  });

  it("write a duplicate's kind, the party or that its name is withheld, same entity and the shared fields", () => {
    const named: DuplicateView = {
      kind: "customer",
      id: 12,
      name: "漳州某某隐名商贸有限公司",
      sameEntity: false,
      reasons: [
        { field: "phone", value: "05925556666" },
        { field: "address", value: "x", similarity: 0.9 },
      ],
    };
    expect(texts(duplicateColumns(zh), named)).toEqual([
      "客户",
      "漳州某某隐名商贸有限公司 (#12)",
      "否",
      "phone, address",
    ]);
    expect(
      texts(duplicateColumns(en), {
        ...named,
        kind: "application",
        id: null,
        name: null,
        sameEntity: true,
        redacted: true,
      }),
    ).toEqual(["application", "another party (name withheld)", "Yes", "phone, address"]);
  });
});
