import { describe, expect, it } from "vitest";
import { ageReceivables, agingBucketOf } from "./aging.ts";
import { computeBehaviourMetrics } from "./compute-behaviour-metrics.ts";
import { computeCollectionMetrics } from "./dso.ts";
import { SMALL_LEDGER } from "./fixtures.ts";

const asOf = "2024-06-30";

describe("aging of the open balance", () => {
  it.each([
    [-5, "current"],
    [0, "current"],
    [1, "d1_30"],
    [30, "d1_30"],
    [31, "d31_60"],
    [60, "d31_60"],
    [61, "d61_90"],
    [90, "d61_90"],
    [91, "d91_180"],
    [180, "d91_180"],
    [181, "over180"],
  ] as const)("%d days past due falls in %s", (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it("ages a month-end balance net of partial payments and credit notes, ignoring later events", () => {
    expect(ageReceivables({ ledger: SMALL_LEDGER, asOf })).toEqual({
      asOf,
      // D 120,000 not yet due; C 150,000 − 50,000 − 20,000 = 80,000 at 21 days; E 30,000 at 147 days
      buckets: { current: 120_000, d1_30: 80_000, d31_60: 0, d61_90: 0, d91_180: 30_000, over180: 0 },
      totalOpenMinor: 230_000,
      overdueMinor: 110_000,
      unallocatedCreditMinor: 5_000,
      netOpenMinor: 225_000,
      maxDaysPastDue: 147,
      openInvoiceCount: 3,
    });
  });

  it("counts E as paid once its payment date is reached", () => {
    const after = ageReceivables({ ledger: SMALL_LEDGER, asOf: "2024-07-05" });
    expect(after.buckets.d91_180).toBe(0);
    // D is due 07-10, so still current; C is now 26 days past due
    expect(after.buckets).toMatchObject({ current: 120_000, d1_30: 80_000 });
  });
});

describe("DSO, best possible DSO, ADDB and CEI over the last 90 days", () => {
  // Period (2024-04-01, 2024-06-30]. Credit sales = B + C + D = 470,000.
  // Closing AR 230,000, of which current 120,000. Opening AR at 04-01 = A 100,000 + E 30,000 = 130,000.
  const m = computeCollectionMetrics({ ledger: SMALL_LEDGER, asOf });

  it("finds the period's sales and balances", () => {
    expect(m).toMatchObject({
      periodDays: 90,
      creditSalesMinor: 470_000,
      openingArMinor: 130_000,
      closingArMinor: 230_000,
      closingCurrentArMinor: 120_000,
    });
  });

  it.each([
    ["dso", (230_000 / 470_000) * 90, 44.0425531915],
    ["bestPossibleDso", (120_000 / 470_000) * 90, 22.9787234043],
    ["addb", (110_000 / 470_000) * 90, 21.0638297872],
    ["cei", ((130 + 470 - 230) / (130 + 470 - 120)) * 100, 77.0833333333],
  ] as const)("%s = %d", (name, _formula, expected) => {
    const metric = m[name];
    expect(metric.status).toBe("ok");
    expect(metric.status === "ok" && metric.value).toBeCloseTo(expected, 9);
  });

  it("is not computable without credit sales in the period", () => {
    const quiet = computeCollectionMetrics({ ledger: SMALL_LEDGER, asOf: "2025-12-31", periodDays: 30 });
    expect(quiet.dso).toEqual({
      status: "not_computable",
      reason: "credit sales of the last 30 days is zero",
    });
    expect(quiet.addb.status).toBe("not_computable");
    // Still collectable (C 80,000 + D 120,000 open) but nothing collected: CEI = 0 / 200,000 = 0
    expect(quiet.cei).toEqual({ status: "ok", value: 0 });
  });
});

describe("behaviour metrics of a ledger", () => {
  it("computes every field by hand", () => {
    const b = computeBehaviourMetrics({ ledger: SMALL_LEDGER, asOf });
    const round = (x: unknown) =>
      typeof x === "object" && x !== null && "value" in x
        ? Number((x as { value: number }).value.toFixed(9))
        : x;
    expect(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round(v)]))).toEqual({
      asOf,
      collectionPeriodDays: 90,
      openBalanceMinor: 230_000,
      aging: { current: 120_000, d1_30: 80_000, d31_60: 0, d61_90: 0, d91_180: 30_000, over180: 0 },
      overdueMinor: 110_000,
      overdueShare: 0.47826087, // 110,000 / 230,000
      overdue90Share: 0.130434783, // (30,000 + 0) / 230,000
      maxDaysPastDue: 147,
      unallocatedCreditMinor: 5_000,
      creditSalesMinor: 470_000,
      dso: 44.042553191,
      bestPossibleDso: 22.978723404,
      addb: 21.063829787,
      cei: 77.083333333,
      // 3m window (03-30, 06-30]: (40,000·10 + 60,000·50 + 200,000·0 + 50,000·10) / 350,000 = 11.142857…
      daysBeyondTerms3m: 11.142857143,
      daysBeyondTerms6m: 11.142857143,
      // 12m adds F (50,000 on time): 3,900,000 / 400,000 = 9.75
      daysBeyondTerms12m: 9.75,
      daysBeyondTermsTrend: 1.392857143,
      daysBeyondTermsIncludeOpen: false,
      latePaidShareByAmount12m: 0.375, // 150,000 / 400,000
      latePaidShareByCount12m: 0.6, // 3 of 5 allocations
      openDisputeCount: 1,
      openDisputeAmountMinor: 30_000,
      complaintCount12m: 2,
      invoiceCount12m: 6,
      complaintRatePer100Invoices12m: 33.333333333, // 2 × 100 / 6
      orderVolume3mMinor: 120_000,
      orderTrailingMonthlyAverageMinor: 50_000, // (240,000 + 360,000) / 12
      orderTrendRatio: 0.8, // (120,000 / 3) / 50,000
      brokenPromiseCount6m: 1, // deadline 2024-05-02
      brokenPromiseCount12m: 2, // + 2023-11-20 (2023-06-30 is on the open edge)
    });
  });

  it("counts still-open overdue invoices in days beyond terms only when asked", () => {
    const b = computeBehaviourMetrics({
      ledger: SMALL_LEDGER,
      asOf,
      options: { includeOpenOverdueInDaysBeyondTerms: true },
    });
    // + C 80,000 × 21 days + E 30,000 × 147 days: (3,900,000 + 1,680,000 + 4,410,000) / 460,000
    expect(b.daysBeyondTerms3m.status === "ok" && b.daysBeyondTerms3m.value).toBeCloseTo(
      9_990_000 / 460_000,
      9,
    );
    expect(b.daysBeyondTermsIncludeOpen).toBe(true);
  });

  it("reports an empty ledger without NaN", () => {
    const empty = {
      invoices: [],
      allocations: [],
      creditNotes: [],
      disputes: [],
      complaints: [],
      orders: [],
    };
    const b = computeBehaviourMetrics({ ledger: empty, asOf });
    expect(JSON.stringify(b)).not.toMatch(/NaN|Infinity|null/);
    expect(b.overdueShare).toEqual({ status: "ok", value: 0 });
    expect(b.daysBeyondTerms6m).toEqual({
      status: "not_computable",
      reason: "no payments in the last 6 months",
    });
    expect(b.orderTrendRatio.status).toBe("not_computable");
  });
});
