import {
  type AdverseEvent,
  type AdverseEventType,
  type AssessCustomerOptions,
  addDays,
  addMonths,
  type BehaviourMetrics,
  type FinancialStatement,
} from "@creditdesk/core/assessment";
import type { AssessmentFacts, StatementRow } from "@creditdesk/db/assessment";
import { industryRiskOf } from "./industry-risk.ts";

/** Database event types → the adverse events the scorecard counts (address changes and low-severity items are not adverse). */
const ADVERSE_BY_TYPE: Readonly<Record<string, AdverseEventType | undefined>> = {
  lawsuit: "lawsuit",
  enforcement: "enforcement",
  management_change: "management_change",
  legal_rep_change: "management_change",
  rating_change: "rating_downgrade",
  bankruptcy: "other",
  tax_violation: "other",
  other: "other",
};

export function toStatement(row: StatementRow): FinancialStatement {
  const l = row.lines;
  const line = (k: string): number | undefined =>
    l[k] === null || l[k] === undefined ? undefined : (l[k] as number);
  return {
    periodStart: addDays(addMonths(row.periodEnd, -row.periodMonths), 1),
    periodEnd: row.periodEnd,
    currency: row.currency,
    ...definedOnly({
      currentAssets: line("currentAssets"),
      cash: line("cash"),
      inventory: line("inventory"),
      receivables: line("receivables"),
      totalAssets: line("totalAssets"),
      intangibleAssets: line("intangibleAssets"),
      currentLiabilities: line("currentLiabilities"),
      totalLiabilities: line("totalLiabilities"),
      equity: line("equity"),
      retainedEarnings: line("retainedEarnings"),
      revenue: line("revenue"),
      costOfSales: line("costOfSales"),
      ebit: line("ebit"),
      interestExpense: line("interestExpense"),
      netIncome: line("netIncome"),
      operatingCashFlow: line("operatingCashFlow"),
      marketValueEquity: line("marketValueEquity"),
    }),
  };
}

function definedOnly<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== undefined) {
      out[k as keyof T] = v;
    }
  }
  return out;
}

/** Everything `assessCustomer` needs except the scorecard, from the set-wise loads. */
export function toAssessmentInputs(options: {
  facts: AssessmentFacts;
  behaviour: BehaviourMetrics | null;
  asOf: string;
  baseCurrency: string;
}): Omit<AssessCustomerOptions, "scorecard"> {
  const { facts } = options;
  const events: AdverseEvent[] = [];
  for (const e of facts.events) {
    const type = ADVERSE_BY_TYPE[e.type];
    if (type && e.severity !== "low") {
      events.push({ date: e.date, type });
    }
  }
  const industryRisk = industryRiskOf(facts.industry);
  return {
    asOf: options.asOf,
    profile: {
      ownership: facts.companyType === "public_manufacturer" ? "public" : "private",
      isManufacturer: facts.companyType !== "non_manufacturer",
      isCoreCustomer: facts.tier === "core",
      ...(facts.foundedOn ? { foundedOn: facts.foundedOn } : {}),
      ...(facts.registeredCapitalBaseMinor !== null
        ? { registeredCapitalMinor: facts.registeredCapitalBaseMinor }
        : {}),
      ...(industryRisk ? { industryRisk } : {}),
    },
    statements: facts.statements.map(toStatement),
    behaviour: options.behaviour,
    external: facts.rating ? { rating: facts.rating } : {},
    events,
    reportingCurrency: options.baseCurrency,
  };
}
