import { describe, expect, it } from "vitest";
import { agingOf, localText, toAssessmentList, toAssessmentView } from "./assessment-view.ts";

// Trimmed from a real POST /customers/DEMO-0008/assessments answer.
const sample = {
  id: 1,
  asOf: "2026-11-23",
  scorecardVersion: "default-2",
  score: 680.4,
  displayScore: 680,
  pd: 0.0194,
  grade: "medium",
  previousGrade: null,
  masterNotch: { notch: 5, minPd: 0.0139, maxPd: 0.022 },
  reasons: [
    {
      code: "BEH_DBT_6M",
      pointsLost: 14,
      text: { en: "Average days beyond terms (6 months) is 6 days", zh: "平均逾期天数（近6个月）为 6 天" },
    },
  ],
  policy: {
    summary: { en: "Moderate limit", zh: "额度适中" },
    paymentTermsDays: 30,
    prepaymentBps: 0,
    guarantee: "for_large_amounts",
    reviewFrequencyMonths: 6,
  },
  financial: { latest: { altman: { zone: "grey", value: 1.48, status: "ok", variant: "z_prime" } } },
  behaviour: { dso: { value: 53.4, status: "ok" }, cei: { status: "not_computable", reason: "no sales" } },
};

describe("toAssessmentView", () => {
  it("reads score, grade, PD, notch, reasons, policy, Altman and behaviour", () => {
    const view = toAssessmentView(sample);
    expect(view).toMatchObject({
      key: "1",
      score: 680,
      grade: "medium",
      previousGrade: undefined,
      pd: 0.0194,
      notch: 5,
      assessedOn: "2026-11-23",
      model: "default-2",
      altman: { value: 1.48, zone: "grey", variant: "z_prime" },
      policy: {
        paymentTermsDays: 30,
        prepaymentBps: 0,
        guarantee: "for_large_amounts",
        reviewFrequencyMonths: 6,
      },
    });
    expect(view?.reasons).toEqual([{ code: "BEH_DBT_6M", pointsLost: 14, text: sample.reasons[0]?.text }]);
  });

  it("keeps metrics that are not computable out rather than showing a number", () => {
    expect(toAssessmentView(sample)?.behaviour).toEqual({ dso: 53.4 });
  });

  it("ignores records without score or grade", () => {
    expect(toAssessmentList({ items: [{ id: 2 }, sample] }).map((v) => v.key)).toEqual(["1"]);
  });

  it("picks the text in the UI language", () => {
    expect(localText({ en: "a", zh: "甲" }, "zh-CN")).toBe("甲");
    expect(localText({ en: "a", zh: "甲" }, "en")).toBe("a");
  });
});

describe("aging of the open balance", () => {
  it("gives every DOMAIN.md bucket in order with its share of the open balance", () => {
    const rows = agingOf({
      aging: { current: 600, d1_30: 200, d31_60: 0, d61_90: 100, d91_180: 100, over180: 0 },
    });
    expect(rows.map((r) => [r.bucket, r.minor, r.share])).toEqual([
      ["current", 600, 0.6],
      ["d1_30", 200, 0.2],
      ["d31_60", 0, 0],
      ["d61_90", 100, 0.1],
      ["d91_180", 100, 0.1],
      ["over180", 0, 0],
    ]);
  });

  it("is empty without an aging record or an open balance", () => {
    expect(agingOf(null)).toEqual([]);
    expect(agingOf({ dso: 3 })).toEqual([]);
    expect(agingOf({ aging: { current: 0, d1_30: 0 } })).toEqual([]);
  });
});
