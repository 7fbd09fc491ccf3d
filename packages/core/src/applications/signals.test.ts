import { describe, expect, it } from "vitest";
import { DEFAULT_APPLICATIONS_CONFIG as config } from "./config.ts";
import { findDuplicates, type PartyDetails } from "./duplicates.ts";
import { detectSignals, type SignalFacts, signalScore } from "./signals.ts";

/** A clean applicant: valid USCC matching the registry, old enough, modest need, no shared details. */
const clean: SignalFacts = {
  asOf: "2025-06-01",
  legalName: "深圳市华强电子有限公司",
  registration: { type: "uscc", value: "9144030071526726XG" },
  registryName: "深圳市华强电子有限公司",
  foundedOn: "2010-04-01",
  requestedMinor: 200_000_000,
  statedMonthlyNeedMinor: 50_000_000,
  orders: [
    { orderedOn: "2025-06-02", amountMinor: 40_000_000 },
    { orderedOn: "2025-06-20", amountMinor: 50_000_000 },
  ],
  matches: [],
  events: [{ type: "address_change", occurredOn: "2023-01-05" }],
  references: [
    { kind: "bank", name: "招商银行深圳分行", phone: "95555" },
    { kind: "trade", name: "广州某某材料有限公司", bankAccount: "6222999988887777", phone: "020-12345678" },
  ],
  applicant: {
    bankAccount: "6222021234567890",
    phone: "0755-88881234",
    address: "深圳市福田区华强北路1号",
    email: "finance@hq-elec.cn",
  },
};

const applicantParty: PartyDetails = {
  kind: "application",
  id: 1,
  name: clean.legalName,
  registrationId: "9144030071526726XG",
  bankAccounts: ["6222021234567890"],
  phones: ["0755-88881234"],
};

describe("fraud and integrity signals", () => {
  it("stay quiet on a clean application", () => {
    expect(detectSignals(clean, config)).toEqual([]);
  });

  it.each<[string, Partial<SignalFacts>, string, string]>([
    [
      "an invalid USCC check symbol",
      { registration: { type: "uscc", value: "9144030071526726XH" } },
      "registration_invalid",
      "high",
    ],
    ["no registration id at all", { registration: null }, "registration_invalid", "high"],
    [
      "a registry name that is another company",
      { registryName: "杭州西湖食品有限公司" },
      "registration_mismatch",
      "high",
    ],
    [
      "a company founded 8 months ago asking 2 m",
      { foundedOn: "2024-10-01" },
      "young_company_large_limit",
      "high",
    ],
    [
      "first orders 4× the stated monthly need",
      {
        orders: [
          { orderedOn: "2025-06-02", amountMinor: 120_000_000 },
          { orderedOn: "2025-06-25", amountMinor: 80_000_000 },
          { orderedOn: "2025-08-30", amountMinor: 1 },
        ],
      },
      "bust_out",
      "high",
    ],
    [
      "a legal representative changed 30 days before applying",
      { events: [{ type: "legal_rep_change", occurredOn: "2025-05-02" }] },
      "recent_change",
      "high",
    ],
    [
      "an address changed 60 days before applying",
      { events: [{ type: "address_change", occurredOn: "2025-04-02" }] },
      "recent_change",
      "medium",
    ],
    [
      "a trade reference using the applicant's phone",
      { references: [{ kind: "trade", name: "某某供应链有限公司", phone: "+86 755 8888 1234" }] },
      "related_party_reference",
      "high",
    ],
    [
      "a reference declared as a related party",
      { references: [{ kind: "trade", name: "某某供应链有限公司", relatedParty: true }] },
      "related_party_reference",
      "high",
    ],
  ])("fire on %s", (_, change, code, severity) => {
    const signals = detectSignals({ ...clean, ...change }, config);
    expect(signals.map((s) => [s.code, s.severity])).toEqual([[code, severity]]);
    expect(signals[0]!.explanation.en.length).toBeGreaterThan(10);
    expect(signals[0]!.explanation.zh.length).toBeGreaterThan(5);
    expect(signalScore(signals)).toBe(signals[0]!.score);
    // The Chinese text carries no English labels (field names, event types, party kinds, reasons).
    expect(signals[0]!.explanation.zh).not.toMatch(/[a-z]{4,}/);
  });

  it("explain shared details in Chinese with Chinese field and party labels, and give the parameters", () => {
    const matches = findDuplicates(applicantParty, [
      {
        kind: "customer",
        id: 7,
        name: "上海某某有限公司",
        bankAccounts: ["6222 0212 3456 7890"],
        phones: ["075588881234"],
      },
    ]);
    const [shared] = detectSignals({ ...clean, matches }, config);
    expect(shared?.explanation.zh).toBe("与 1 个其他主体共用银行账号、电话：上海某某有限公司（客户 7）");
    expect(shared?.explanation.en).toBe(
      "Shares bank account, phone with 1 other party: 上海某某有限公司 (customer 7)",
    );
    expect(shared?.params).toEqual({ fields: "bank_account,phone", parties: 1 });
  });

  it("explain a wrong USCC check symbol in Chinese and amounts as money", () => {
    const [invalid] = detectSignals(
      { ...clean, registration: { type: "uscc", value: "9144030071526726XH" } },
      config,
    );
    expect(invalid?.explanation.zh).toContain("校验位错误，按 GB 32100-2015 应为 G");
    const [young] = detectSignals({ ...clean, foundedOn: "2024-10-01" }, config);
    expect(young?.explanation.zh).toContain("申请额度 CNY 2000000.00");
    expect(young?.params).toMatchObject({ ageMonths: 8, requestedMinor: 200_000_000, currency: "CNY" });
  });

  it("fire on several customers sharing the bank account (high) or one sharing a phone (medium)", () => {
    const bank = findDuplicates(applicantParty, [
      { kind: "customer", id: 7, name: "上海某某有限公司", bankAccounts: ["6222 0212 3456 7890"] },
    ]);
    expect(detectSignals({ ...clean, matches: bank }, config).map((s) => [s.code, s.severity])).toEqual([
      ["shared_details", "high"],
    ]);
    const phone = findDuplicates(applicantParty, [
      { kind: "customer", id: 8, name: "上海某某有限公司", phones: ["075588881234"] },
    ]);
    expect(detectSignals({ ...clean, matches: phone }, config).map((s) => [s.code, s.severity])).toEqual([
      ["shared_details", "medium"],
    ]);
    const two = findDuplicates(applicantParty, [
      { kind: "customer", id: 8, name: "上海某某有限公司", phones: ["075588881234"] },
      { kind: "application", id: 9, name: "苏州某某有限公司", phones: ["0755 8888 1234"] },
    ]);
    expect(detectSignals({ ...clean, matches: two }, config).map((s) => [s.code, s.severity])).toEqual([
      ["shared_details", "high"],
    ]);
  });

  it("fire on a registration id already held by a differently named customer", () => {
    const matches = findDuplicates(applicantParty, [
      { kind: "customer", id: 5, name: "杭州西湖食品有限公司", registrationId: "9144030071526726XG" },
    ]);
    expect(detectSignals({ ...clean, matches }, config).map((s) => s.code)).toEqual([
      "registration_mismatch",
    ]);
  });

  it("do not count the same entity applying again as shared details", () => {
    const matches = findDuplicates(applicantParty, [
      { kind: "customer", id: 5, name: "深圳市华强电子股份有限公司", bankAccounts: ["6222021234567890"] },
    ]);
    expect(matches[0]?.sameEntity).toBe(true);
    expect(detectSignals({ ...clean, matches }, config)).toEqual([]);
  });
});
