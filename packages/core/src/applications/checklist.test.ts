import { describe, expect, it } from "vitest";
import { type ChecklistFacts, evaluateChecklist } from "./checklist.ts";
import { applicationsConfigSchema, DEFAULT_APPLICATIONS_CONFIG as config } from "./config.ts";
import { decisionBlockers } from "./decision.ts";

const note = (by: string) => ({ note: "checked", documentId: null, date: "2025-06-01", by });

const done: ChecklistFacts = {
  companyType: "private_manufacturer",
  requestedMinor: 200_000_000,
  registration: { valid: true, problem: null, registryName: "某某有限公司", nameMatches: true },
  statements: { count: 2, assessed: true },
  rating: { fresh: true, agency: "qichacha" },
  evidence: {
    registration: [note("ana")],
    statements: [note("ana")],
    rating: [note("system")],
    references: [note("ana")],
  },
};

describe("investigation checklist", () => {
  it("asks for a site visit only from the configured amount", () => {
    expect(evaluateChecklist(config, done).items.map((i) => i.code)).toEqual([
      "registration",
      "statements",
      "rating",
      "references",
    ]);
    const large = evaluateChecklist(config, { ...done, requestedMinor: 500_000_000 });
    expect(large.items.map((i) => i.code)).toContain("site_visit");
    expect(large.complete).toBe(false);
  });

  it("applies items per customer type", () => {
    const typed = {
      ...config,
      checklist: [
        ...config.checklist,
        {
          code: "audited_accounts",
          label: { zh: "审计报告", en: "Audit" },
          customerTypes: ["public_manufacturer"],
        },
      ],
    };
    expect(evaluateChecklist(typed, done).items.map((i) => i.code)).not.toContain("audited_accounts");
    expect(
      evaluateChecklist(typed, { ...done, companyType: "public_manufacturer" }).items.map((i) => i.code),
    ).toContain("audited_accounts");
  });

  it("is complete only when every automatic condition holds and every item has evidence", () => {
    expect(evaluateChecklist(config, done).complete).toBe(true);
    const cases: Array<[Partial<ChecklistFacts>, string]> = [
      [
        { registration: { valid: false, problem: "checksum", registryName: "x", nameMatches: true } },
        "registration",
      ],
      [
        { registration: { valid: true, problem: null, registryName: null, nameMatches: null } },
        "registration",
      ],
      [{ statements: { count: 0, assessed: false } }, "statements"],
      [{ statements: { count: 1, assessed: false } }, "statements"],
      [{ rating: { fresh: false, agency: null } }, "rating"],
      [{ evidence: { ...done.evidence, references: [] } }, "references"],
    ];
    for (const [change, code] of cases) {
      const state = evaluateChecklist(config, { ...done, ...change });
      expect(state.complete, code).toBe(false);
      expect(state.items.filter((i) => !i.complete).map((i) => i.code)).toEqual([code]);
    }
  });

  it("names what is missing with a code and texts in both languages", () => {
    const state = evaluateChecklist(config, {
      ...done,
      registration: { valid: true, problem: null, registryName: "杭州西湖食品有限公司", nameMatches: false },
      statements: { count: 0, assessed: false },
      evidence: {},
    });
    const missing = Object.fromEntries(state.items.map((i) => [i.code, i.missing.map((m) => m.code)]));
    expect(missing).toMatchObject({
      registration: ["REGISTRY_NAME_MISMATCH", "NO_EVIDENCE"],
      statements: ["NO_STATEMENT", "NO_EVIDENCE"],
      rating: ["NO_EVIDENCE"],
    });
    const registration = state.items.find((i) => i.code === "registration")!;
    expect(registration.missing[0]).toEqual({
      code: "REGISTRY_NAME_MISMATCH",
      params: { registryName: "杭州西湖食品有限公司" },
      text: {
        en: "the registry name '杭州西湖食品有限公司' does not match the applicant",
        zh: "工商登记名称“杭州西湖食品有限公司”与申请人不一致",
      },
    });
    for (const m of state.items.flatMap((i) => i.missing)) {
      expect(m.text.zh).not.toMatch(/[a-z]{4,}/);
    }
  });

  it("blocks an approval while the checklist is incomplete, but not a decline", () => {
    const incomplete = evaluateChecklist(config, { ...done, statements: { count: 0, assessed: false } });
    const base = {
      status: "in_review",
      actorId: "manager",
      createdBy: "sales",
      checked: true,
      signals: [],
      reason: "x",
    };
    expect(
      decisionBlockers({ ...base, decision: "approve", checklist: incomplete }).map((b) => b.code),
    ).toEqual(["CHECKLIST_INCOMPLETE"]);
    expect(decisionBlockers({ ...base, decision: "decline", checklist: incomplete })).toEqual([]);
    expect(
      decisionBlockers({ ...base, decision: "approve", checklist: evaluateChecklist(config, done) }),
    ).toEqual([]);
  });

  it("blocks on uncleared high-risk signals, four eyes and missing conditions", () => {
    const complete = evaluateChecklist(config, done);
    const base = {
      status: "in_review",
      actorId: "manager",
      createdBy: "sales",
      checked: true,
      reason: null,
      checklist: complete,
    };
    const high = { code: "bust_out" as const, severity: "high" as const, active: true, clearedBy: null };
    expect(decisionBlockers({ ...base, decision: "approve", signals: [high] }).map((b) => b.code)).toEqual([
      "UNCLEARED_SIGNAL",
    ]);
    expect(
      decisionBlockers({ ...base, decision: "approve", signals: [{ ...high, clearedBy: "boss" }] }),
    ).toEqual([]);
    expect(
      decisionBlockers({ ...base, decision: "approve", signals: [], actorId: "sales" }).map((b) => b.code),
    ).toEqual(["OWN_APPLICATION"]);
    expect(
      decisionBlockers({ ...base, decision: "approve_with_conditions", signals: [] }).map((b) => b.code),
    ).toEqual(["NO_CONDITIONS"]);
    expect(
      decisionBlockers({
        ...base,
        decision: "approve_with_conditions",
        signals: [],
        conditions: { prepaymentBps: 3000 },
      }),
    ).toEqual([]);
    expect(decisionBlockers({ ...base, decision: "decline", signals: [] }).map((b) => b.code)).toEqual([
      "NO_REASON",
    ]);
  });

  it("validates a stored configuration", () => {
    expect(applicationsConfigSchema.safeParse(config).success).toBe(true);
    const bad = applicationsConfigSchema.safeParse({
      ...config,
      checklist: [...config.checklist, config.checklist[0]],
      rating: { agencies: ["a", "a"], maxReportAgeDays: 0 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["checklist.5.code", "rating.maxReportAgeDays"]),
    );
  });
});
