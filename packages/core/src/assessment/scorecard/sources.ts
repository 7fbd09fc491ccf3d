import { BEHAVIOUR_NUMERIC_FIELDS, type BehaviourNumericField } from "../behaviour/behaviour-metrics.ts";
import { ALTMAN_ZONES } from "../financial/altman.ts";
import { FINANCIAL_RATIO_NAMES, type FinancialRatioName } from "../financial/ratios.ts";
import { TRACKED_MEASURES, type TrackedMeasure } from "../financial/trends.ts";
import type { Metric } from "../shared/metric.ts";
import { EXTERNAL_RATINGS, INDUSTRY_RISKS, type ScoringInputs } from "./scoring-inputs.ts";

/** How a value is written in reason texts. */
export const VALUE_FORMATS = [
  "ratio", // 1.23
  "share", // fraction shown as percent: 0.375 → 37.5%
  "percent", // already a percentage: 77.08 → 77.1%
  "days",
  "count",
  "years",
  "money", // minor units of the reporting currency
  "per100", // per 100 invoices
  "category",
] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export interface LocalisedText {
  readonly en: string;
  readonly zh: string;
}

export type ResolvedValue =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "category"; readonly value: string }
  | { readonly kind: "missing"; readonly reason: string };

export interface SourceDefinition {
  readonly kind: "number" | "category";
  readonly label: LocalisedText;
  readonly format: ValueFormat;
  /** The closed set of values of a category source, with their wording. */
  readonly categories?: readonly { readonly value: string; readonly label: LocalisedText }[];
  readonly resolve: (inputs: ScoringInputs) => ResolvedValue;
}

const missing = (reason: string): ResolvedValue => ({ kind: "missing", reason });

function fromMetric(metric: Metric | number | undefined, absent: string): ResolvedValue {
  if (metric === undefined) {
    return missing(absent);
  }
  if (typeof metric === "number") {
    return Number.isFinite(metric) ? { kind: "number", value: metric } : missing("not a finite number");
  }
  return metric.status === "ok" ? { kind: "number", value: metric.value } : missing(metric.reason);
}

const FINANCIAL_LABELS: Record<FinancialRatioName, [LocalisedText, ValueFormat]> = {
  currentRatio: [{ en: "Current ratio", zh: "流动比率" }, "ratio"],
  quickRatio: [{ en: "Quick ratio", zh: "速动比率" }, "ratio"],
  debtRatio: [{ en: "Debt ratio", zh: "资产负债率" }, "share"],
  debtToEquity: [{ en: "Debt to equity", zh: "产权比率" }, "ratio"],
  interestCoverage: [{ en: "Interest coverage", zh: "利息保障倍数" }, "ratio"],
  netMargin: [{ en: "Net margin", zh: "销售净利率" }, "share"],
  returnOnAssets: [{ en: "Return on assets", zh: "总资产收益率" }, "share"],
  returnOnEquity: [{ en: "Return on equity", zh: "净资产收益率" }, "share"],
  ocfToTotalLiabilities: [
    { en: "Operating cash flow to total liabilities", zh: "经营现金流负债比" },
    "ratio",
  ],
  assetTurnover: [{ en: "Asset turnover", zh: "总资产周转率" }, "ratio"],
  receivableTurnover: [{ en: "Receivable turnover", zh: "应收账款周转率" }, "ratio"],
  receivableDays: [{ en: "Receivable days", zh: "应收账款周转天数" }, "days"],
  inventoryTurnover: [{ en: "Inventory turnover", zh: "存货周转率" }, "ratio"],
  inventoryDays: [{ en: "Inventory days", zh: "存货周转天数" }, "days"],
  workingCapitalMinor: [{ en: "Working capital", zh: "营运资金" }, "money"],
  tangibleNetWorthMinor: [{ en: "Tangible net worth", zh: "有形净资产" }, "money"],
};

