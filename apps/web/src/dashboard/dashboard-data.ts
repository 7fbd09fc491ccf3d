import { apiGet } from "../shared/api/client.ts";
import type { Customer, Page } from "../shared/api/types.ts";
import type { PortfolioSummary } from "./portfolio-summary.ts";

/** Rows read per customer list request, and at most this many pages (industry and tier charts). */
const PAGE = 500;
const MAX_PAGES = 20;

export interface DashboardData {
  /** Receivables, aging, grades and defaults: the server's aggregate in the base currency. */
  summary: PortfolioSummary;
  coreCustomers: number;
  byIndustry: { code: string; count: number }[];
  /** False when the industry/tier breakdown stopped at MAX_PAGES pages of customers. */
  breakdownComplete: boolean;
}

async function readCustomers(signal: AbortSignal) {
  const items: Customer[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await apiGet<Page<Customer>>("/customers", { limit: PAGE, cursor }, signal);
    items.push(...page.items);
    if (!page.nextCursor) {
      return { items, complete: true };
    }
    cursor = page.nextCursor;
  }
  return { items, complete: false };
}

/**
 * The dashboard's figures: `GET /portfolio/summary` for everything about money, risk and defaults;
 * the customer list only for the industry and tier breakdown, which the summary does not carry.
 */
export async function loadDashboard(signal: AbortSignal): Promise<DashboardData> {
  const [summary, customers] = await Promise.all([
    apiGet<PortfolioSummary>("/portfolio/summary", undefined, signal),
    readCustomers(signal),
  ]);
  const industries = new Map<string, number>();
  for (const c of customers.items) {
    const code = c.industry ?? "?";
    industries.set(code, (industries.get(code) ?? 0) + 1);
  }
  return {
    summary,
    coreCustomers: customers.items.filter((c) => c.tier === "core").length,
    byIndustry: [...industries.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count),
    breakdownComplete: customers.complete,
  };
}
