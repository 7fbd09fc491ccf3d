import { describe, expect, it } from "vitest";
import { assessCustomer } from "../assess-customer.ts";
import { ROUND_STATEMENT } from "../financial/fixtures.ts";
import { applyOverrides, evaluateCondition, worseGrade } from "./apply-overrides.ts";
import type { ScorecardOverrideInput } from "./override-schema.ts";
import { loadScorecard, parseScorecard, type ScorecardInput } from "./schema.ts";
import type { ScoringInputs } from "./scoring-inputs.ts";

const base: ScorecardInput = {
  id: "t",
  version: "t-1",
  name: "test",
  basePoints: 700,
  scale: { points: 650, odds: 30, pdo: 40 },
  characteristics: [
    {
      code: "EVT",
      source: "events.adverseCount12m",
      bins: [
        { range: { to: 1 }, points: 20 },
        { range: { from: 1 }, points: 0 },
        { missing: true, points: 10 },
      ],
    },
  ],
};

const withOverrides = (overrides: ScorecardOverrideInput[]): ScorecardInput => ({ ...base, overrides });

const inputs = (over: Partial<ScoringInputs> = {}): ScoringInputs => ({
  financial: null,
  behaviour: null,
  profile: { industryRisk: "high" },
  external: { rating: "BB" },
  events: { adverseCount12m: 2 },
  ...over,
});

describe("override validation on load", () => {
  it.each<[string, ScorecardOverrideInput, string[]]>([
    [
      "an unknown source",
      {
        code: "KO",
        when: { source: "behaviour.nope", op: ">", value: 1 },
        maxGrade: "high",
        text: { en: "x", zh: "x" },
      },
      ['overrides[0].when.source: unknown source "behaviour.nope"'],
    ],
    [
      "a bad op deep in a condition",
      {
        code: "KO",
        // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid op
        when: { any: [{ all: [{ source: "events.adverseCount12m", op: "=~" as any, value: 1 }] }] },
        maxGrade: "high",
        text: { en: "x", zh: "x" },
      },
      ['overrides[0].when.any[0].all[0].op: unknown op "=~" (allowed: >, >=, <, <=, ==, !=)'],
    ],
    [
      "a bad grade",
      {
        code: "KO",
        when: { source: "events.adverseCount12m", op: ">", value: 1 },
        // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid grade
        maxGrade: "severe" as any,
        text: { en: "x", zh: "x" },
      },
      ['overrides[0].maxGrade: unknown grade "severe" (allowed: low, medium, high)'],
    ],
    [
      "an ordering op on a category",
      {
        code: "KO",
        when: { source: "profile.industryRisk", op: ">", value: "low" },
        maxGrade: "medium",
        text: { en: "x", zh: "x" },
      },
      ["overrides[0].when.op: profile.industryRisk is a category: op must be == or !="],
    ],
    [
      "an unknown category value",
      {
        code: "KO",
        when: { source: "external.rating", op: "==", value: "AA+" },
        maxGrade: "medium",
        text: { en: "x", zh: "x" },
      },
      [
        'overrides[0].when.value: unknown category "AA+" of external.rating (allowed: AAA, AA, A, BBB, BB, B, CCC, CC, C, D)',
      ],
    ],
    [
      "a text value on a numeric source",
      {
        code: "KO",
        when: { source: "events.adverseCount12m", op: ">", value: "3" },
        maxGrade: "medium",
        text: { en: "x", zh: "x" },
      },
      ["overrides[0].when.value: events.adverseCount12m is numeric: value must be a number"],
    ],
    [
      "a condition of two forms at once",
      {
        code: "KO",
        when: { source: "events.adverseCount12m", op: ">", value: 3, all: [] },
        maxGrade: "medium",
        text: { en: "x", zh: "x" },
      },
      [
        "overrides[0].when.all: Too small: expected array to have >=1 items",
        "overrides[0].when: a condition is exactly one of { source, op, value }, { all: [...] } or { any: [...] }",
      ],
    ],
    [
      "a code used by a characteristic",
      {
        code: "EVT",
        when: { source: "events.adverseCount12m", op: ">", value: 3 },
        maxGrade: "medium",
        text: { en: "x", zh: "x" },
      },
      ["overrides[0].code: duplicate code EVT (also characteristics[0])"],
    ],
  ])("names the path of %s", (_what, override, errors) => {
    expect(parseScorecard(withOverrides([override]))).toEqual({ ok: false, errors });
  });
});