const BEHAVIOUR_LABELS: Record<BehaviourNumericField, [LocalisedText, ValueFormat]> = {
  openBalanceMinor: [{ en: "Open balance", zh: "未清应收余额" }, "money"],
  overdueMinor: [{ en: "Overdue amount", zh: "逾期金额" }, "money"],
  overdueShare: [{ en: "Share of the open balance overdue", zh: "逾期金额占比" }, "share"],
  overdue90Share: [
    { en: "Share of the open balance more than 90 days past due", zh: "逾期90天以上金额占比" },
    "share",
  ],
  maxDaysPastDue: [{ en: "Oldest overdue invoice", zh: "最长逾期天数" }, "days"],
  creditSalesMinor: [{ en: "Credit sales (collection period)", zh: "赊销额（统计期）" }, "money"],
  dso: [{ en: "Days sales outstanding", zh: "应收账款周转天数（DSO）" }, "days"],
  bestPossibleDso: [{ en: "Best possible DSO", zh: "最佳DSO" }, "days"],
  addb: [{ en: "Average days delinquent", zh: "平均拖欠天数（ADDB）" }, "days"],
  cei: [{ en: "Collection effectiveness index", zh: "回款有效性指数（CEI）" }, "percent"],
  daysBeyondTerms3m: [{ en: "Average days beyond terms (3 months)", zh: "平均逾期天数（近3个月）" }, "days"],
  daysBeyondTerms6m: [{ en: "Average days beyond terms (6 months)", zh: "平均逾期天数（近6个月）" }, "days"],
  daysBeyondTerms12m: [
    { en: "Average days beyond terms (12 months)", zh: "平均逾期天数（近12个月）" },
    "days",
  ],
  daysBeyondTermsTrend: [
    { en: "Change in days beyond terms (3 vs 12 months)", zh: "逾期天数变化（近3个月较近12个月）" },
    "days",
  ],
  latePaidShareByAmount12m: [
    { en: "Share paid late by amount (12 months)", zh: "逾期付款金额占比（近12个月）" },
    "share",
  ],
  latePaidShareByCount12m: [
    { en: "Share paid late by count (12 months)", zh: "逾期付款笔数占比（近12个月）" },
    "share",
  ],
  openDisputeCount: [{ en: "Number of open disputes", zh: "未决争议数" }, "count"],
  openDisputeAmountMinor: [{ en: "Amount in open disputes", zh: "未决争议金额" }, "money"],
  complaintCount12m: [{ en: "Number of complaints (12 months)", zh: "投诉次数（近12个月）" }, "count"],
  complaintRatePer100Invoices12m: [
    { en: "Complaints per 100 invoices (12 months)", zh: "每百张发票投诉数（近12个月）" },
    "per100",
  ],
  orderVolume3mMinor: [{ en: "Order volume (3 months)", zh: "订单金额（近3个月）" }, "money"],
  orderTrendRatio: [
    { en: "Orders of the last 3 months against the trailing average", zh: "近3个月订单量与历史月均之比" },
    "ratio",
  ],
};

const MEASURE_LABELS: Record<TrackedMeasure, [LocalisedText, ValueFormat]> = {
  ...FINANCIAL_LABELS,
  altmanZ: [{ en: "Altman Z-score", zh: "Altman Z值" }, "ratio"],
};

/**
 * `financial.trend.<measure>`: latest period's value minus the previous period's, in the measure's own
 * unit (a debt ratio 0.50 → 0.55 gives 0.05, shown as "5.0%", i.e. percentage points), for every
 * tracked measure; `financial.trend.revenueGrowth`: revenue change as a fraction of the previous
 * revenue. Missing with fewer than two periods or when either period's value is not computable.
 */
function addTrendSources(sources: Record<string, SourceDefinition>): void {
  const noTrend = (i: ScoringInputs): ResolvedValue | null => {
    if (!i.financial) {
      return missing("no financial statements");
    }
    return i.financial.trend ? null : missing("fewer than two financial periods");
  };
  for (const measure of TRACKED_MEASURES) {
    const [label, format] = MEASURE_LABELS[measure];
    sources[`financial.trend.${measure}`] = {
      kind: "number",
      label: {
        en: `Change in ${lowerFirst(label.en)} since the previous period`,
        zh: `${label.zh}较上期变化`,
      },
      format,
      resolve: (i) => {
        const absent = noTrend(i);
        const m = i.financial?.trend?.measures.find((x) => x.measure === measure);
        if (absent || !m) {
          return absent ?? missing(`no trend of ${measure}`);
        }
        return m.status === "ok" ? { kind: "number", value: m.change } : missing(m.reason);
      },
    };
  }
  sources["financial.trend.revenueGrowth"] = {
    kind: "number",
    label: { en: "Revenue growth since the previous period", zh: "营业收入较上期增长率" },
    format: "share",
    resolve: (i) => noTrend(i) ?? fromMetric(i.financial?.trend?.revenueGrowth, "no revenue growth"),
  };
}

