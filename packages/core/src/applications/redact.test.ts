import { describe, expect, it } from "vitest";
import { DEFAULT_APPLICATIONS_CONFIG as config } from "./config.ts";
import { findDuplicates, type PartyDetails } from "./duplicates.ts";
import { redactDuplicate, redactSignalParties } from "./redact.ts";
import { detectSignals, type SignalFacts } from "./signals.ts";

const applicant: PartyDetails = {
  kind: "application",
  id: 9,
  name: "深圳市华强电子有限公司",
  registrationId: "9144030071526726XG",
  bankAccounts: ["6222021234567890"],
  phones: ["0755-88881234"],
};
const others: PartyDetails[] = [
  { kind: "customer", id: 41, name: "东莞市隐秘贸易有限公司", bankAccounts: ["6222 0212 3456 7890"] },
  { kind: "application", id: 57, name: "惠州某某科技有限公司", phones: ["0755 8888 1234"] },
  { kind: "customer", id: 73, name: "珠海另一实业有限公司", registrationId: "9144030071526726XG" },
];
const facts: SignalFacts = {
  asOf: "2025-06-01",
  legalName: applicant.name,
  registration: { type: "uscc", value: "9144030071526726XG" },
  registryName: "杭州西湖食品有限公司",
  foundedOn: "2010-04-01",
  requestedMinor: 100_000,
  statedMonthlyNeedMinor: null,
  orders: [],
  matches: findDuplicates(applicant, others),
  events: [],
  references: [],
  applicant: { bankAccount: "6222021234567890", phone: "0755-88881234", address: null, email: null },
};
const hidden = ["东莞市隐秘贸易", "惠州某某科技", "珠海另一实业", "41", "57", "73"];

describe("redacting other parties from the screening", () => {
  const signals = detectSignals(facts, config);
  const byCode = (code: string) => signals.find((s) => s.code === code)!;

  it("names the parties in full for credit staff", () => {
    const all = JSON.stringify(signals);
    for (const h of hidden) {
      expect(all).toContain(h);
    }
  });

  it("keeps that a shared detail exists, with which kind of party and which fields, but no name or id", () => {
    const s = byCode("shared_details");
    const r = redactSignalParties(s.code, s);
    expect(r.explanation.en).toBe(
      "Shares bank account, phone with 2 other parties (1 customer, 1 application; names withheld)",
    );
    expect(r.explanation.zh).toBe("与 2 个其他主体共用银行账号、电话（1 个客户、1 个申请；名称不予显示）");
    expect(r.evidence).toEqual({
      fields: ["bank_account", "phone"],
      parties: [
        { kind: "customer", fields: ["bank_account"] },
        { kind: "application", fields: ["phone"] },
      ],
    });
    for (const h of hidden) {
      expect(JSON.stringify(r)).not.toContain(h);
    }
  });

  it("keeps the registry's name of the applicant's own id but withholds the other customer's", () => {
    const s = byCode("registration_mismatch");
    const r = redactSignalParties(s.code, s);
    expect(r.explanation.en).toBe(
      "Registration id 9144030071526726XG belongs to another name: 杭州西湖食品有限公司 (registry); another customer (name withheld)",
    );
    expect(r.params).toEqual({ registrationId: "9144030071526726XG" });
    for (const h of hidden) {
      expect(JSON.stringify(r)).not.toContain(h);
    }
  });

  it("leaves signals about the applicant alone unchanged", () => {
    const young = detectSignals(
      { ...facts, foundedOn: "2025-01-01", requestedMinor: 900_000_000 },
      config,
    ).find((s) => s.code === "young_company_large_limit")!;
    expect(redactSignalParties(young.code, young)).toBe(young);
  });

  it("keeps a duplicate's kind, shared fields and same-entity flag but not its name or id", () => {
    const [first] = facts.matches;
    expect(redactDuplicate(first!)).toEqual({
      kind: first!.kind,
      id: null,
      name: null,
      reasons: first!.reasons,
      sameEntity: first!.sameEntity,
      redacted: true,
    });
  });
});
