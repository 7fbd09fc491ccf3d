import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { createI18n, interpolate } from "./i18n-context.tsx";
import { zhCN } from "./zh-CN.ts";

const noop = () => undefined;

describe("interpolate", () => {
  it("fills named placeholders and leaves unknown ones visible", () => {
    expect(interpolate("第 {n} 页，共 {total} 页", { n: 2 })).toBe("第 2 页，共 {total} 页");
  });
});

describe("dictionaries", () => {
  it("have no empty translations and the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe("createI18n", () => {
  it.each([
    ["zh-CN", "第 3 页", "¥1,234.50", "2024年3月5日", "12.5%"],
    ["en", "Page 3", "CN¥1,234.50", "Mar 5, 2024", "12.5%"],
  ] as const)("formats for %s", (locale, page, money, date, percent) => {
    const i18n = createI18n(locale, noop);
    expect(i18n.t("common.pageNumber", { n: 3 })).toBe(page);
    expect(i18n.money(123450, "CNY")).toBe(money);
    expect(i18n.date("2024-03-05")).toBe(date);
    expect(i18n.percent(0.125)).toBe(percent);
  });

  it("shows an em dash for missing values instead of NaN", () => {
    const i18n = createI18n("en", noop);
    expect([
      i18n.money(null, "CNY"),
      i18n.date(null),
      i18n.number(Number.NaN),
      i18n.percent(undefined),
    ]).toEqual(["—", "—", "—", "—"]);
  });

  it("labels closed sets and falls back to the stored value", () => {
    const i18n = createI18n("zh-CN", noop);
    expect(i18n.label("tier", "core")).toBe("核心客户");
    expect(i18n.label("tier", "vip")).toBe("vip");
  });
});
