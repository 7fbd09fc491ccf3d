import type { DatabaseHandle } from "@creditdesk/db";
import { loadPortfolioSummary } from "@creditdesk/db/portfolio";

/**
 * The dashboard's portfolio figures as of a date, in the base currency: customers, open and
 * overdue receivables (also per currency), aging, grade distribution of the latest assessments
 * (customers never assessed counted apart), realised defaults of the last 12 months.
 */
export async function getPortfolioSummary(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
}) {
  const s = await loadPortfolioSummary(options.handle.db, {
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
  });
  const assessed = (s.grades.low ?? 0) + (s.grades.medium ?? 0) + (s.grades.high ?? 0);
  return {
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
    customers: s.customers,
    openReceivables: { baseMinor: s.openBaseMinor, byCurrency: s.byCurrency },
    overdueBaseMinor: s.overdueBaseMinor,
    overdueShare: s.openBaseMinor === 0 ? 0 : s.overdueBaseMinor / s.openBaseMinor,
    aging: s.aging,
    grades: {
      low: s.grades.low ?? 0,
      medium: s.grades.medium ?? 0,
      high: s.grades.high ?? 0,
      unassessed: Math.max(0, s.customers - assessed),
    },
    defaults12m: s.defaults12m,
  };
}
