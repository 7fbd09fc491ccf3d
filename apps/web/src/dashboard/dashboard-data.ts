import { toAssessmentList } from "../customers/credit-file/assessment-view.ts";
import { apiGet, apiGetOptional } from "../shared/api/client.ts";
import type { Customer, Invoice, Page } from "../shared/api/types.ts";
import { aggregateReceivables, type CurrencyReceivables } from "./aggregate-receivables.ts";

/** Rows read per list request, and at most this many pages per figure. */
const PAGE = 500;
const MAX_PAGES = 20;

async function readAll<T>(path: string, query: Record<string, string>, signal: AbortSignal) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await apiGet<Page<T>>(path, { ...query, limit: PAGE, cursor }, signal);
    items.push(...page.items);
    if (!page.nextCursor) {
      return { items, complete: true };
    }
    cursor = page.nextCursor;
  }
  return { items, complete: false };
}

export interface DashboardData {
  asOf: string;
  customers: number;
  customersComplete: boolean;
  coreCustomers: number;
  byIndustry: { code: string; count: number }[];
  receivables: CurrencyReceivables[];
  openInvoicesRead: number;
  receivablesComplete: boolean;
  /** Latest grade per customer when the server lists assessments; null when it does not. */
  grades: Record<string, number> | null;
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Portfolio figures from the list endpoints the API has today (there is no aggregate endpoint yet):
 * customers and open invoices are read page by page, up to a bound, and summed here.
 */
export async function loadDashboard(signal: AbortSignal): Promise<DashboardData> {
  const asOf = todayIso();
  const [customers, invoices, assessments] = await Promise.all([
    readAll<Customer>("/customers", {}, signal),
    readAll<Invoice>("/invoices", { status: "open" }, signal),
    apiGetOptional<unknown>("/assessments", { latest: "true", limit: String(PAGE) }, signal).catch(
      () => null,
    ),
  ]);
  const industries = new Map<string, number>();
  for (const c of customers.items) {
    const code = c.industry ?? "?";
    industries.set(code, (industries.get(code) ?? 0) + 1);
  }
  let grades: Record<string, number> | null = null;
  if (assessments !== null) {
    grades = {};
    for (const view of toAssessmentList(assessments)) {
      if (view.grade) {
        grades[view.grade] = (grades[view.grade] ?? 0) + 1;
      }
    }
  }
  return {
    asOf,
    customers: customers.items.length,
    customersComplete: customers.complete,
    coreCustomers: customers.items.filter((c) => c.tier === "core").length,
    byIndustry: [...industries.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count),
    receivables: aggregateReceivables(invoices.items, asOf),
    openInvoicesRead: invoices.items.length,
    receivablesComplete: invoices.complete,
    grades,
  };
}
