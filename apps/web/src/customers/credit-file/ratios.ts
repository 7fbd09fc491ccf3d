import type { FinancialStatement, StatementLine } from "../../shared/api/types.ts";

/**
 * Financial ratios computed in the browser from the statement lines on screen, until the server
 * offers them (DOMAIN.md "Financial statement analysis"; textbook definitions, e.g. CFA Institute,
 * "Financial Analysis Techniques"). Both operands are in the same statement's minor units, so the
 * quotient is dimensionless and ordinary float division is fine (no money is computed).
 */
export const RATIO_KEYS = [
  "currentRatio",
  "quickRatio",
  "debtRatio",
  "debtToEquity",
  "interestCoverage",
  "netMargin",
  "roa",
  "roe",
  "cashFlowToDebt",
  "assetTurnover",
] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

export type RatioValue =
  | { status: "ok"; value: number }
  | { status: "not_computable"; reason: "missing_line" | "zero_denominator" | "negative_denominator" };

/** Ratios shown as percentages rather than multiples. */
export const PERCENT_RATIOS: ReadonlySet<RatioKey> = new Set([
  "debtRatio",
  "netMargin",
  "roa",
  "roe",
  "cashFlowToDebt",
]);

type Operand = StatementLine | { minus: readonly [StatementLine, StatementLine] };

const DEFINITIONS: Record<
  RatioKey,
  { numerator: Operand; denominator: StatementLine; positiveDenominator?: boolean }
> = {
  currentRatio: { numerator: "currentAssets", denominator: "currentLiabilities" },
  quickRatio: { numerator: { minus: ["currentAssets", "inventory"] }, denominator: "currentLiabilities" },
  debtRatio: { numerator: "totalLiabilities", denominator: "totalAssets" },
  // Negative equity makes D/E and ROE meaningless rather than merely large.
  debtToEquity: { numerator: "totalLiabilities", denominator: "equity", positiveDenominator: true },
  interestCoverage: { numerator: "ebit", denominator: "interestExpense" },
  netMargin: { numerator: "netIncome", denominator: "revenue" },
  roa: { numerator: "netIncome", denominator: "totalAssets" },
  roe: { numerator: "netIncome", denominator: "equity", positiveDenominator: true },
  cashFlowToDebt: { numerator: "operatingCashFlow", denominator: "totalLiabilities" },
  assetTurnover: { numerator: "revenue", denominator: "totalAssets" },
};

function operandValue(statement: FinancialStatement, operand: Operand): number | null {
  if (typeof operand === "string") {
    return statement[operand];
  }
  const [a, b] = operand.minus;
  const left = statement[a];
  const right = statement[b];
  return left === null || right === null ? null : left - right;
}

/** One ratio of one statement, or why it cannot be computed (never NaN or Infinity). */
export function computeRatio(statement: FinancialStatement, key: RatioKey): RatioValue {
  const definition = DEFINITIONS[key];
  const numerator = operandValue(statement, definition.numerator);
  const denominator = statement[definition.denominator];
  if (numerator === null || denominator === null) {
    return { status: "not_computable", reason: "missing_line" };
  }
  if (denominator === 0) {
    return { status: "not_computable", reason: "zero_denominator" };
  }
  if (definition.positiveDenominator && denominator < 0) {
    return { status: "not_computable", reason: "negative_denominator" };
  }
  return { status: "ok", value: numerator / denominator };
}