/** "Current ratio" → "current ratio"; a name ("Altman Z-score") keeps its capital. */
function lowerFirst(text: string): string {
  return text.startsWith("Altman") ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function buildSources(): Record<string, SourceDefinition> {
  const sources: Record<string, SourceDefinition> = {};
  for (const name of FINANCIAL_RATIO_NAMES) {
    const [label, format] = FINANCIAL_LABELS[name];
    sources[`financial.${name}`] = {
      kind: "number",
      label,
      format,
      resolve: (i) =>
        i.financial ? fromMetric(i.financial.ratios[name], "") : missing("no financial statements"),
    };
  }
  sources["financial.altmanZ"] = {
    kind: "number",
    label: { en: "Altman Z-score", zh: "Altman Z值" },
    format: "ratio",
    resolve: (i) => {
      const a = i.financial?.altman;
      if (!a) {
        return missing("no financial statements");
      }
      return a.status === "ok" ? { kind: "number", value: a.value } : missing(a.reason);
    },
  };
  sources["financial.altmanZone"] = {
    kind: "category",
    label: { en: "Altman Z-score zone", zh: "Altman Z值区间" },
    format: "category",
    categories: ALTMAN_ZONES.map((value) => ({
      value,
      label: {
        safe: { en: "safe", zh: "安全区" },
        grey: { en: "grey", zh: "灰色区" },
        distress: { en: "distress", zh: "危险区" },
      }[value],
    })),
    resolve: (i) => {
      const a = i.financial?.altman;
      if (!a) {
        return missing("no financial statements");
      }
      return a.status === "ok" ? { kind: "category", value: a.zone } : missing(a.reason);
    },
  };
  addTrendSources(sources);
  for (const name of BEHAVIOUR_NUMERIC_FIELDS) {
    const [label, format] = BEHAVIOUR_LABELS[name];
    sources[`behaviour.${name}`] = {
      kind: "number",
      label,
      format,
      resolve: (i) => (i.behaviour ? fromMetric(i.behaviour[name], "") : missing("no payment history")),
    };
  }
  sources["profile.yearsInBusiness"] = {
    kind: "number",
    label: { en: "Years in business", zh: "经营年限" },
    format: "years",
    resolve: (i) => fromMetric(i.profile.yearsInBusiness, "founding date unknown"),
  };
  sources["profile.registeredCapitalMinor"] = {
    kind: "number",
    label: { en: "Registered capital", zh: "注册资本" },
    format: "money",
    resolve: (i) => fromMetric(i.profile.registeredCapitalMinor, "registered capital unknown"),
  };
  sources["profile.industryRisk"] = {
    kind: "category",
    label: { en: "Industry risk", zh: "行业风险" },
    format: "category",
    categories: INDUSTRY_RISKS.map((value) => ({
      value,
      label: {
        low: { en: "low", zh: "低" },
        medium: { en: "medium", zh: "中" },
        high: { en: "high", zh: "高" },
      }[value],
    })),
    resolve: (i) =>
      i.profile.industryRisk === undefined
        ? missing("industry risk unknown")
        : { kind: "category", value: i.profile.industryRisk },
  };
  sources["external.rating"] = {
    kind: "category",
    label: { en: "External rating", zh: "外部信用评级" },
    format: "category",
    categories: EXTERNAL_RATINGS.map((value) => ({ value, label: { en: value, zh: value } })),
    resolve: (i) =>
      i.external.rating === undefined
        ? missing("no external rating")
        : { kind: "category", value: normaliseRating(i.external.rating) },
  };
  sources["events.adverseCount12m"] = {
    kind: "number",
    label: { en: "Number of adverse events (12 months)", zh: "不利事件数（近12个月）" },
    format: "count",
    resolve: (i) => fromMetric(i.events.adverseCount12m, "adverse events not checked"),
  };
  return sources;
}

/**
 * Agencies notch their grades (AA+, AA, AA-; Chinese agencies write the same): the scorecard bins
 * the whole grade, so the notch and surrounding spaces are dropped ("aa+ " → "AA").
 */
export function normaliseRating(rating: string): string {
  return rating.trim().toUpperCase().replace(/[+-]$/, "");
}

/** Every metric path a scorecard characteristic may name as its `source`. */
export const SCORING_SOURCES: Readonly<Record<string, SourceDefinition>> = buildSources();

export function sourceDefinition(path: string): SourceDefinition | undefined {
  return Object.hasOwn(SCORING_SOURCES, path) ? SCORING_SOURCES[path] : undefined;
}

/** Reads one source from the inputs; an unknown category value (e.g. rating "XYZ") counts as missing. */
export function resolveSource(path: string, inputs: ScoringInputs): ResolvedValue {
  const def = sourceDefinition(path);
  if (!def) {
    return missing(`unknown source ${path}`);
  }
  const value = def.resolve(inputs);
  if (value.kind === "category" && !def.categories?.some((c) => c.value === value.value)) {
    return missing(`'${value.value}' is not a known value of ${path}`);
  }
  return value;
}
