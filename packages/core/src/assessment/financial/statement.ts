import { z } from "zod";
import type { IsoDate } from "../shared/dates.ts";

/**
 * One period's financial statement, every amount in integer minor units of `currency`. The period is
 * (periodStart … periodEnd], both inclusive; balance-sheet lines are as at `periodEnd`, income and
 * cash-flow lines cover the period. The default scorecard expects annual statements: flow ratios
 * (ROA, turnover …) are NOT annualised.
 *
 * The database mirrors this shape column for column.
 */
export interface FinancialStatement {
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly currency: string;
  // Every line may be missing (an ERP export often lacks e.g. intangible assets or operating cash
  // flow). A missing line is never read as zero: whatever needs it is reported not computable.
  // Balance sheet (as at periodEnd)
  readonly currentAssets?: number | undefined;
  readonly cash?: number | undefined;
  readonly inventory?: number | undefined;
  readonly receivables?: number | undefined;
  readonly totalAssets?: number | undefined;
  readonly intangibleAssets?: number | undefined;
  readonly currentLiabilities?: number | undefined;
  readonly totalLiabilities?: number | undefined;
  readonly equity?: number | undefined;
  readonly retainedEarnings?: number | undefined;
  // Income statement (period)
  readonly revenue?: number | undefined;
  readonly costOfSales?: number | undefined;
  readonly ebit?: number | undefined;
  readonly interestExpense?: number | undefined;
  readonly netIncome?: number | undefined;
  // Cash-flow statement (period)
  readonly operatingCashFlow?: number | undefined;
  /** Market value of equity at periodEnd; listed companies only (Altman Z 1968 X4). */
  readonly marketValueEquity?: number | undefined;
}

/** The amount lines of a statement (everything except the period and currency). */
export const STATEMENT_LINES = [
  "currentAssets",
  "cash",
  "inventory",
  "receivables",
  "totalAssets",
  "intangibleAssets",
  "currentLiabilities",
  "totalLiabilities",
  "equity",
  "retainedEarnings",
  "revenue",
  "costOfSales",
  "ebit",
  "interestExpense",
  "netIncome",
  "operatingCashFlow",
  "marketValueEquity",
] as const satisfies readonly (keyof FinancialStatement)[];
export type StatementLine = (typeof STATEMENT_LINES)[number];

const minor = z.number().int().refine(Number.isSafeInteger, "must be a safe integer of minor units");
/** A line may be absent, undefined or null (JSON and database exports write null); null is read as absent. */
const line = minor.nullish().transform((v) => (v === null ? undefined : v));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date YYYY-MM-DD");

/** Validates a statement arriving from outside (import, API, jsonb); every amount line is optional. */
export const financialStatementSchema = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    currency: z.string().regex(/^[A-Z]{3}$/),
    currentAssets: line,
    cash: line,
    inventory: line,
    receivables: line,
    totalAssets: line,
    intangibleAssets: line,
    currentLiabilities: line,
    totalLiabilities: line,
    equity: line,
    retainedEarnings: line,
    revenue: line,
    costOfSales: line,
    ebit: line,
    interestExpense: line,
    netIncome: line,
    operatingCashFlow: line,
    marketValueEquity: line,
  })
  .refine((s) => s.periodStart <= s.periodEnd, {
    message: "periodStart must not be after periodEnd",
    path: ["periodStart"],
  });
