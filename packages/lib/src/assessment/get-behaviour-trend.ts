import { weightedDaysBeyondTerms } from "@creditdesk/core/assessment";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { loadBehaviourTrend } from "@creditdesk/db/assessment";
import { loadReceivablesTrend } from "@creditdesk/db/portfolio";
import { assembleTrend } from "../portfolio/get-portfolio-view.ts";
import { withPortfolioWorkMem } from "../portfolio/load-positions.ts";
import { AppError } from "../shared/app-error.ts";

/** One calendar month of a customer's payment behaviour (the last month cut at as-of). */
export interface BehaviourTrendMonth {
  /** Month end (as-of for the last month). */
  period: string;
  /** Amount-weighted days beyond terms of the payments dated in the month; null without payments. */
  dbt: number | null;
  /** Payments allocated in the month (base currency minor units). */
  paidMinor: number;
  /** Allocations in the month, and how many of them were late. */
  payments: number;
  latePayments: number;
  /** DSO / best possible DSO / ADDB of the month (null without credit sales in it). */
  dso: number | null;
  bestDso: number | null;
  addb: number | null;
  closingArMinor: number;
  creditSalesMinor: number;
}

export interface BehaviourTrend {
  customerId: number;
  asOf: string;
  baseCurrency: string;
  months: BehaviourTrendMonth[];
}

/**
 * A customer's payment behaviour month by month for the credit file's days-beyond-terms chart
 * (oldest first): DBT as the assessment defines it (DOMAIN.md; `weightedDaysBeyondTerms` over the
 * assessment's own allocation rows, per payment month) beside DSO / ADDB from the portfolio's
 * receivables-trend statement restricted to this customer. Base currency at the as-of rates.
 */
export async function getBehaviourTrend(options: {
  handle: DatabaseHandle;
  customer: string | number;
  baseCurrency: string;
  /** Default today (UTC). */
  asOf?: string | undefined;
  /** 1–36 calendar months, default 12. */
  months?: number | undefined;
}): Promise<BehaviourTrend> {
  const { handle, baseCurrency } = options;
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw new AppError("VALIDATION", `months must be an integer from 1 to 36, got ${months}`);
  }
  const customerId = await findCustomerId(handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const [payments, flows] = await withPortfolioWorkMem(handle, async (db) => [
    await loadBehaviourTrend(db, { customerId, asOf, months, baseCurrency }),
    await loadReceivablesTrend(db, {
      asOf,
      baseCurrency,
      months,
      dimension: "total",
      customerIds: [customerId],
    }),
  ]);
  const byK = new Map(payments.map((p) => [Number(p.k), p]));
  const collection = assembleTrend(flows, asOf, months).total;
  return {
    customerId,
    asOf,
    baseCurrency,
    // assembleTrend lists the months oldest first: index i is k = months − 1 − i.
    months: collection.map((m, i) => {
      const paid = byK.get(months - 1 - i);
      const weightedDays = Number(paid?.weightedDays ?? 0);
      const amountMinor = Number(paid?.amountMinor ?? 0);
      const dbt = weightedDaysBeyondTerms({ weightedDays, amountMinor, months: 1 });
      return {
        period: m.monthEnd,
        dbt: dbt.status === "ok" ? dbt.value : null,
        paidMinor: Math.round(amountMinor),
        payments: Number(paid?.count ?? 0),
        latePayments: Number(paid?.lateCount ?? 0),
        dso: m.dso,
        bestDso: m.bestDso,
        addb: m.addb,
        closingArMinor: m.closingArMinor,
        creditSalesMinor: m.creditSalesMinor,
      };
    }),
  };
}
