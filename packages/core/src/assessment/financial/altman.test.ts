import { describe, expect, it } from "vitest";
import { altmanZone, chooseAltmanVariant, computeAltman } from "./altman.ts";
import { ROUND_STATEMENT } from "./fixtures.ts";

describe("Altman Z-scores on a hand-computed statement", () => {
  // X1 = WC/TA = (400,000 − 200,000)/1,000,000 = 0.2
  // X2 = RE/TA = 150,000/1,000,000 = 0.15
  // X3 = EBIT/TA = 100,000/1,000,000 = 0.1
  // X4 = MVE/TL = 1,000,000/500,000 = 2.0 (Z); book equity/TL = 500,000/500,000 = 1.0 (Z', Z'')
  // X5 = sales/TA = 1,500,000/1,000,000 = 1.5
  it("computes Z (1968) = 1.2·0.2 + 1.4·0.15 + 3.3·0.1 + 0.6·2.0 + 1.0·1.5 = 3.48, safe", () => {
    const r = computeAltman(ROUND_STATEMENT, "z");
    expect(r.status).toBe("ok");
    if (r.status === "ok") {
      expect(r.value).toBeCloseTo(0.24 + 0.21 + 0.33 + 1.2 + 1.5, 12);
      expect(r.value).toBeCloseTo(3.48, 12);
      expect(r.zone).toBe("safe");
      expect(r.components).toEqual([0.2, 0.15, 0.1, 2, 1.5]);
    }
  });

  it("computes Z' = 0.717·0.2 + 0.847·0.15 + 3.107·0.1 + 0.420·1.0 + 0.998·1.5 = 2.49815, grey", () => {
    // 0.1434 + 0.12705 + 0.3107 + 0.42 + 1.497 = 2.49815
    const r = computeAltman(ROUND_STATEMENT, "z_prime");
    expect(r).toMatchObject({ status: "ok", zone: "grey" });
    if (r.status === "ok") {
      expect(r.value).toBeCloseTo(2.49815, 12);
    }
  });

  it("computes Z'' = 6.56·0.2 + 3.26·0.15 + 6.72·0.1 + 1.05·1.0 = 3.523, safe", () => {
    // 1.312 + 0.489 + 0.672 + 1.05 = 3.523
    const r = computeAltman(ROUND_STATEMENT, "z_double_prime");
    expect(r).toMatchObject({ status: "ok", zone: "safe" });
    if (r.status === "ok") {
      expect(r.value).toBeCloseTo(3.523, 12);
    }
  });

  it("refuses Z without a market value of equity instead of guessing", () => {
    const { marketValueEquity: _, ...privateFirm } = ROUND_STATEMENT;
    expect(computeAltman(privateFirm, "z")).toEqual({
      status: "not_computable",
      variant: "z",
      reason: "market value of equity is missing (required by Altman Z 1968)",
    });
  });

  it.each(["z", "z_prime", "z_double_prime"] as const)(
    "%s is not computable when total assets are zero",
    (v) => {
      expect(computeAltman({ ...ROUND_STATEMENT, totalAssets: 0 }, v)).toMatchObject({
        status: "not_computable",
        reason: "total assets is zero",
      });
    },
  );
});

describe("Altman zones: the published edge values belong to the grey zone", () => {
  it.each([
    ["z", 2.9901, "safe"],
    ["z", 2.99, "grey"],
    ["z", 1.81, "grey"],
    ["z", 1.8099, "distress"],
    ["z_prime", 2.9001, "safe"],
    ["z_prime", 2.9, "grey"],
    ["z_prime", 1.23, "grey"],
    ["z_prime", 1.2299, "distress"],
    ["z_double_prime", 2.6001, "safe"],
    ["z_double_prime", 2.6, "grey"],
    ["z_double_prime", 1.1, "grey"],
    ["z_double_prime", 1.0999, "distress"],
    ["z_double_prime", -3, "distress"],
  ] as const)("%s = %d is %s", (variant, value, zone) => {
    expect(altmanZone(variant, value)).toBe(zone);
  });
});

describe("choosing the Altman variant by customer type", () => {
  it.each([
    [{ ownership: "public", isManufacturer: true }, "z"],
    [{ ownership: "private", isManufacturer: true }, "z_prime"],
    [{ ownership: "public", isManufacturer: false }, "z_double_prime"],
    [{ ownership: "private", isManufacturer: false }, "z_double_prime"],
  ] as const)("%o → %s", (customer, variant) => {
    expect(chooseAltmanVariant(customer)).toBe(variant);
  });

  it("follows a configured rule", () => {
    const rule = {
      publicManufacturer: "z_prime",
      privateManufacturer: "z_prime",
      nonManufacturer: "z_prime",
    } as const;
    expect(chooseAltmanVariant({ ownership: "public", isManufacturer: true }, rule)).toBe("z_prime");
  });
});
