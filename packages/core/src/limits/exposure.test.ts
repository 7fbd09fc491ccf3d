import { describe, expect, it } from "vitest";
import { convertAtQuote } from "./convert-at-rate.ts";
import { combineExposure, netExposure } from "./exposure.ts";

const zero = {
  openReceivablesMinor: 0,
  overdueMinor: 0,
  undeliveredOrdersMinor: 0,
  undeliveredInHorizonMinor: 0,
  deliveredNotInvoicedMinor: 0,
  reservationsMinor: 0,
  oldestDaysPastDue: null,
};

describe("exposure in the limit currency", () => {
  it("converts each currency once at its quote, half-even", () => {
    const { exposure, missingFxCurrencies } = combineExposure(
      [
        { ...zero, currency: "CNY", openReceivablesMinor: 100_00, quote: null },
        // 10.05 USD × 7.1 = 71.355 CNY → 71.36 (half-even: 7135.5 → 7136)
        {
          ...zero,
          currency: "USD",
          openReceivablesMinor: 10_05,
          oldestDaysPastDue: 12,
          quote: { rate: "7.1", inverted: false },
        },
        { ...zero, currency: "EUR", reservationsMinor: 5_00, quote: null },
      ],
      "CNY",
    );
    expect(exposure.openReceivablesMinor).toBe(100_00 + 71_36);
    expect(exposure.oldestDaysPastDue).toBe(12);
    expect(missingFxCurrencies).toEqual(["EUR"]);
  });

  it("applies an inverted quote as a divisor exactly", () => {
    // 100.00 CNY with USD→CNY 8 recorded: 100 / 8 = 12.50 USD
    expect(
      convertAtQuote({ amountMinor: 100_00, from: "CNY", to: "USD", quote: { rate: "8", inverted: true } }),
    ).toBe(12_50);
    // JPY has no minor unit: 1,000 JPY at 0.05 CNY = 50.00 CNY
    expect(
      convertAtQuote({ amountMinor: 1000, from: "JPY", to: "CNY", quote: { rate: "0.05", inverted: false } }),
    ).toBe(50_00);
  });
});

describe("net exposure", () => {
  it("deducts collateral, guarantees and the insured share, never below zero", () => {
    const n = netExposure(1_000_000, [
      { type: "collateral", amountMinor: 200_000 },
      { type: "guarantee", amountMinor: 100_000 },
      { type: "credit_insurance", amountMinor: 500_000, indemnityBps: 9_000 },
    ]);
    expect(n).toEqual({
      grossMinor: 1_000_000,
      collateralMinor: 200_000,
      guaranteesMinor: 100_000,
      insuredMinor: 450_000,
      netMinor: 250_000,
    });
    expect(netExposure(100, [{ type: "collateral", amountMinor: 500 }]).netMinor).toBe(0);
  });
});
