import type { AltmanResult, BehaviourMetrics, FinancialSummary, Metric } from "@creditdesk/core/assessment";
import { formatMinor } from "@creditdesk/core/money";

/** One labelled figure of the review report, in both languages. */
export interface KeyFigure {
  readonly zh: string;
  readonly en: string;
  readonly value: string;
}

const metric = (m: Metric | undefined, digits: number, unit = "") =>
  m === undefined ? "—" : m.status === "ok" ? `${m.value.toFixed(digits)}${unit}` : `— (${m.reason})`;
const percent = (m: Metric | undefined) =>
  m === undefined ? "—" : m.status === "ok" ? `${(m.value * 100).toFixed(1)} %` : `— (${m.reason})`;

/** Latest period's ratios and Altman Z of the assessment (what a reviewer reads first). */
export function financialFigures(financial: FinancialSummary | null | undefined): KeyFigure[] {
  const latest = financial?.latest;
  if (!latest) {
    return [{ zh: "财务报表", en: "Financial statements", value: "none on file" }];
  }
  const r = latest.ratios;
  const z: AltmanResult = latest.altman;
  return [
    { zh: "报表期末", en: "Period end", value: latest.periodEnd },
    {
      zh: "Altman Z 值",
      en: `Altman ${z.variant === "z" ? "Z" : z.variant === "z_prime" ? "Z'" : "Z''"}`,
      value: z.status === "ok" ? `${z.value.toFixed(2)} (${z.zone})` : `— (${z.reason})`,
    },
    { zh: "流动比率", en: "Current ratio", value: metric(r.currentRatio, 2) },
    { zh: "速动比率", en: "Quick ratio", value: metric(r.quickRatio, 2) },
    { zh: "资产负债率", en: "Debt ratio", value: percent(r.debtRatio) },
    { zh: "利息保障倍数", en: "Interest coverage", value: metric(r.interestCoverage, 1, "×") },
    { zh: "销售净利率", en: "Net margin", value: percent(r.netMargin) },
    {
      zh: "经营现金流/总负债",
      en: "Operating cash flow / total liabilities",
      value: metric(r.ocfToTotalLiabilities, 2),
    },
  ];
}

/** Receivables and payment behaviour as of the assessment date, in the reporting currency. */
export function behaviourFigures(b: BehaviourMetrics | null | undefined, currency: string): KeyFigure[] {
  if (!b) {
    return [{ zh: "应收账款", en: "Receivables", value: "no ledger" }];
  }
  const money = (minor: number) => `${formatMinor(Math.round(minor), currency)} ${currency}`;
  return [
    { zh: "未清应收余额", en: "Open balance", value: money(b.openBalanceMinor) },
    { zh: "逾期占比", en: "Overdue share", value: percent(b.overdueShare) },
    {
      zh: "账龄（未到期/1–30/31–60/61–90/91–180/>180）",
      en: "Aging (current/1–30/31–60/61–90/91–180/>180)",
      value: [
        b.aging.current,
        b.aging.d1_30,
        b.aging.d31_60,
        b.aging.d61_90,
        b.aging.d91_180,
        b.aging.over180,
      ]
        .map((v) => formatMinor(Math.round(v), currency))
        .join(" / "),
    },
    { zh: "最长逾期天数", en: "Oldest overdue (days)", value: String(b.maxDaysPastDue) },
    { zh: "应收账款周转天数 DSO", en: "DSO (days)", value: metric(b.dso, 0) },
    { zh: "平均拖欠天数 ADDB", en: "ADDB (days)", value: metric(b.addb, 0) },
    { zh: "回款效率指数 CEI", en: "CEI", value: metric(b.cei, 0, " %") },
    {
      zh: "平均逾期天数（近6个月）",
      en: "Days beyond terms (6 months)",
      value: metric(b.daysBeyondTerms6m, 1),
    },
    {
      zh: "订单趋势（近3个月/历史月均）",
      en: "Order trend (3 months / own average)",
      value: metric(b.orderTrendRatio, 2),
    },
  ];
}
