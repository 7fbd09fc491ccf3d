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
  // Balance sheet (as at periodEnd)
  readonly currentAssets: number;
  readonly cash: number;
  readonly inventory: number;
  readonly receivables: number;
  readonly totalAssets: number;
  readonly intangibleAssets: number;
  readonly currentLiabilities: number;
  readonly totalLiabilities: number;
  readonly equity: number;
  readonly retainedEarnings: number;
  // Income statement (period)
  readonly revenue: number;
  readonly costOfSales: number;
  readonly ebit: number;
  readonly interestExpense: number;
  readonly netIncome: number;
  // Cash-flow statement (period)
  readonly operatingCashFlow: number;
  /** Market value of equity at periodEnd; listed companies only (Altman Z 1968 X4). */
  readonly marketValueEquity?: number;
}

const minor = z.number().int().refine(Number.isSafeInteger, "must be a safe integer of minor units");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date YYYY-MM-DD");

/** Validates a statement arriving from outside (import, API). */
export const financialStatementSchema = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    currency: z.string().regex(/^[A-Z]{3}$/),
    currentAssets: minor,
    cash: minor,
    inventory: minor,
    receivables: minor,
    totalAssets: minor,
    intangibleAssets: minor,
    currentLiabilities: minor,
    totalLiabilities: minor,
    equity: minor,
    retainedEarnings: minor,
    revenue: minor,
    costOfSales: minor,
    ebit: minor,
    interestExpense: minor,
    netIncome: minor,
    operatingCashFlow: minor,
    marketValueEquity: minor.optional(),
  })
  .refine((s) => s.periodStart <= s.periodEnd, {
    message: "periodStart must not be after periodEnd",
    path: ["periodStart"],
  });