describe("evaluating override conditions", () => {
  it.each([
    [">=", 2, true],
    [">=", 3, false],
    [">", 2, false],
    ["<", 3, true],
    ["<=", 2, true],
    ["==", 2, true],
    ["!=", 2, false],
  ] as const)("adverse count 2 %s %d is %s", (op, value, holds) => {
    expect(evaluateCondition({ source: "events.adverseCount12m", op, value }, inputs()).holds).toBe(holds);
  });

  it("compares categories and combines with all / any, keeping the evidence that held", () => {
    const r = evaluateCondition(
      {
        any: [
          { source: "external.rating", op: "==", value: "AAA" },
          {
            all: [
              { source: "profile.industryRisk", op: "==", value: "high" },
              { source: "events.adverseCount12m", op: ">=", value: 1 },
            ],
          },
        ],
      },
      inputs(),
    );
    expect(r.holds).toBe(true);
    expect(r.evidence.map((e) => [e.source, e.value])).toEqual([
      ["profile.industryRisk", { kind: "category", value: "high" }],
      ["events.adverseCount12m", { kind: "number", value: 2 }],
    ]);
  });

  it("never fires on a missing value, whatever the op", () => {
    for (const op of [">", "<", "!="] as const) {
      expect(evaluateCondition({ source: "behaviour.overdue90Share", op, value: 0.5 }, inputs()).holds).toBe(
        false,
      );
    }
  });

  it("caps the grade, never improves it, and orders the worst cap first", () => {
    const card = loadScorecard(
      withOverrides([
        {
          code: "KO_A",
          when: { source: "events.adverseCount12m", op: ">=", value: 1 },
          maxGrade: "medium",
          text: { en: "A", zh: "甲" },
        },
        {
          code: "KO_B",
          when: { source: "external.rating", op: "==", value: "BB" },
          maxGrade: "high",
          text: { en: "B", zh: "乙" },
        },
        {
          code: "KO_C",
          when: { source: "events.adverseCount12m", op: ">=", value: 9 },
          maxGrade: "high",
          text: { en: "C", zh: "丙" },
        },
      ]),
    );
    const fromLow = applyOverrides({ scorecard: card, inputs: inputs(), grade: "low", currency: "CNY" });
    expect(fromLow.grade).toBe("high");
    expect(fromLow.applied.map((o) => [o.code, o.capped])).toEqual([
      ["KO_B", true],
      ["KO_A", true],
    ]);
    const improving = loadScorecard(
      withOverrides([
        {
          code: "KO_L",
          when: { source: "events.adverseCount12m", op: ">=", value: 1 },
          maxGrade: "low",
          text: { en: "L", zh: "L" },
        },
      ]),
    );
    const fromHigh = applyOverrides({
      scorecard: improving,
      inputs: inputs(),
      grade: "high",
      currency: "CNY",
    });
    expect(fromHigh.grade).toBe("high");
    expect(fromHigh.applied.map((o) => o.capped)).toEqual([false]);
    expect(worseGrade("low", "medium")).toBe("medium");
    expect(worseGrade("high", "medium")).toBe("high");
  });

  it("drives the policy and leads the reasons in assessCustomer", () => {
    const card = loadScorecard(
      withOverrides([
        {
          code: "KO_EVENTS",
          when: { source: "events.adverseCount12m", op: ">=", value: 2 },
          maxGrade: "high",
          text: { en: "Events", zh: "事件" },
        },
      ]),
    );
    const r = assessCustomer({
      asOf: "2025-06-30",
      profile: { ownership: "private", isManufacturer: true },
      statements: [ROUND_STATEMENT],
      behaviour: null,
      events: [
        { date: "2025-01-01", type: "lawsuit" },
        { date: "2025-02-01", type: "lawsuit" },
      ],
      scorecard: card,
      maxReasons: 1,
    });
    expect(r.score).toBe(700); // 700 base + 0 (two events)
    expect(r.scoreGrade).toBe("low");
    expect(r.grade).toBe("high");
    expect(r.policy.grade).toBe("high");
    expect(r.pd).toBeCloseTo(0.01382, 4); // the score's PD is kept
    expect(r.reasons.map((x) => [x.kind, x.code])).toEqual([
      ["override", "KO_EVENTS"],
      ["points", "EVT"],
    ]);
    expect(r.reasons[0]!.text).toEqual({
      en: "Events (at most high risk): Number of adverse events (12 months) is 2 (≥ 2)",
      zh: "事件（评级最高为高风险）：不利事件数（近12个月）为 2（≥ 2）",
    });
  });
});
