import { difference, type Metric, ok, ratio, ratioOf } from "../shared/metric.ts";
import type { FinancialStatement } from "./statement.ts";

/**
 * Altman Z-score variants (Altman 1968; Altman 1983 for Z'; Altman, Hartzell & Peck 1995 for Z''):
 * - `z`   public manufacturers: 1.2·X1 + 1.4·X2 + 3.3·X3 + 0.6·X4(market value of equity) + 1.0·X5
 * - `z_prime` private firms: 0.717·X1 + 0.847·X2 + 3.107·X3 + 0.420·X4(book equity) + 0.998·X5
 * - `z_double_prime` non-manufacturers / emerging markets: 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4(book)
 * with X1 = working capital/TA, X2 = retained earnings/TA, X3 = EBIT/TA, X4 = equity/total
 * liabilities, X5 = sales/TA.
 */
export const ALTMAN_VARIANTS = ["z", "z_prime", "z_double_prime"] as const;
export type AltmanVariant = (typeof ALTMAN_VARIANTS)[number];

export const ALTMAN_ZONES = ["safe", "grey", "distress"] as const;
export type AltmanZone = (typeof ALTMAN_ZONES)[number];

interface VariantDefinition {
  readonly weights: readonly [number, number, number, number, number];
  /** Above `safeAbove` (strictly) is safe; below `distressBelow` (strictly) is distress. */
  readonly safeAbove: number;
  readonly distressBelow: number;
}

/** Coefficients and cut-offs exactly as in DOMAIN.md. */
export const ALTMAN_DEFINITIONS: Readonly<Record<AltmanVariant, VariantDefinition>> = {
  z: { weights: [1.2, 1.4, 3.3, 0.6, 1.0], safeAbove: 2.99, distressBelow: 1.81 },
  z_prime: { weights: [0.717, 0.847, 3.107, 0.42, 0.998], safeAbove: 2.9, distressBelow: 1.23 },
  z_double_prime: { weights: [6.56, 3.26, 6.72, 1.05, 0], safeAbove: 2.6, distressBelow: 1.1 },
};

/**
 * Zone of a Z value. The published bands are "> safe", "lower–upper grey", "< distress", so both edge
 * values themselves belong to the GREY zone: Z = 2.99 is grey (not safe), Z = 1.81 is grey (not
 * distress); likewise 2.90/1.23 for Z' and 2.60/1.10 for Z''. The raw (unrounded) value is used.
 */
export function altmanZone(variant: AltmanVariant, value: number): AltmanZone {
  const def = ALTMAN_DEFINITIONS[variant];
  if (value > def.safeAbove) {
    return "safe";
  }
  if (value < def.distressBelow) {
    return "distress";
  }
  return "grey";
}

export type AltmanResult =
  | {
      readonly status: "ok";
      readonly variant: AltmanVariant;
      readonly value: number;
      readonly zone: AltmanZone;
      /** X1…X5 (X5 is reported for Z'' too, with weight 0). */
      readonly components: readonly [number, number, number, number, number];
    }
  | { readonly status: "not_computable"; readonly variant: AltmanVariant; readonly reason: string };

/** Not computable (reason "<line> is missing", the first in X1…X5 order) when a line it needs is missing. */
export function computeAltman(s: FinancialStatement, variant: AltmanVariant): AltmanResult {
  const fail = (reason: string): AltmanResult => ({ status: "not_computable", variant, reason });
  if (variant === "z" && s.marketValueEquity === undefined) {
    return fail("market value of equity is missing (required by Altman Z 1968)");
  }
  const ta = { denominator: "total assets" };
  const xs: Metric[] = [
    ratioOf(
      difference(s.currentAssets, s.currentLiabilities, { a: "current assets", b: "current liabilities" }),
      s.totalAssets,
      ta,
    ),
    ratio(s.retainedEarnings, s.totalAssets, { numerator: "retained earnings", ...ta }),
    ratio(s.ebit, s.totalAssets, { numerator: "EBIT", ...ta }),
    ratio(variant === "z" ? s.marketValueEquity : s.equity, s.totalLiabilities, {
      numerator: variant === "z" ? "market value of equity" : "equity",
      denominator: "total liabilities",
    }),
    ratio(s.revenue, s.totalAssets, { numerator: "sales", ...ta }),
  ];
  const values: number[] = [];
  for (const x of xs) {
    if (x.status !== "ok") {
      return fail(x.reason);
    }
    values.push(x.value);
  }
  const [x1 = 0, x2 = 0, x3 = 0, x4 = 0, x5 = 0] = values;
  const [w1, w2, w3, w4, w5] = ALTMAN_DEFINITIONS[variant].weights;
  const z = ok(w1 * x1 + w2 * x2 + w3 * x3 + w4 * x4 + w5 * x5);
  if (z.status !== "ok") {
    return fail(z.reason);
  }
  return {
    status: "ok",
    variant,
    value: z.value,
    zone: altmanZone(variant, z.value),
    components: [x1, x2, x3, x4, x5],
  };
}

/** What the customer is, for choosing the Altman variant. */
export interface AltmanCustomerType {
  readonly ownership: "public" | "private";
  readonly isManufacturer: boolean;
}

/** Which variant applies to which kind of customer; configurable, JSON-serialisable. */
export interface AltmanVariantRule {
  readonly publicManufacturer: AltmanVariant;
  readonly privateManufacturer: AltmanVariant;
  readonly nonManufacturer: AltmanVariant;
}

/** Altman's own guidance: Z for listed manufacturers, Z' for private ones, Z'' for everyone else. */
export const DEFAULT_ALTMAN_VARIANT_RULE: AltmanVariantRule = {
  publicManufacturer: "z",
  privateManufacturer: "z_prime",
  nonManufacturer: "z_double_prime",
};

export function chooseAltmanVariant(
  customer: AltmanCustomerType,
  rule: AltmanVariantRule = DEFAULT_ALTMAN_VARIANT_RULE,
): AltmanVariant {
  if (!customer.isManufacturer) {
    return rule.nonManufacturer;
  }
  return customer.ownership === "public" ? rule.publicManufacturer : rule.privateManufacturer;
}
