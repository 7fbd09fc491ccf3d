import { describe, expect, it } from "vitest";
import { DEFAULT_CREDIT_CHECK_CONFIG } from "./check-steps.ts";
import { type CreditCheckFacts, evaluateCreditCheck, paymentIndexFromLateShare } from "./run-credit-check.ts";

const facts: CreditCheckFacts = {
  asOf: "2025-06-30",
  amountMinor: 100_000,
  limit: {
    amountMinor: 1_000_000,
    currency: "CNY",
    validFrom: "2025-01-01",
    validTo: null,
    kind: "standard",
  },
  accountStatus: "ok",
  exposure: {
    openReceivablesMinor: 400_000,
    overdueMinor: 0,
    undeliveredOrdersMinor: 200_000,
    undeliveredInHorizonMinor: 50_000,
    deliveredNotInvoicedMinor: 100_000,
    reservationsMinor: 100_000,
    oldestDaysPastDue: null,
  },
  grade: "low",
  paymentIndex: 90,
  missingFxCurrencies: [],
};
const config = DEFAULT_CREDIT_CHECK_CONFIG;
const codes = (f: CreditCheckFacts, c = config) => evaluateCreditCheck(f, c).reasons.map((r) => r.code);

describe("credit check steps", () => {
  it("approves within the limit and reports available and utilisation", () => {
    const r = evaluateCreditCheck(facts, config);
    expect(r.outcome).toBe("approved");
    expect(r.exposureMinor).toBe(800_000);
    expect(r.availableMinor).toBe(200_000);
    expect(r.utilisationAfter).toBeCloseTo(0.9);
    expect(r.creditStatus).toBe("ok");
  });

  it("blocks above the available limit", () => {
    expect(codes({ ...facts, amountMinor: 200_001 })).toContain("LIMIT_EXCEEDED");
    expect(evaluateCreditCheck({ ...facts, amountMinor: 200_000 }, config).outcome).toBe("approved");
  });

  it("puts the customer on Watch above 90 % utilisation without blocking", () => {
    const r = evaluateCreditCheck({ ...facts, amountMinor: 150_000 }, config);
    expect(r).toMatchObject({ outcome: "approved", creditStatus: "watch" });
    expect(r.reasons).toEqual([expect.objectContaining({ code: "CREDIT_WATCH", severity: "warning" })]);
  });

  it.each([
    [{ accountStatus: "hold" as const }, "CREDIT_HOLD"],
    [{ accountStatus: "stop" as const }, "CREDIT_STOP"],
    [{ grade: "high" as const }, "HIGH_RISK_PREPAYMENT"],
    [{ paymentIndex: 10 }, "PAYMENT_INDEX_TOO_LOW"],
    [{ limit: { ...facts.limit!, validTo: "2025-06-29" } }, "LIMIT_EXPIRED"],
    [{ limit: null }, "NO_LIMIT"],
    [{ missingFxCurrencies: ["EUR"] }, "FX_RATE_MISSING"],
    [{ exposure: { ...facts.exposure, oldestDaysPastDue: 91 } }, "OLDEST_ITEM_TOO_OLD"],
    [{ exposure: { ...facts.exposure, overdueMinor: 200_001 } }, "OVERDUE_SHARE_TOO_HIGH"],
  ])("blocks on %o with %s", (change, code) => {
    const r = evaluateCreditCheck({ ...facts, ...change }, config);
    expect(r.outcome).toBe("blocked");
    expect(r.reasons.map((x) => x.code)).toContain(code);
    const reason = r.reasons.find((x) => x.code === code);
    expect(reason?.text.zh.length).toBeGreaterThan(0);
  });

  it("runs only the configured steps: dynamic horizon and max document value", () => {
    const segment = {
      ...config,
      steps: [
        { step: "dynamic_limit" as const, horizonDays: 30 },
        { step: "max_document_value" as const, maxMinor: 250_000 },
      ],
    };
    // dynamic: 400k + 50k + 100k + 100k + amount ≤ 1,000k
    expect(evaluateCreditCheck({ ...facts, amountMinor: 250_000 }, segment).outcome).toBe("approved");
    expect(codes({ ...facts, amountMinor: 350_001 }, segment)).toEqual([
      "DYNAMIC_LIMIT_EXCEEDED",
      "DOCUMENT_VALUE_EXCEEDED",
    ]);
    // A delivery beyond the horizon is not counted by the dynamic step.
    expect(codes({ ...facts, amountMinor: 240_000, deliveryDate: "2025-09-01" }, segment)).toEqual([]);
  });

  it("derives the payment index from the late-paid share", () => {
    expect(paymentIndexFromLateShare(0.25)).toBe(75);
    expect(paymentIndexFromLateShare(null)).toBeNull();
  });
});
