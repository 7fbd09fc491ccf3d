import { describe, expect, it } from "vitest";
import { findDuplicates, type PartyDetails } from "./duplicates.ts";
import { nameSimilarity, normaliseCompanyName, normalisePhone } from "./normalise.ts";

describe("Chinese company-name normalisation", () => {
  it.each([
    ["深圳市华强电子有限公司", "深圳市华强电子有限责任公司"],
    ["深圳市华强电子有限公司", "深圳市华强电子股份有限公司"],
    ["深圳市华强电子有限公司", "深圳市 华强 电子 有限公司"],
    ["深圳市华强（集团）电子有限公司", "深圳市华强(集团)电子有限公司"],
    ["ＡＢＣ贸易有限公司", "ABC贸易有限公司"],
    ["abc 贸易，有限公司", "ABC贸易有限公司"],
    ["Shenzhen Huaqiang Co., Ltd.", "SHENZHEN HUAQIANG CO LTD"],
  ])("treats %s and %s as the same name", (a, b) => {
    expect(normaliseCompanyName(a)).toBe(normaliseCompanyName(b));
    expect(nameSimilarity(a, b)).toBe(1);
  });

  it("keeps different companies apart", () => {
    expect(nameSimilarity("深圳市华强电子有限公司", "杭州西湖食品有限公司")).toBeLessThan(0.2);
    expect(nameSimilarity("深圳市华强电子有限公司", "深圳市华强电器有限公司")).toBeLessThan(0.85);
  });

  it("normalises phone numbers with country prefixes and full-width digits", () => {
    expect(normalisePhone("+86 138-0013-8000")).toBe(normalisePhone("１３８００１３８０００"));
    expect(normalisePhone("0086 755 8888 1234")).toBe(normalisePhone("0755-88881234"));
  });
});

const applicant: PartyDetails = {
  kind: "application",
  id: 1,
  name: "深圳市华强电子有限公司",
  registrationId: "91440300MA5XXXXXX1",
  bankAccounts: ["6222 0212 3456 7890"],
  phones: ["0755-8888 1234"],
  addresses: ["深圳市福田区华强北路 1 号"],
  emails: ["Boss@HQ-Elec.cn"],
};

describe("duplicate detection", () => {
  it("finds an existing customer under a legal-form variant of the name with full-width characters", () => {
    const matches = findDuplicates(applicant, [
      { kind: "customer", id: 10, name: "深圳市华强电子股份有限公司" },
      { kind: "customer", id: 11, name: "ＳＺ 华强电子（深圳）有限责任公司" },
      { kind: "customer", id: 12, name: "北京某某科技有限公司" },
    ]);
    expect(matches.map((m) => m.id)).toEqual([10]);
    expect(matches[0]).toMatchObject({ sameEntity: true, reasons: [{ field: "name", similarity: 1 }] });
  });

  it("finds a different-named party sharing the bank account, written with other spacing", () => {
    const matches = findDuplicates(applicant, [
      { kind: "application", id: 2, name: "广州某某贸易有限公司", bankAccounts: ["6222021234567890"] },
      { kind: "customer", id: 13, name: "上海某某有限公司", bankAccounts: ["6222021234567899"] },
    ]);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      kind: "application",
      id: 2,
      sameEntity: false,
      reasons: [{ field: "bank_account", value: "6222 0212 3456 7890" }],
    });
  });

  it("matches the same registration id, phone, address and e-mail, and never the applicant itself", () => {
    const matches = findDuplicates(applicant, [
      { ...applicant },
      {
        kind: "customer",
        id: 20,
        name: "完全不同的名字有限公司",
        registrationId: "91440300ma5xxxxxx1",
        phones: ["+86 755 88881234"],
        addresses: ["深圳市福田区华强北路1号"],
        emails: ["boss@hq-elec.cn"],
      },
    ]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.reasons.map((r) => r.field)).toEqual(["registration_id", "phone", "address", "email"]);
    expect(matches[0]!.sameEntity).toBe(true);
  });

  it("finds nothing for a clean applicant", () => {
    expect(
      findDuplicates(applicant, [
        {
          kind: "customer",
          id: 30,
          name: "杭州西湖食品有限公司",
          phones: ["0571-1234567"],
          bankAccounts: ["0"],
        },
      ]),
    ).toEqual([]);
  });
});
